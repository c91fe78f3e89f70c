package io.tollgate.release;

import io.tollgate.notes.ReleaseNotes;
import io.tollgate.process.HandoffDef;
import io.tollgate.process.NotesField;
import io.tollgate.process.ProcessDefinition;
import io.tollgate.process.ReleaseType;
import io.tollgate.process.RequirementDef;
import io.tollgate.process.StepDef;
import io.tollgate.process.StepKind;
import io.tollgate.release.Decision.Verdict;
import io.tollgate.release.ReleaseEvent.DecisionRecorded;
import io.tollgate.release.ReleaseEvent.DeploymentRecorded;
import io.tollgate.release.ReleaseEvent.HandoffAcknowledged;
import io.tollgate.release.ReleaseEvent.HandoffHanded;
import io.tollgate.release.ReleaseEvent.NotesUpdated;
import io.tollgate.release.ReleaseEvent.ReleaseCancelled;
import io.tollgate.release.ReleaseEvent.ReleaseFailed;
import io.tollgate.release.ReleaseEvent.ReleasePlanned;
import io.tollgate.release.ReleaseEvent.ReleaseRolledBack;
import io.tollgate.release.ReleaseEvent.RequirementMet;
import io.tollgate.release.ReleaseEvent.RequirementSigned;
import io.tollgate.release.ReleaseEvent.StepCompleted;
import io.tollgate.release.ReleaseEvent.StepSkipped;
import io.tollgate.release.ReleaseEvent.VerificationRecorded;
import io.tollgate.shared.BadRequest;
import io.tollgate.shared.Blocker;
import io.tollgate.shared.Forbidden;
import io.tollgate.shared.Invalid;
import io.tollgate.shared.NotFound;
import io.tollgate.shared.Refused;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One version of a product going through its process. Every rule of the lifecycle lives here: who
 * may act, in which order, and what a command changes. A command either changes the state and
 * returns what happened, or throws a {@link io.tollgate.shared.TollgateException} naming why and
 * what it waits for; a refused command changes nothing.
 */
public final class Release {
  private final ReleaseId id;
  private final String product;
  private final ProcessRef processRef;
  private final ProcessDefinition process;
  private final ReleaseType type;
  private final SemanticVersion version;
  private final String name;
  private final Window window;
  private final String createdBy;
  private final Instant createdAt;
  private final Map<String, RequirementState> requirements;
  private final Map<String, StepState> steps;
  private final Map<String, HandoffState> handoffs;
  private final List<Decision> decisions;
  private ReleaseNotes notes;
  private final List<DeploymentRecord> deployments;
  private Cancellation cancellation;
  private Rollback rollback;
  private final List<String> incidents;
  private final long revision;

  private Release(ReleaseData data, ProcessDefinition process) {
    this.id = new ReleaseId(data.id());
    this.product = data.product();
    this.processRef = data.process();
    this.process = process;
    this.type = ReleaseType.parse(data.type()).orElseThrow();
    this.version = SemanticVersion.parse(data.version()).orElseThrow();
    this.name = data.name();
    this.window = data.window();
    this.createdBy = data.createdBy();
    this.createdAt = data.createdAt();
    this.requirements = index(data.requirements(), RequirementState::key);
    this.steps = index(data.steps(), StepState::key);
    this.handoffs = index(data.handoffs(), HandoffState::key);
    this.decisions = new ArrayList<>(data.decisions());
    this.notes = data.notes();
    this.deployments = new ArrayList<>(data.deployments());
    this.cancellation = data.cancellation();
    this.rollback = data.rollback();
    this.incidents = new ArrayList<>(data.incidents());
    this.revision = data.revision();
  }

  /** Rebuilds a release from its stored state and the process version it began with. */
  public static Release restore(ReleaseData data, ProcessDefinition process) {
    return new Release(data, process);
  }

