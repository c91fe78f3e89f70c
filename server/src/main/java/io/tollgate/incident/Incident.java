package io.tollgate.incident;

import io.tollgate.process.Playbook;
import io.tollgate.process.PlaybookStepDef;
import io.tollgate.release.Action;
import io.tollgate.release.Actions;
import io.tollgate.release.Participant;
import io.tollgate.release.ProcessRef;
import io.tollgate.shared.BadRequest;
import io.tollgate.shared.Forbidden;
import io.tollgate.shared.Invalid;
import io.tollgate.shared.NotFound;
import io.tollgate.shared.Refused;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * An incident on a release: the playbook's steps, each done by a holder of its role, a timeline,
 * and the resolution. Rules live here; the rollback itself is carried out by the service when a
 * rollback step completes.
 */
public final class Incident {
  private IncidentData data;
  private final Playbook playbook;
  private final String managerRole;

  private Incident(IncidentData data, Playbook playbook, String managerRole) {
    this.data = data;
    this.playbook = playbook;
    this.managerRole = managerRole;
  }

  public static Incident restore(IncidentData data, Playbook playbook, String managerRole) {
    return new Incident(data, playbook, managerRole);
  }

  /** Opens an incident with every playbook step pending. */
  public static Incident open(
      String release,
      String product,
      String version,
      ProcessRef process,
      Playbook playbook,
      String managerRole,
      String severity,
      String summary,
      String cause,
      String by,
      Instant now) {
    if (summary == null || summary.isBlank()) throw BadRequest.missing("summary");
    if (severity == null || severity.isBlank()) throw BadRequest.missing("severity");
    if (!playbook.hasSeverity(severity)) {
      throw Invalid.because(
          "Unknown severity '"
              + severity
              + "': use "
              + String.join(", ", playbook.severities())
              + ".");
    }
    List<IncidentStep> steps =
        playbook.steps().stream()
            .map(s -> new IncidentStep(s.key(), PlaybookStepStatus.PENDING.id(), null, null, null))
            .toList();
    String opening =
        cause == null
            ? "Incident opened: " + summary.strip()
            : "Opened automatically: " + summary.strip();
    IncidentData data =
        new IncidentData(
            IncidentData.SCHEMA_VERSION,
            UUID.randomUUID().toString(),
            release,
            product,
            version,
            process,
            severity,
            summary.strip(),
            by,
            now,
            cause,
            steps,
            List.of(new TimelineEntry(now, by, opening)),
            null,
            null,
            List.of(),
            null,
            null,
            0);
    return new Incident(data, playbook, managerRole);
  }

  /** Whether the participant may complete the playbook step now (blocked: waits for others). */
  public Action canComplete(String key, Participant by) {
    return canAct("complete", key, by).then(() -> inOrder(key));
  }

  /** Whether the participant may skip the playbook step now (optional steps only). */
  public Action canSkip(String key, Participant by) {
    Action action = canAct("skip", key, by);
    if (action.isOffered() && !playbook.step(key).orElseThrow().optional()) {
      return Action.notOffered(
          "skip", key, Refused.because("Playbook step '" + key + "' is not optional."));
    }
    return action;
  }

  /** Existence, an open incident, the step's role, and a pending step. */
  private Action canAct(String kind, String key, Participant by) {
    if (playbook.step(key).isEmpty()) return Action.notOffered(kind, key, unknown(key));
    if (!isOpen()) return Action.notOffered(kind, key, resolved());
    PlaybookStepDef def = playbook.step(key).orElseThrow();
    if (!by.holds(def.owner()) && !automationMayRollBack(def, by)) {
      return Action.notOffered(
          kind,
          key,
          Forbidden.needsRole(
              def.owner(), "Playbook step '" + key + "'", by.username(), by.sortedRoles()));
    }
    if (!step(key).status().equals(PlaybookStepStatus.PENDING.id())) {
      return Action.notOffered(
          kind,
          key,
          Refused.because("Playbook step '" + key + "' is already " + step(key).status() + "."));
    }
    return Action.offered(kind, key);
  }

  /**
   * The one playbook step an actor that is not a person may complete: the rollback of an
   * environment whose automation it runs (the automatic rollback).
   */
  private static boolean automationMayRollBack(PlaybookStepDef def, Participant by) {
    return !by.isPerson()
        && def.action() == PlaybookStepDef.Action.ROLLBACK
        && def.environment() != null
        && by.automatedEnvironments().contains(def.environment());
  }

  private Action inOrder(String key) {
    return PlaybookOrder.check(playbook, key, k -> step(k).status());
  }

  /** Completes a playbook step; returns its definition so the caller can carry out its action. */
  public PlaybookStepDef complete(String key, String note, Participant by, Instant now) {
    canComplete(key, by).orThrow();
    PlaybookStepDef def = playbook.step(key).orElseThrow();
    replace(
        new IncidentStep(key, PlaybookStepStatus.DONE.id(), by.username(), now, blankToNull(note)));
    timeline(
        now,
        by.username(),
        def.title() + " — done" + (note == null || note.isBlank() ? "" : ": " + note.strip()));
    return def;
  }

