package io.tollgate.release;

import io.tollgate.process.ProcessDefinition;
import io.tollgate.process.StepDef;
import io.tollgate.process.StepKind;
import io.tollgate.release.Decision.Verdict;
import io.tollgate.release.ReleaseEvent.DecisionRecorded;
import io.tollgate.release.ReleaseEvent.DeploymentRecorded;
import io.tollgate.release.ReleaseEvent.ReleaseFailed;
import io.tollgate.release.ReleaseEvent.StepCompleted;
import io.tollgate.release.ReleaseEvent.StepSkipped;
import io.tollgate.release.ReleaseEvent.StepStarted;
import io.tollgate.release.ReleaseEvent.VerificationRecorded;
import io.tollgate.shared.BadRequest;
import io.tollgate.shared.Blocker;
import io.tollgate.shared.Refused;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One version of a product going through its process: the aggregate root. Each command checks first
 * ({@code canX}, side-effect free, the same check the pages use), then delegates the change to the
 * part it concerns ({@link Requirements}, {@link Steps}, {@link Handoffs}, {@link Decisions},
 * {@link ReleaseNotesEditing}) and returns the events it caused. A refused command changes nothing.
 * Status, reading and the state to store are in {@link ReleaseState}; planning in {@link Planning};
 * cancelling and rolling back in {@link Ending}.
 */
public final class Release extends ReleaseState {

  Release(ReleaseData data, ProcessDefinition process) {
    super(data, process);
  }

  /** Rebuilds a release from its stored state and the process version it began with. */
  public static Release restore(ReleaseData data, ProcessDefinition process) {
    return new Release(data, process);
  }

  // ---------------------------------------------------------------- requirements

  /** Whether the participant may meet (or sign) the requirement now. */
  public Action canMeet(String key, Participant by) {
    return canMeet(key, by, null);
  }

  /** As {@link #canMeet(String, Participant)}, for an actor meeting it through an event kind. */
  public Action canMeet(String key, Participant by, String eventKind) {
    if (requirements.def(key).isEmpty()) return requirements.checkMeet(key, by, eventKind);
    Optional<Action> closed = ending.refusal("meet", key);
    if (closed.isPresent()) return closed.get();
    Action action = requirements.checkMeet(key, by, eventKind);
    action =
        SeparationOfDutiesPolicy.guard(action, this, SeparationOfDutiesPolicy.requirement(key), by);
    if (!action.isOffered()) return action;
    List<Blocker> missing =
        NotesCompletePolicy.blockers(
            requirements.def(key).orElseThrow(), notes, process.notes(), type);
    return missing.isEmpty()
        ? action
        : Action.blocked("meet", key, NotesCompletePolicy.detail(key, missing, id), missing);
  }

  /**
   * Meets a requirement with evidence. A requirement signed by several roles takes one signature
   * per call and is met with the last one ({@link SignaturePolicy}).
   */
  public List<ReleaseEvent> meet(String key, Evidence evidence, Participant by, Instant now) {
    canMeet(key, by).orThrow();
    return requirements.meet(key, evidence, by, now);
  }

  /** An actor that is not a person meets a requirement through an event the process names. */
  public List<ReleaseEvent> meetOnEvent(
      String key, String eventKind, Evidence evidence, Participant by, Instant now) {
    canMeet(key, by, eventKind).orThrow();
    return requirements.meet(key, evidence, by, now);
  }

  // ---------------------------------------------------------------- steps

  /** Whether the participant may complete the step now (in order, with the role or a grant). */
  public Action canComplete(String key, Participant by) {
    return inOrder("complete", key, by, () -> steps.checkComplete(key, by));
  }

  /** Whether the participant may start the step now (deploy, smoke-test, verification steps). */
  public Action canStart(String key, Participant by) {
    return inOrder("start", key, by, () -> steps.checkStart(key, by));
  }

  /** Whether the participant may skip the step now (optional steps, their owner). */
  public Action canSkip(String key, Participant by) {
    if (steps.def(key).isEmpty()) return Action.notOffered("skip", key, steps.unknown(key));
    return SeparationOfDutiesPolicy.guard(
        ending.refusal("skip", key).orElseGet(() -> steps.checkSkip(key, by)),
        this,
        SeparationOfDutiesPolicy.step(key),
        by);
  }