  /**
   * Plans a new release. Only a holder of the role that owns the decision step (the release manager
   * in the built-in process) may plan one. Items that do not apply to the type are left out.
   */
  public static Planned plan(
      ReleaseId id,
      String product,
      ProcessRef ref,
      ProcessDefinition process,
      ReleaseType type,
      SemanticVersion version,
      String name,
      Window window,
      ReleaseNotes notes,
      Participant by,
      Instant now) {
    String owner = process.decisionStep().owner();
    if (!by.holds(owner)) {
      throw Forbidden.needsRole(owner, "Planning a release", by.username(), by.sortedRoles());
    }
    if (window != null
        && window.start() != null
        && window.end() != null
        && !window.end().isAfter(window.start())) {
      throw Invalid.because("The deployment window must end after it starts.");
    }
    List<RequirementState> reqs =
        process.requirements().stream()
            .filter(r -> r.appliesTo(type))
            .map(r -> RequirementState.open(r.key()))
            .toList();
    List<StepState> stepStates =
        process.steps().stream()
            .filter(s -> s.appliesTo(type))
            .map(s -> StepState.pending(s.key()))
            .toList();
    List<HandoffState> handoffStates =
        process.handoffs().stream()
            .filter(h -> h.appliesTo(type))
            .map(h -> HandoffState.waiting(h.key()))
            .toList();
    ReleaseData data =
        new ReleaseData(
            id.value(),
            product,
            ref,
            type.id(),
            version.toString(),
            name,
            window,
            by.username(),
            now,
            reqs,
            stepStates,
            handoffStates,
            List.of(),
            notes == null ? ReleaseNotes.empty() : notes,
            List.of(),
            null,
            null,
            List.of(),
            0);
    Release release = new Release(data, process);
    return new Planned(
        release, List.of(new ReleasePlanned(id, product, version.toString(), type.id())));
  }

  /** A newly planned release and the event that says so. */
  public record Planned(Release release, List<ReleaseEvent> events) {}

  // ---------------------------------------------------------------- requirements

  /**
   * Meets a requirement with evidence. A requirement signed by several roles takes one signature
   * per call (from a role the caller holds that has not signed yet, and from a person who has not
   * signed it before) and is met with the last one.
   */
  public List<ReleaseEvent> meet(String key, Evidence evidence, Participant by, Instant now) {
    RequirementDef def = requirementDef(key);
    ensureOpenForWork();
    RequirementState state = requirements.get(key);
    if (state.met()) {
      throw Refused.because(
          "Requirement '"
              + key
              + "' is already met (by "
              + state.by()
              + " at "
              + state.at()
              + ").");
    }
    if (!def.needsSeveralSignatures()) {
      if (!by.holds(def.owner())) {
        throw Forbidden.needsRole(
            def.owner(), "Meeting requirement '" + key + "'", by.username(), by.sortedRoles());
      }
      checkAutomaticCondition(def);
      requirements.put(key, state.metBy(by.username(), now, evidence));
      return List.of(new RequirementMet(id, key, false));
    }
    Optional<String> role =
        def.signers().stream().filter(r -> by.holds(r) && !state.signedBy(r)).findFirst();
    if (role.isEmpty()) {
      if (def.signers().stream().noneMatch(by::holds)) {
        throw Forbidden.needsRole(
            String.join("' or '", def.signers()),
            "Signing requirement '" + key + "'",
            by.username(),
            by.sortedRoles());
      }
      throw Refused.because(
          "Requirement '"
              + key
              + "' already has the signature of your role; it still needs "
              + String.join(", ", unsignedRoles(def, state))
              + ".",
          unsignedRoles(def, state).stream()
              .map(r -> new Blocker("signature", r, r + " signs " + key))
              .toList());
    }
    if (state.signatures().stream().anyMatch(s -> s.by().equals(by.username()))) {
      throw Refused.because(
          "You already signed requirement '"
              + key
              + "'; it needs a signature from another person "
              + "holding "
              + String.join(", ", unsignedRoles(def, state))
              + ".");
    }
    checkAutomaticCondition(def);
    RequirementState signed = state.signed(new Signature(role.get(), by.username(), now));
    List<ReleaseEvent> events = new ArrayList<>();
    events.add(new RequirementSigned(id, key, role.get()));
    if (def.signers().stream().allMatch(signed::signedBy)) {
      signed = signed.metBy(by.username(), now, evidence);
      events.add(new RequirementMet(id, key, false));
    } else if (evidence != null && !evidence.isEmpty()) {
      signed = new RequirementState(key, false, evidence, null, null, signed.signatures());
    }
    requirements.put(key, signed);
    return events;
  }

  private static List<String> unsignedRoles(RequirementDef def, RequirementState state) {
    return def.signers().stream().filter(r -> !state.signedBy(r)).toList();
  }

  private void checkAutomaticCondition(RequirementDef def) {
    if (def.check() == RequirementDef.Check.NOTES_COMPLETE) {
      List<NotesField> missing = notes.missing(process.notes(), type);
      if (!missing.isEmpty()) {
        throw Refused.because(
            "Requirement '"
                + def.key()
                + "' needs complete release notes; still missing: "
                + String.join(", ", missing.stream().map(NotesField::label).toList())
                + ". Fill them with PUT /api/v1/releases/"
                + id
                + "/notes.",
            missing.stream().map(f -> new Blocker("notes-field", f.key(), f.label())).toList());
      }
    }
  }

