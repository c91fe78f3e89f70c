package io.tollgate.incident;

import io.tollgate.process.Playbook;
import io.tollgate.process.PlaybookStepDef;
import io.tollgate.release.Participant;
import io.tollgate.release.ProcessRef;
import io.tollgate.shared.BadRequest;
import io.tollgate.shared.Blocker;
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
  /** Severities an incident may have, most severe first. */
  public static final List<String> SEVERITIES = List.of("critical", "high", "medium", "low");

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
    if (!SEVERITIES.contains(severity)) {
      throw Invalid.because(
          "Unknown severity '" + severity + "': use " + String.join(", ", SEVERITIES) + ".");
    }
    List<IncidentStep> steps =
        playbook.steps().stream()
            .map(s -> new IncidentStep(s.key(), "pending", null, null, null))
            .toList();
    String opening =
        cause == null
            ? "Incident opened: " + summary.strip()
            : "Opened automatically: " + summary.strip();
    IncidentData data =
        new IncidentData(
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

  /** Completes a playbook step; returns its definition so the caller can carry out its action. */
  public PlaybookStepDef complete(String key, String note, Participant by, Instant now) {
    PlaybookStepDef def = def(key);
    ensureOpen();
    if (!by.holds(def.owner())) {
      throw Forbidden.needsRole(
          def.owner(), "Playbook step '" + key + "'", by.username(), by.sortedRoles());
    }
    IncidentStep step = step(key);
    if (!step.status().equals("pending")) {
      throw Refused.because("Playbook step '" + key + "' is already " + step.status() + ".");
    }
    List<Blocker> blockers = new ArrayList<>();
    for (String after : def.after()) {
      if (step(after).status().equals("pending")) {
        PlaybookStepDef dep = def(after);
        blockers.add(new Blocker("playbook-step", after, dep.title() + " (" + dep.owner() + ")"));
      }
    }
    if (!blockers.isEmpty()) {
      throw Refused.because(
          "Playbook step '"
              + key
              + "' waits for: "
              + String.join(", ", blockers.stream().map(Blocker::key).toList())
              + ".",
          blockers);
    }
    replace(new IncidentStep(key, "done", by.username(), now, blankToNull(note)));
    timeline(
        now,
        by.username(),
        def.title() + " — done" + (note == null || note.isBlank() ? "" : ": " + note.strip()));
    return def;
  }

  /** Skips an optional playbook step (such as a rollback that is not needed). */
  public void skip(String key, String reason, Participant by, Instant now) {
    PlaybookStepDef def = def(key);
    ensureOpen();
    if (!by.holds(def.owner())) {
      throw Forbidden.needsRole(
          def.owner(), "Playbook step '" + key + "'", by.username(), by.sortedRoles());
    }
    if (!def.optional()) throw Refused.because("Playbook step '" + key + "' is not optional.");
    if (reason == null || reason.isBlank())
      throw BadRequest.because("Skipping needs a \"reason\".");
    if (!step(key).status().equals("pending")) {
      throw Refused.because("Playbook step '" + key + "' is already " + step(key).status() + ".");
    }
    replace(new IncidentStep(key, "skipped", by.username(), now, reason.strip()));
    timeline(now, by.username(), def.title() + " — skipped: " + reason.strip());
  }

  /** Records the rollback the service carried out for a rollback step. */
  public void rolledBack(RollbackDone rollback) {
    data =
        copy(rollback, data.rootCause(), data.actionItems(), data.resolvedBy(), data.resolvedAt());
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

  /** Resolves the incident with its root cause and action items (release manager). */
  public void resolve(String rootCause, List<String> actionItems, Participant by, Instant now) {
    ensureOpen();
    if (!by.holds(managerRole)) {
      throw Forbidden.needsRole(
          managerRole, "Resolving an incident", by.username(), by.sortedRoles());
    }
    if (rootCause == null || rootCause.isBlank()) throw BadRequest.missing("rootCause");
    if (actionItems == null) throw BadRequest.missing("actionItems");
    List<String> items =
        actionItems.stream().filter(i -> i != null && !i.isBlank()).map(String::strip).toList();
    if (items.isEmpty()) {
      throw Invalid.because(
          "Resolving an incident needs at least one action item, so the cause is followed up.");
    }
    for (PlaybookStepDef def : playbook.steps()) {
      if (def.owner().equals(managerRole)
          && def.key().equals("root-cause")
          && step(def.key()).status().equals("pending")) {
        replace(new IncidentStep(def.key(), "done", by.username(), now, rootCause.strip()));
      }
    }
    data = copy(data.rollback(), rootCause.strip(), items, by.username(), now);
    timeline(now, by.username(), "Resolved. Root cause: " + rootCause.strip());
  }

  /**
   * What a participant may do on this incident now, found by trying each command on a copy so that
   * no page restates a rule: {@code complete:<step>} when the step can be completed (or only waits
   * for another step), {@code resolve} when the participant may resolve it.
   */
  public java.util.Set<String> actionsFor(Participant p, Instant now) {
    java.util.Set<String> keys = new java.util.LinkedHashSet<>();
    for (PlaybookStepDef def : playbook.steps()) {
      probe(keys, "complete:" + def.key(), c -> c.complete(def.key(), null, p, now));
    }
    probe(keys, "resolve", c -> c.resolve("probe", List.of("probe"), p, now));
    return keys;
  }

  private void probe(
      java.util.Set<String> keys, String key, java.util.function.Consumer<Incident> command) {
    try {
      command.accept(restore(data, playbook, managerRole));
      keys.add(key);
    } catch (Refused refused) {
      if (!refused.blockers().isEmpty()) {
        keys.add(key);
      }
    } catch (io.tollgate.shared.TollgateException notForThisPerson) {
      // wrong role, already settled or resolved: nothing to offer
    }
  }

  public String status() {
    return data.resolvedAt() == null ? "open" : "resolved";
  }

  public boolean isOpen() {
    return data.resolvedAt() == null;
  }

  /** Playbook steps nobody has completed or skipped yet. */
  public List<String> pendingSteps() {
    return data.steps().stream()
        .filter(s -> s.status().equals("pending"))
        .map(IncidentStep::key)
        .toList();
  }

  public IncidentData data() {
    return data;
  }

  public Playbook playbook() {
    return playbook;
  }

  private void ensureOpen() {
    if (!isOpen()) {
      throw Refused.because(
          "The incident was resolved by " + data.resolvedBy() + " at " + data.resolvedAt() + ".");
    }
  }

  private PlaybookStepDef def(String key) {
    return playbook
        .step(key)
        .orElseThrow(
            () ->
                NotFound.of(
                    "playbook step",
                    key,
                    "Steps of this incident: "
                        + String.join(
                            ", ", playbook.steps().stream().map(PlaybookStepDef::key).toList())
                        + "."));
  }

  private IncidentStep step(String key) {
    return data.steps().stream().filter(s -> s.key().equals(key)).findFirst().orElseThrow();
  }

  private void replace(IncidentStep changed) {
    List<IncidentStep> steps =
        data.steps().stream().map(s -> s.key().equals(changed.key()) ? changed : s).toList();
    data =
        rebuild(
            steps,
            data.timeline(),
            data.rollback(),
            data.rootCause(),
            data.actionItems(),
            data.resolvedBy(),
            data.resolvedAt());
  }

  private void timeline(Instant at, String actor, String entry) {
    List<TimelineEntry> timeline = new ArrayList<>(data.timeline());
    timeline.add(new TimelineEntry(at, actor, entry));
    data =
        rebuild(
            data.steps(),
            timeline,
            data.rollback(),
            data.rootCause(),
            data.actionItems(),
            data.resolvedBy(),
            data.resolvedAt());
  }

  private IncidentData copy(
      RollbackDone rollback,
      String rootCause,
      List<String> items,
      String resolvedBy,
      Instant resolvedAt) {
    return rebuild(
        data.steps(), data.timeline(), rollback, rootCause, items, resolvedBy, resolvedAt);
  }

  /** The same incident with what changes over its life replaced. */
  private IncidentData rebuild(
      List<IncidentStep> steps,
      List<TimelineEntry> timeline,
      RollbackDone rollback,
      String rootCause,
      List<String> items,
      String resolvedBy,
      Instant resolvedAt) {
    return new IncidentData(
        data.id(),
        data.release(),
        data.product(),
        data.releaseVersion(),
        data.process(),
        data.severity(),
        data.summary(),
        data.openedBy(),
        data.openedAt(),
        data.cause(),
        steps,
        timeline,
        rollback,
        rootCause,
        items,
        resolvedBy,
        resolvedAt,
        data.revision());
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }
}