  private Action inOrder(
      String kind, String key, Participant by, java.util.function.Supplier<Action> check) {
    Optional<StepDef> def = steps.def(key);
    if (def.isEmpty()) return check.get();
    Action action =
        SeparationOfDutiesPolicy.guardStep(
            ending.refusal(kind, key).orElseGet(check), this, kind, def.get(), by);
    if (!action.isOffered()) return action;
    List<Blocker> blockers = blockersOf(def.get());
    return blockers.isEmpty()
        ? action
        : Action.blocked(
            action.kind(),
            key,
            "Step '" + key + "' waits for: " + OrderPolicy.describe(blockers) + ".",
            blockers);
  }

  /** Starts a run of the step (an automated deployment or check); it ends with complete. */
  public List<ReleaseEvent> start(String key, Participant by, Instant now) {
    canStart(key, by).orThrow();
    steps.put(steps.get(key).started(by.username(), now));
    return List.of(new StepStarted(id, key));
  }

  /**
   * Completes a checklist step. Deploy, smoke-test and verification steps need an outcome; a failed
   * step may be completed again, and the latest outcome counts.
   */
  public List<ReleaseEvent> complete(
      String key, String note, Evidence evidence, Outcome outcome, Participant by, Instant now) {
    Action action = canComplete(key, by);
    if (action.isShown()) Steps.checkOutcome(steps.def(key).orElseThrow(), outcome);
    action.orThrow();
    StepDef def = steps.def(key).orElseThrow();
    StepState done = steps.get(key).completed(by.username(), now, note, evidence, outcome);
    steps.put(done);
    List<ReleaseEvent> events = new ArrayList<>();
    events.add(new StepCompleted(id, key, outcome == null ? null : outcome.id(), done.attempts()));
    String v = version.toString();
    if (def.kind() == StepKind.DEPLOY) {
      events.add(
          new DeploymentRecorded(
              id, product, def.environment(), v, outcome.id(), by.username(), now));
    }
    if (def.kind() == StepKind.VERIFICATION) {
      events.add(new VerificationRecorded(id, product, def.environment(), v, outcome.id()));
    }
    if (outcome == Outcome.FAILED) {
      if (def.incidentOnFailure()) {
        events.add(
            new ReleaseFailed(id, product, v, processRef, key, def.environment(), by.actor()));
      }
      return events;
    }
    events.addAll(requirements.metByStep(def, note, evidence, by, now));
    events.addAll(handoffs.handOffAfter(key, by, now));
    return events;
  }

  /** Skips an optional step with a reason; only its owner may. */
  public List<ReleaseEvent> skip(String key, String reason, Participant by, Instant now) {
    Action action = canSkip(key, by);
    if (action.isShown() && (reason == null || reason.isBlank())) {
      throw BadRequest.because("Skipping step '" + key + "' needs a \"reason\".");
    }
    action.orThrow();
    steps.put(steps.get(key).skipped(by.username(), now, reason.strip()));
    List<ReleaseEvent> events = new ArrayList<>();
    events.add(new StepSkipped(id, key, reason.strip()));
    events.addAll(handoffs.handOffAfter(key, by, now));
    return events;
  }

  // ---------------------------------------------------------------- approvals

  /** Whether the participant may approve for go now; the key is the role it counts for. */
  public Action canApprove(String role, Participant by) {
    return ending
        .refusal("approve", role == null ? "" : role)
        .orElseGet(() -> approvals.check(role, by, this));
  }

  /** Approves the release for its go decision, as {@code role} (null: see {@link Approvals}). */
  public List<ReleaseEvent> approve(String role, String comment, Participant by, Instant now) {
    Action action = canApprove(role, by);
    action.orThrow();
    return approvals.approve(id, action.key(), comment, by, now);
  }

  // ---------------------------------------------------------------- decision

  /** Whether the participant may record this verdict now; go waits for {@link #goBlockers}. */
  public Action canDecide(Verdict verdict, Participant by) {
    Action action = decisionCheck(verdict, by);
    return verdict == Verdict.GO
        ? SeparationOfDutiesPolicy.guard(action, this, SeparationOfDutiesPolicy.GO, by)
        : action;
  }

