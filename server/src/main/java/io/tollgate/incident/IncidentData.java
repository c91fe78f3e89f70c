package io.tollgate.incident;

import io.tollgate.release.ProcessRef;
import java.time.Instant;
import java.util.List;

/** The stored state of an incident. */
public record IncidentData(
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

  /** The same incident with what changes over its life replaced. */
  IncidentData with(
      List<IncidentStep> steps,
      List<TimelineEntry> timeline,
      RollbackDone rollback,
      String rootCause,
      List<String> actionItems,
      String resolvedBy,
      Instant resolvedAt,
      long revision) {
    return new IncidentData(
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
}