  // ---------------------------------------------------------------- steps

  /**
   * Completes a checklist step. The caller must hold the step's owner role; everything the step
   * depends on must be done. Deploy, smoke-test and verification steps need an outcome; a failed
   * step may be completed again, and the latest outcome counts.
   */
  public List<ReleaseEvent> complete(
      String key, String note, Evidence evidence, Outcome outcome, Participant by, Instant now) {
    StepDef def = stepDef(key);
    ensureOpenForWork();
    if (def.isDecision()) {
      throw Refused.because(
          "Step '"
              + key
              + "' is the go/no-go decision: record it with POST /api/v1/releases/"
              + id
              + "/decision.");
    }
    if (!by.holds(def.owner())) {
      throw Forbidden.needsRole(
          def.owner(), "Completing step '" + key + "'", by.username(), by.sortedRoles());
    }
    StepState state = steps.get(key);
    if (state.status() == StepStatus.DONE) {
      throw Refused.because(
          "Step '" + key + "' is already done (by " + state.by() + " at " + state.at() + ").");
    }
    if (state.status() == StepStatus.SKIPPED) {
      throw Refused.because("Step '" + key + "' was skipped: " + state.note());
    }
    if (def.kind().needsOutcome() && outcome == null) {
      throw BadRequest.because(
          "Step '"
              + key
              + "' is a "
              + def.kind().id()
              + " step: say how it went with \"outcome\": \"succeeded\" or \"failed\".");
    }
    if (!def.kind().needsOutcome() && outcome != null) {
      throw Invalid.because(
          "Step '" + key + "' is a " + def.kind().id() + " step and takes no outcome.");
    }
    List<Blocker> blockers = blockersOf(def);
    if (!blockers.isEmpty()) {
      throw Refused.because("Step '" + key + "' waits for: " + describe(blockers) + ".", blockers);
    }
    StepState done = state.completed(by.username(), now, note, evidence, outcome);
    steps.put(key, done);
    List<ReleaseEvent> events = new ArrayList<>();
    events.add(new StepCompleted(id, key, outcome == null ? null : outcome.id(), done.attempts()));
    if (def.kind() == StepKind.DEPLOY) {
      deployments.add(
          new DeploymentRecord(
              def.environment(), version.toString(), outcome, by.username(), now, key));
      events.add(
          new DeploymentRecorded(id, product, def.environment(), version.toString(), outcome.id()));
    }
    if (def.kind() == StepKind.VERIFICATION) {
      events.add(
          new VerificationRecorded(
              id, product, def.environment(), version.toString(), outcome.id()));
    }
    if (outcome == Outcome.FAILED) {
      if (def.incidentOnFailure()) {
        events.add(
            new ReleaseFailed(
                id, product, version.toString(), processRef, key, def.environment(), by.actor()));
      }
      return events;
    }
    for (String reqKey : def.meets()) {
      RequirementState req = requirements.get(reqKey);
      if (req != null && !req.met()) {
        requirements.put(
            reqKey,
            req.metBy(
                by.username(),
                now,
                new Evidence(
                    evidence == null ? null : evidence.url(),
                    "Met by step '"
                        + key
                        + "' completing with outcome succeeded"
                        + (note == null || note.isBlank() ? "" : ": " + note))));
        events.add(new RequirementMet(id, reqKey, true));
      }
    }
    events.addAll(handOffAfter(key, by, now));
    return events;
  }

  /** Skips an optional step with a reason; only its owner may. */
  public List<ReleaseEvent> skip(String key, String reason, Participant by, Instant now) {
    StepDef def = stepDef(key);
    ensureOpenForWork();
    if (reason == null || reason.isBlank()) {
      throw BadRequest.because("Skipping step '" + key + "' needs a \"reason\".");
    }
    if (!def.optional()) {
      throw Refused.because(
          "Step '" + key + "' is not optional and cannot be skipped; complete it instead.");
    }
    if (!by.holds(def.owner())) {
      throw Forbidden.needsRole(
          def.owner(), "Skipping step '" + key + "'", by.username(), by.sortedRoles());
    }
    StepState state = steps.get(key);
    if (state.status().isSettled()) {
      throw Refused.because("Step '" + key + "' is already " + state.status().id() + ".");
    }
    steps.put(key, state.skipped(by.username(), now, reason.strip()));
    List<ReleaseEvent> events = new ArrayList<>();
    events.add(new StepSkipped(id, key, reason.strip()));
    events.addAll(handOffAfter(key, by, now));
    return events;
  }

