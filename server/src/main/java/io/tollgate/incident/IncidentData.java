package io.tollgate.incident;

import io.tollgate.release.ProcessRef;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The stored state of an incident, and the copies its changes make.
 *
 * @param schemaVersion the shape of the document; {@link #SCHEMA_VERSION} for what is written now.
 *     Version 1 (no {@code schemaVersion} field) had the same fields otherwise.
 */
public record IncidentData(
    int schemaVersion,
    String id,
    String release,
    String product,
    String releaseVersion,
    ProcessRef process,
    String severity,
    String summary,
    String openedBy,
    Instant openedAt,
    String cause,
    List<IncidentStep> steps,
    List<TimelineEntry> timeline,
    RollbackDone rollback,
    String rootCause,
    List<String> actionItems,
    String resolvedBy,
    Instant resolvedAt,
    long revision) {

  /** The schema version of the documents this server writes. */
  public static final int SCHEMA_VERSION = 2;

  /** The same incident with what changes over its life replaced. */
  private IncidentData with(
      List<IncidentStep> steps,
      List<TimelineEntry> timeline,
      RollbackDone rollback,
      String rootCause,
      List<String> actionItems,
      String resolvedBy,
      Instant resolvedAt,
      long revision) {
    return new IncidentData(
        schemaVersion,
        id,
        release,
        product,
        releaseVersion,
        process,
        severity,
        summary,
        openedBy,
        openedAt,
        cause,
        steps,
        timeline,
        rollback,
        rootCause,
        actionItems,
        resolvedBy,
        resolvedAt,
        revision);
  }

  public IncidentData withRevision(long next) {
    return with(steps, timeline, rollback, rootCause, actionItems, resolvedBy, resolvedAt, next);
  }

  /** The step with the same key replaced by {@code changed}. */
  IncidentData withStep(IncidentStep changed) {
    List<IncidentStep> next =
        steps.stream().map(s -> s.key().equals(changed.key()) ? changed : s).toList();
    return with(next, timeline, rollback, rootCause, actionItems, resolvedBy, resolvedAt, revision);
  }

  /** A line added to the timeline. */
  IncidentData withEntry(TimelineEntry entry) {
    List<TimelineEntry> next = new ArrayList<>(timeline);
    next.add(entry);
    return with(steps, next, rollback, rootCause, actionItems, resolvedBy, resolvedAt, revision);
  }

  IncidentData withRollback(RollbackDone done) {
    return with(steps, timeline, done, rootCause, actionItems, resolvedBy, resolvedAt, revision);
  }

  IncidentData resolved(String cause, List<String> items, String by, Instant at) {
    return with(steps, timeline, rollback, cause, items, by, at, revision);
  }
}