  private Action decisionCheck(Verdict verdict, Participant by) {
    return ending
        .refusal("decide", verdict.id())
        .orElseGet(
            () ->
                Decisions.check(
                    verdict,
                    by,
                    process.decisionStep().owner(),
                    steps.productionAttempted(),
                    verdict == Verdict.GO ? goBlockers() : List.of()));
  }

  public List<ReleaseEvent> decide(Verdict verdict, String rationale, Participant by, Instant now) {
    return decide(verdict, rationale, null, by, now);
  }

  /**
   * Records a go/no-go decision with a snapshot of every requirement and step, as a compare-and-set
   * on the latest decision ({@link Decisions}): {@code replaces} names the decision it replaces.
   */
  public List<ReleaseEvent> decide(
      Verdict verdict, String rationale, Integer replaces, Participant by, Instant now) {
    Action action = canDecide(verdict, by);
    if (action.isShown() && (rationale == null || rationale.isBlank())) {
      throw BadRequest.because("A go/no-go decision needs a \"rationale\" that says why.");
    }
    action.orThrow();
    Refused conflict = decisions.conflict(replaces, revision);
    if (conflict != null) throw conflict;
    String why = rationale.strip();
    StepDef def = process.decisionStep();
    Decision.Snapshot snapshot =
        new Decision.Snapshot(requirements(), steps(), approvals.takeForDecision());
    String commit = sources.source() == null ? null : sources.source().commit();
    decisions.add(
        new Decision(verdict, why, by.username(), now, snapshot, revision + 1, commit, null));
    steps.put(steps.get(def.key()).decided(by.username(), now, verdict.id() + ": " + why));
    List<ReleaseEvent> events = new ArrayList<>();
    events.add(new DecisionRecorded(id, verdict.id(), why));
    if (verdict == Verdict.GO) events.addAll(handoffs.handOffAfter(def.key(), by, now));
    return events;
  }

  /**
   * Records an emergency freeze override a production deploy uses in the snapshot of the go
   * decision it deploys under (see {@link FreezeOverrideUse}).
   */
  void overrideUsed(FreezeOverrideUse use) {
    decisions.overrideUsed(use);
  }

  // ---------------------------------------------------------------- handoffs and notes

  /** Whether the participant may acknowledge the handoff now (blocked until it is handed). */
  public Action canAcknowledge(String key, Participant by) {
    if (handoffs.def(key).isEmpty()) return handoffs.checkAcknowledge(key, by);
    return ending.refusal("acknowledge", key).orElseGet(() -> handoffs.checkAcknowledge(key, by));
  }

  /** The receiving role acknowledges a handed handoff. */
  public List<ReleaseEvent> acknowledge(String key, Participant by, Instant now) {
    canAcknowledge(key, by).orThrow();
    return handoffs.acknowledge(key, by, now);
  }

  /** Whether the participant may edit the notes field now. */
  public Action canEditNotes(String field, Participant by) {
    return ReleaseNotesEditing.check(field, by, process.notes(), cancellation());
  }

  /** Changes notes fields; each field only by a holder of its owner role. */
  public List<ReleaseEvent> updateNotes(Map<String, List<String>> changes, Participant by) {
    ReleaseNotesEditing.Edited edited =
        ReleaseNotesEditing.apply(id, notes, changes, by, process.notes(), cancellation());
    notes = edited.notes();
    return edited.events();
  }

  // ---------------------------------------------------------------- cancel and rollback

  /** Whether the participant may cancel: its release manager, before production. */
  public Action canCancel(Participant by) {
    return ending.checkCancel(by, process.releaseManagerRole(), steps.productionAttempted());
  }

  /** Cancels the release; only its release manager, and not once it went to production. */
  public List<ReleaseEvent> cancel(String reason, Participant by, Instant now) {
    Action action = canCancel(by);
    if (by.holds(process.releaseManagerRole()) && (reason == null || reason.isBlank())) {
      throw BadRequest.because("Cancelling a release needs a \"reason\".");
    }
    action.orThrow();
    return ending.cancel(reason.strip(), by, now);
  }

  /** Records that the incident playbook rolled this release back out of an environment. */
  public List<ReleaseEvent> rolledBack(
      String incident, String environment, String toVersion, String by, Instant now) {
    return ending.rolledBack(incident, environment, toVersion, by, now);
  }

  /** Every action of every command for the participant, in page order (see {@link Action}). */
  public Actions actionsFor(Participant by) {
    return Actions.of(this, by);
  }
}