  /** What a step still waits for; empty when it may be completed now. */
  public List<Blocker> blockersOf(StepDef def) {
    List<Blocker> blockers = new ArrayList<>();
    for (String after : def.after()) {
      StepState dep = steps.get(after);
      if (dep == null) {
        continue; // not part of this release type
      }
      StepDef depDef = process.step(after).orElseThrow();
      if (depDef.isDecision()) {
        Decision latest = latestDecision();
        if (latest == null || !latest.isGo()) {
          blockers.add(
              new Blocker(
                  "decision",
                  after,
                  latest == null
                      ? "Needs a go decision"
                      : "Latest decision is no-go: " + latest.rationale()));
        }
      } else if (!dep.status().isSettled()) {
        blockers.add(new Blocker("step", after, depDef.title() + " (" + depDef.owner() + ")"));
      }
    }
    for (String req : def.requires()) {
      RequirementState state = requirements.get(req);
      if (state != null && !state.met()) {
        RequirementDef reqDef = process.requirement(req).orElseThrow();
        blockers.add(new Blocker("requirement", req, reqDef.title() + " (" + reqDef.owner() + ")"));
      }
    }
    if (def.isDecision()) {
      blockers.addAll(goBlockers());
    }
    return dedupe(blockers);
  }

  // ---------------------------------------------------------------- decision

  /**
   * Records a go/no-go decision. Go is refused unless every requirement is met and every step
   * before the decision is done or skipped. Each decision keeps a snapshot of everything.
   */
  public List<ReleaseEvent> decide(Verdict verdict, String rationale, Participant by, Instant now) {
    return decide(verdict, rationale, null, by, now);
  }

  /**
   * Records a go/no-go decision as a compare-and-set on the latest one. {@code replaces} is the
   * number (1-based) of the latest decision the caller saw and means to replace; without it, a
   * decision is refused while the latest decision is the last thing that happened on the release
   * (two people deciding at once never both succeed; the second is told what stands).
   */
  public List<ReleaseEvent> decide(
      Verdict verdict, String rationale, Integer replaces, Participant by, Instant now) {
    StepDef def = process.decisionStep();
    ensureOpenForWork();
    if (!by.holds(def.owner())) {
      throw Forbidden.needsRole(
          def.owner(), "The go/no-go decision", by.username(), by.sortedRoles());
    }
    if (rationale == null || rationale.isBlank()) {
      throw BadRequest.because("A go/no-go decision needs a \"rationale\" that says why.");
    }
    checkReplaces(replaces);
    if (productionAttempted()) {
      throw Refused.because(
          "The release has already been deployed past the decision; a new decision cannot change that.");
    }
    if (verdict == Verdict.GO) {
      List<Blocker> blockers = goBlockers();
      if (!blockers.isEmpty()) {
        throw Refused.because(
            "Go is refused: "
                + blockers.size()
                + " item(s) not done yet: "
                + describe(blockers)
                + ".",
            blockers);
      }
    }
    Decision decision =
        new Decision(
            verdict,
            rationale.strip(),
            by.username(),
            now,
            new Decision.Snapshot(List.copyOf(requirements.values()), List.copyOf(steps.values())),
            revision + 1);
    decisions.add(decision);
    StepState state = steps.get(def.key());
    steps.put(
        def.key(),
        new StepState(
            def.key(),
            StepStatus.DONE,
            by.username(),
            now,
            verdict.id() + ": " + rationale.strip(),
            null,
            null,
            state.attempts() + 1));
    List<ReleaseEvent> events = new ArrayList<>();
    events.add(new DecisionRecorded(id, verdict.id(), rationale.strip()));
    if (verdict == Verdict.GO) {
      events.addAll(handOffAfter(def.key(), by, now));
    }
    return events;
  }

  private void checkReplaces(Integer replaces) {
    Decision latest = latestDecision();
    int standing = decisions.size();
    if (replaces != null) {
      if (replaces != standing) {
        throw Refused.because(
            "You meant to replace decision "
                + replaces
                + ", but "
                + (standing == 0 ? "no decision stands" : "the latest is decision " + standing)
                + describeLatest(latest)
                + ". Reload the release and decide again.");
      }
      return;
    }
    if (latest != null && latest.revision() != null && latest.revision() == revision) {
      throw Refused.because(
          "Decision "
              + standing
              + describeLatest(latest)
              + " was just recorded and nothing changed since. To replace it, send"
              + " \"replaces\": "
              + standing
              + " (or If-Match with the release's current ETag).");
    }
  }

