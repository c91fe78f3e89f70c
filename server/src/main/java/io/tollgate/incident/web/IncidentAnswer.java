package io.tollgate.incident.web;

import io.swagger.v3.oas.annotations.media.Schema;
import io.tollgate.incident.Incident;
import io.tollgate.incident.IncidentData;
import io.tollgate.incident.IncidentStep;
import io.tollgate.incident.RollbackDone;
import io.tollgate.incident.TimelineEntry;
import io.tollgate.process.PlaybookStepDef;
import java.time.Instant;
import java.util.List;

/** An incident as {@code GET /api/v1/incidents/{id}} returns it. */
@Schema(name = "Incident")
record IncidentAnswer(
    String id,
    String release,
    String product,
    String version,
    String severity,
    String summary,
    String status,
    String openedBy,
    Instant openedAt,
    String cause,
    List<Step> steps,
    List<TimelineEntry> timeline,
    RollbackDone rollback,
    @Schema(description = "the version execute-rollback would return production to")
        String rollbackTarget,
    String rootCause,
    List<String> actionItems,
    String resolvedBy,
    Instant resolvedAt,
    long revision) {

  static IncidentAnswer of(Incident incident, String rollbackTarget) {
    IncidentData d = incident.data();
    return new IncidentAnswer(
        d.id(),
        d.release(),
        d.product(),
        d.releaseVersion(),
        d.severity(),
        d.summary(),
        incident.status(),
        d.openedBy(),
        d.openedAt(),
        d.cause(),
        d.steps().stream().map(s -> Step.of(incident, s)).toList(),
        d.timeline(),
        d.rollback(),
        rollbackTarget,
        d.rootCause(),
        d.actionItems(),
        d.resolvedBy(),
        d.resolvedAt(),
        d.revision());
  }

  /** A playbook step and where it stands. */
  @Schema(name = "IncidentStep")
  record Step(
      String key,
      String title,
      String owner,
      boolean optional,
      String action,
      String status,
      String by,
      Instant at,
      String note) {
    static Step of(Incident incident, IncidentStep s) {
      PlaybookStepDef def = incident.playbook().step(s.key()).orElseThrow();
      return new Step(
          s.key(),
          def.title(),
          def.owner(),
          def.optional(),
          def.action().yamlName(),
          s.status(),
          s.by(),
          s.at(),
          s.note());
    }
  }
}