  /** Skips an optional playbook step (such as a rollback that is not needed). */
  public void skip(String key, String reason, Participant by, Instant now) {
    Action action = canSkip(key, by);
    if (action.isShown() && (reason == null || reason.isBlank())) {
      throw BadRequest.because("Skipping needs a \"reason\".");
    }
    action.orThrow();
    PlaybookStepDef def = playbook.step(key).orElseThrow();
    replace(
        new IncidentStep(key, PlaybookStepStatus.SKIPPED.id(), by.username(), now, reason.strip()));
    timeline(now, by.username(), def.title() + " — skipped: " + reason.strip());
  }

  /** Records the rollback the service carried out for a rollback step. */
  public void rolledBack(RollbackDone rollback) {
    data = data.withRollback(rollback);
    timeline(
        rollback.at(),
        rollback.by(),
        "Rolled "
            + rollback.environment()
            + " back from "
            + rollback.fromVersion()
            + " to "
            + (rollback.toVersion() == null
                ? "nothing (no earlier good release)"
                : rollback.toVersion()));
  }

  /** Adds a line to the timeline, e.g. when the release fails again while the incident is open. */
  public void note(String actor, String entry, Instant now) {
    timeline(now, actor, entry);
  }

  /** Whether the participant may resolve the incident now: the release manager, while open. */
  public Action canResolve(Participant by) {
    if (!isOpen()) return Action.notOffered("resolve", "", resolved());
    if (!by.holds(managerRole)) {
      return Action.notOffered(
          "resolve",
          "",
          Forbidden.needsRole(
              managerRole, "Resolving an incident", by.username(), by.sortedRoles()));
    }
    return Action.offered("resolve", "");
  }

  /**
   * Resolves the incident with its root cause and action items (release manager). Playbook steps
   * declared {@code action: resolve} are done with it.
   */
  public void resolve(String rootCause, List<String> actionItems, Participant by, Instant now) {
    canResolve(by).orThrow();
    if (rootCause == null || rootCause.isBlank()) throw BadRequest.missing("rootCause");
    if (actionItems == null) throw BadRequest.missing("actionItems");
    List<String> items =
        actionItems.stream().filter(i -> i != null && !i.isBlank()).map(String::strip).toList();
    if (items.isEmpty()) {
      throw Invalid.because(
          "Resolving an incident needs at least one action item, so the cause is followed up.");
    }
    for (PlaybookStepDef def : playbook.steps()) {
      if (def.action() == PlaybookStepDef.Action.RESOLVE
          && step(def.key()).status().equals(PlaybookStepStatus.PENDING.id())) {
        replace(
            new IncidentStep(
                def.key(), PlaybookStepStatus.DONE.id(), by.username(), now, rootCause.strip()));
      }
    }
    data = data.resolved(rootCause.strip(), items, by.username(), now);
    timeline(now, by.username(), "Resolved. Root cause: " + rootCause.strip());
  }

  /** Every action on this incident for the participant, from the commands' own checks. */
  public Actions actionsFor(Participant p) {
    List<Action> all = new ArrayList<>();
    for (PlaybookStepDef def : playbook.steps()) {
      all.add(canComplete(def.key(), p));
      if (def.optional()) all.add(canSkip(def.key(), p));
    }
    all.add(canResolve(p));
    return new Actions(all);
  }

  public String status() {
    return (data.resolvedAt() == null ? IncidentStatus.OPEN : IncidentStatus.RESOLVED).id();
  }

  public boolean isOpen() {
    return data.resolvedAt() == null;
  }

  /** Playbook steps nobody has completed or skipped yet. */
  public List<String> pendingSteps() {
    return data.steps().stream()
        .filter(s -> s.status().equals(PlaybookStepStatus.PENDING.id()))
        .map(IncidentStep::key)
        .toList();
  }

  public IncidentData data() {
    return data;
  }

  public Playbook playbook() {
    return playbook;
  }

  private Refused resolved() {
    return Refused.because(
        "The incident was resolved by " + data.resolvedBy() + " at " + data.resolvedAt() + ".");
  }

  private NotFound unknown(String key) {
    return NotFound.of(
        "playbook step",
        key,
        "Steps of this incident: "
            + String.join(", ", playbook.steps().stream().map(PlaybookStepDef::key).toList())
            + ".");
  }

  private IncidentStep step(String key) {
    return data.steps().stream().filter(s -> s.key().equals(key)).findFirst().orElseThrow();
  }

  private void replace(IncidentStep changed) {
    data = data.withStep(changed);
  }

  private void timeline(Instant at, String actor, String entry) {
    data = data.withEntry(new TimelineEntry(at, actor, entry));
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }
}