  private static String describeLatest(Decision latest) {
    return latest == null
        ? ""
        : " (" + latest.decision().id() + " by " + latest.by() + " at " + latest.at() + ")";
  }

  /** What go waits for: unmet requirements and unsettled steps before the decision. */
  public List<Blocker> goBlockers() {
    List<Blocker> blockers = new ArrayList<>();
    for (RequirementState state : requirements.values()) {
      if (!state.met()) {
        RequirementDef def = process.requirement(state.key()).orElseThrow();
        String who =
            String.join(
                " + ", def.needsSeveralSignatures() ? unsignedRoles(def, state) : def.signers());
        blockers.add(new Blocker("requirement", def.key(), def.title() + " (" + who + ")"));
      }
    }
    for (String key : stepsBeforeDecision()) {
      StepState state = steps.get(key);
      if (!state.status().isSettled()) {
        StepDef def = process.step(key).orElseThrow();
        String how = state.status() == StepStatus.FAILED ? ", failed" : "";
        blockers.add(new Blocker("step", key, def.title() + " (" + def.owner() + how + ")"));
      }
    }
    return blockers;
  }

  /** Steps listed before the decision step, and everything it depends on. */
  private Set<String> stepsBeforeDecision() {
    StepDef decision = process.decisionStep();
    Set<String> before = new LinkedHashSet<>();
    for (StepDef s : process.steps()) {
      if (s.key().equals(decision.key())) {
        break;
      }
      before.add(s.key());
    }
    Set<String> dependencies = new LinkedHashSet<>();
    collectDependencies(decision, dependencies);
    before.addAll(dependencies);
    before.retainAll(steps.keySet());
    before.remove(decision.key());
    return before;
  }

  private void collectDependencies(StepDef step, Set<String> into) {
    for (String after : step.after()) {
      if (into.add(after)) {
        process.step(after).ifPresent(s -> collectDependencies(s, into));
      }
    }
  }

  // ---------------------------------------------------------------- handoffs

  private List<ReleaseEvent> handOffAfter(String stepKey, Participant by, Instant now) {
    List<ReleaseEvent> events = new ArrayList<>();
    for (HandoffDef def : process.handoffs()) {
      HandoffState state = handoffs.get(def.key());
      if (state != null && def.trigger().equals(stepKey) && !state.isHanded()) {
        handoffs.put(def.key(), state.handed(by.username(), now));
        events.add(new HandoffHanded(id, def.key(), def.from(), def.to()));
      }
    }
    return events;
  }

  /** The receiving role acknowledges a handed handoff. */
  public List<ReleaseEvent> acknowledge(String key, Participant by, Instant now) {
    HandoffDef def =
        process.handoffs().stream()
            .filter(h -> h.key().equals(key) && handoffs.containsKey(key))
            .findFirst()
            .orElseThrow(
                () ->
                    NotFound.of(
                        "handoff",
                        key,
                        "Handoffs of this release: " + String.join(", ", handoffs.keySet()) + "."));
    ensureOpenForWork();
    if (!by.holds(def.to())) {
      throw Forbidden.needsRole(
          def.to(), "Acknowledging handoff '" + key + "'", by.username(), by.sortedRoles());
    }
    HandoffState state = handoffs.get(key);
    if (!state.isHanded()) {
      StepDef trigger = process.step(def.trigger()).orElseThrow();
      throw Refused.because(
          "Handoff '"
              + key
              + "' has not been handed yet; it is handed when step '"
              + trigger.key()
              + "' completes"
              + (trigger.isDecision() ? " with a go" : "")
              + ".",
          List.of(
              new Blocker("step", trigger.key(), trigger.title() + " (" + trigger.owner() + ")")));
    }
    if (state.acknowledgedAt() != null) {
      throw Refused.because(
          "Handoff '"
              + key
              + "' was already acknowledged by "
              + state.acknowledgedBy()
              + " at "
              + state.acknowledgedAt()
              + ".");
    }
    handoffs.put(key, state.acknowledged(by.username(), now));
    return List.of(new HandoffAcknowledged(id, key));
  }

  // ---------------------------------------------------------------- notes

  /** Changes notes fields; each field only by a holder of its owner role. */
  public List<ReleaseEvent> updateNotes(Map<String, List<String>> changes, Participant by) {
    if (cancellation != null) {
      throw Refused.because("The release was cancelled; its notes can no longer change.");
    }
    if (changes.isEmpty()) {
      throw BadRequest.because(
          "Name at least one notes field to change: "
              + String.join(", ", process.notes().fields().stream().map(NotesField::key).toList())
              + ".");
    }
    ReleaseNotes changed = notes;
    for (Map.Entry<String, List<String>> change : changes.entrySet()) {
      NotesField field =
          process
              .notes()
              .field(change.getKey())
              .orElseThrow(
                  () ->
                      Invalid.because(
                          "'"
                              + change.getKey()
                              + "' is not a field of the release notes; the fields are "
                              + String.join(
                                  ", ",
                                  process.notes().fields().stream().map(NotesField::key).toList())
                              + "."));
      if (!by.holds(field.owner())) {
        throw Forbidden.needsRole(
            field.owner(),
            "Editing the notes field '" + field.key() + "'",
            by.username(),
            by.sortedRoles());
      }
      if (!field.list() && change.getValue().size() > 1) {
        throw Invalid.because("The notes field '" + field.key() + "' holds one text, not a list.");
      }
      changed = changed.with(field.key(), change.getValue());
    }
    notes = changed;
    return List.of(new NotesUpdated(id, List.copyOf(changes.keySet())));
  }

  // ---------------------------------------------------------------- cancel and rollback

  /** Cancels the release; only its release manager, and not once it went to production. */
  public List<ReleaseEvent> cancel(String reason, Participant by, Instant now) {
    String owner = process.decisionStep().owner();
    if (!by.holds(owner)) {
      throw Forbidden.needsRole(owner, "Cancelling a release", by.username(), by.sortedRoles());
    }
    if (reason == null || reason.isBlank()) {
      throw BadRequest.because("Cancelling a release needs a \"reason\".");
    }
    if (cancellation != null) {
      throw Refused.because(
          "The release was already cancelled by "
              + cancellation.by()
              + ": "
              + cancellation.reason());
    }
    if (productionAttempted()) {
      throw Refused.because(
          "The release has been deployed past the go/no-go decision and can no longer be cancelled;"
              + " open an incident and roll back instead.");
    }
    cancellation = new Cancellation(reason.strip(), by.username(), now);
    return List.of(new ReleaseCancelled(id, reason.strip()));
  }

  /** Records that an incident was opened on this release (by a person or by a failed step). */
  public List<ReleaseEvent> incidentOpened(String incident) {
    if (incidents.contains(incident)) {
      return List.of();
    }
    incidents.add(incident);
    return List.of(new ReleaseEvent.IncidentAttached(id, incident));
  }

  /** The incidents opened on this release, oldest first. */
  public List<String> incidents() {
    return List.copyOf(incidents);
  }

  /** Records that the incident playbook rolled this release back out of an environment. */
  public List<ReleaseEvent> rolledBack(
      String incident, String environment, String toVersion, String by, Instant now) {
    if (rollback != null) {
      throw Refused.because(
          "The release was already rolled back by incident " + rollback.incident() + ".");
    }
    if (cancellation != null) {
      throw Refused.because("The release was cancelled; there is nothing to roll back.");
    }
    rollback = new Rollback(incident, environment, toVersion, by, now);
    return List.of(new ReleaseRolledBack(id, incident, environment, toVersion));
  }

  // ---------------------------------------------------------------- status

  /** The status, derived from what was done; never stored on its own. */
  public ReleaseStatus status() {
    if (cancellation != null) return ReleaseStatus.CANCELLED;
    if (rollback != null) return ReleaseStatus.ROLLED_BACK;
    boolean failed =
        steps.values().stream()
            .anyMatch(
                s ->
                    s.status() == StepStatus.FAILED
                        && process.step(s.key()).orElseThrow().incidentOnFailure());
    if (failed) return ReleaseStatus.FAILED;
    if (steps.values().stream().allMatch(s -> s.status().isSettled())) return ReleaseStatus.CLOSED;
    if (releasedToTarget()) return ReleaseStatus.RELEASED;
    Decision latest = latestDecision();
    if (latest != null) return latest.isGo() ? ReleaseStatus.APPROVED : ReleaseStatus.NO_GO;
    if (goBlockers().isEmpty()) return ReleaseStatus.AWAITING_DECISION;
    boolean anything =
        requirements.values().stream().anyMatch(r -> r.met() || !r.signatures().isEmpty())
            || steps.values().stream().anyMatch(StepState::touched);
    return anything ? ReleaseStatus.PREPARING : ReleaseStatus.PLANNED;
  }

  /** A deploy step gated by the decision succeeded: the release reached its target environment. */
  private boolean releasedToTarget() {
    return gatedDeploySteps().stream()
        .map(steps::get)
        .anyMatch(
            s -> s != null && s.status() == StepStatus.DONE && s.outcome() == Outcome.SUCCEEDED);
  }

  private boolean productionAttempted() {
    return gatedDeploySteps().stream().map(steps::get).anyMatch(s -> s != null && s.attempts() > 0);
  }

  /** Deploy steps that depend, directly or through other steps, on the decision. */
  private List<String> gatedDeploySteps() {
    String decision = process.decisionStep().key();
    return process.steps().stream()
        .filter(s -> s.kind() == StepKind.DEPLOY && dependsOn(s, decision, new LinkedHashSet<>()))
        .map(StepDef::key)
        .toList();
  }

  private boolean dependsOn(StepDef step, String target, Set<String> seen) {
    for (String after : step.after()) {
      if (after.equals(target)) return true;
      if (seen.add(after)
          && process.step(after).map(s -> dependsOn(s, target, seen)).orElse(false)) {
        return true;
      }
    }
    return false;
  }

  /** The next steps someone can act on now (pending and not blocked), in process order. */
  public List<StepDef> actionableSteps() {
    if (cancellation != null || rollback != null) {
      return List.of();
    }
    return process.steps().stream()
        .filter(s -> steps.containsKey(s.key()))
        .filter(s -> !steps.get(s.key()).status().isSettled() || awaitsNewDecision(s))
        .filter(s -> blockersOf(s).isEmpty())
        .toList();
  }

  /** After a no-go, the decision step is open again until production is attempted. */
  private boolean awaitsNewDecision(StepDef step) {
    Decision latest = latestDecision();
    return step.isDecision() && latest != null && !latest.isGo() && !productionAttempted();
  }

  /** When the release reached its target environment (a decision-gated deployment succeeded). */
  public Optional<Instant> releasedAt() {
    return gatedDeploySteps().stream()
        .map(steps::get)
        .filter(s -> s != null && s.status() == StepStatus.DONE && s.outcome() == Outcome.SUCCEEDED)
        .map(StepState::at)
        .findFirst();
  }

  private void ensureOpenForWork() {
    if (cancellation != null) {
      throw Refused.because(
          "The release was cancelled by " + cancellation.by() + ": " + cancellation.reason());
    }
    if (rollback != null) {
      throw Refused.because(
          "The release was rolled back (incident "
              + rollback.incident()
              + "); plan a new release for the fix.");
    }
  }

  private RequirementDef requirementDef(String key) {
    return process
        .requirement(key)
        .filter(r -> requirements.containsKey(key))
        .orElseThrow(
            () ->
                NotFound.of(
                    "requirement",
                    key,
                    "Requirements of this release: "
                        + String.join(", ", requirements.keySet())
                        + "."));
  }

  private StepDef stepDef(String key) {
    return process
        .step(key)
        .filter(s -> steps.containsKey(key))
        .orElseThrow(
            () ->
                NotFound.of(
                    "step",
                    key,
                    "Steps of this release: " + String.join(", ", steps.keySet()) + "."));
  }

  private static String describe(List<Blocker> blockers) {
    return String.join(
        "; ", blockers.stream().map(b -> b.kind() + " '" + b.key() + "' — " + b.title()).toList());
  }

  private static List<Blocker> dedupe(List<Blocker> blockers) {
    Map<String, Blocker> unique = new LinkedHashMap<>();
    blockers.forEach(b -> unique.putIfAbsent(b.kind() + ":" + b.key(), b));
    return List.copyOf(unique.values());
  }

  private static <T> Map<String, T> index(
      List<T> items, java.util.function.Function<T, String> key) {
    Map<String, T> map = new LinkedHashMap<>();
    items.forEach(i -> map.put(key.apply(i), i));
    return map;
  }

  // ---------------------------------------------------------------- what a person may do

  /**
   * What a participant may do now, found by trying every command on a copy of this release — so no
   * rule is restated for a page. A key ({@code meet:<req>}, {@code complete:<step>}, {@code
   * skip:<step>}, {@code decide:go}, {@code decide:no-go}, {@code acknowledge:<handoff>}, {@code
   * notes:<field>}, {@code cancel}) is present when the participant holds the role and the command
   * is possible or only waits for something; its value lists what it waits for (empty: do it now).
   */
  public Map<String, List<Blocker>> actionsFor(Participant p, Instant now) {
    Map<String, List<Blocker>> actions = new LinkedHashMap<>();
    for (RequirementState r : requirements.values()) {
      probe(actions, "meet:" + r.key(), c -> c.meet(r.key(), Evidence.NONE, p, now));
    }
    for (StepState s : steps.values()) {
      StepDef def = process.step(s.key()).orElseThrow();
      if (def.isDecision()) {
        continue;
      }
      Outcome outcome = def.kind().needsOutcome() ? Outcome.SUCCEEDED : null;
      probe(actions, "complete:" + s.key(), c -> c.complete(s.key(), null, null, outcome, p, now));
      if (def.optional()) {
        probe(actions, "skip:" + s.key(), c -> c.skip(s.key(), "probe", p, now));
      }
    }
    probe(actions, "decide:go", c -> c.decide(Verdict.GO, "probe", p, now));
    probe(actions, "decide:no-go", c -> c.decide(Verdict.NO_GO, "probe", p, now));
    for (HandoffState h : handoffs.values()) {
      probe(actions, "acknowledge:" + h.key(), c -> c.acknowledge(h.key(), p, now));
    }
    for (NotesField f : process.notes().fields()) {
      probe(actions, "notes:" + f.key(), c -> c.updateNotes(Map.of(f.key(), List.of("probe")), p));
    }
    probe(actions, "cancel", c -> c.cancel("probe", p, now));
    return actions;
  }

  private void probe(
      Map<String, List<Blocker>> actions,
      String key,
      java.util.function.Consumer<Release> command) {
    try {
      command.accept(Release.restore(toData(), process));
      actions.put(key, List.of());
    } catch (Refused refused) {
      if (!refused.blockers().isEmpty()) {
        actions.put(key, refused.blockers());
      }
    } catch (io.tollgate.shared.TollgateException notForThisPerson) {
      // wrong role, unknown, or not applicable: no action to show
    }
  }

  /**
   * What the notes template says about the release besides the notes: its date is the day it
   * reached its target environment, else the start of its window.
   */
  public io.tollgate.notes.NotesContext notesContext(String releaseManager) {
    String date =
        releasedAt()
            .or(() -> window == null ? Optional.empty() : Optional.ofNullable(window.start()))
            .map(i -> i.atOffset(java.time.ZoneOffset.UTC).toLocalDate().toString())
            .orElse("not scheduled yet");
    return new io.tollgate.notes.NotesContext(
        product, name, version.toString(), type.id(), date, releaseManager);
  }

  /** When anything last happened on the release: what "waiting since" counts from. */
  public Instant lastActivityAt() {
    Instant last = createdAt;
    for (RequirementState r : requirements.values()) {
      last = later(last, r.at());
      for (Signature s : r.signatures()) last = later(last, s.at());
    }
    for (StepState s : steps.values()) last = later(last, s.at());
    for (HandoffState h : handoffs.values()) {
      last = later(last, h.handedAt());
      last = later(last, h.acknowledgedAt());
    }
    for (Decision d : decisions) last = later(last, d.at());
    if (cancellation != null) last = later(last, cancellation.at());
    if (rollback != null) last = later(last, rollback.at());
    return last;
  }

  private static Instant later(Instant a, Instant b) {
    return b != null && b.isAfter(a) ? b : a;
  }

  // ---------------------------------------------------------------- reading

  public Decision latestDecision() {
    return decisions.isEmpty() ? null : decisions.get(decisions.size() - 1);
  }

  public ReleaseId id() {
    return id;
  }

  public String product() {
    return product;
  }

  public ProcessRef processRef() {
    return processRef;
  }

  public ProcessDefinition process() {
    return process;
  }

  public ReleaseType type() {
    return type;
  }

  public SemanticVersion version() {
    return version;
  }

  public String name() {
    return name;
  }

  public Window window() {
    return window;
  }

  public String createdBy() {
    return createdBy;
  }

  public Instant createdAt() {
    return createdAt;
  }

  public List<RequirementState> requirements() {
    return List.copyOf(requirements.values());
  }

  public List<StepState> steps() {
    return List.copyOf(steps.values());
  }

  public List<HandoffState> handoffs() {
    return List.copyOf(handoffs.values());
  }

  public List<Decision> decisions() {
    return List.copyOf(decisions);
  }

  public ReleaseNotes notes() {
    return notes;
  }

  public List<DeploymentRecord> deployments() {
    return List.copyOf(deployments);
  }

  public Cancellation cancellation() {
    return cancellation;
  }

  public Rollback rollback() {
    return rollback;
  }

  public long revision() {
    return revision;
  }

  /** The state to store; the revision is raised by the repository on save. */
  public ReleaseData toData() {
    return new ReleaseData(
        id.value(),
        product,
        processRef,
        type.id(),
        version.toString(),
        name,
        window,
        createdBy,
        createdAt,
        requirements(),
        steps(),
        handoffs(),
        decisions(),
        notes,
        deployments(),
        cancellation,
        rollback,
        incidents,
        revision);
  }
}
