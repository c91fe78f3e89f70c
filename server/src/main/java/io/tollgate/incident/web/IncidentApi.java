package io.tollgate.incident.web;

import io.swagger.v3.oas.annotations.Operation;
import io.tollgate.incident.Incident;
import io.tollgate.incident.IncidentManagement;
import io.tollgate.shared.Actor;
import io.tollgate.shared.web.ProblemStatuses;
import java.net.URI;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Incidents and their playbook. */
@RestController
@RequestMapping("/api/v1")
class IncidentApi {
  private final IncidentManagement incidents;

  IncidentApi(IncidentManagement incidents) {
    this.incidents = incidents;
  }

  record NewIncident(String severity, String summary) {}

  record NoteBody(String note) {}

  record ReasonBody(String reason) {}

  record Resolution(String rootCause, List<String> actionItems) {}

  @Operation(
      operationId = "openIncident",
      summary = "Open an incident on a release, with its playbook (any member of the product)")
  @ProblemStatuses({403, 404, 409, 422})
  @ResponseStatus(HttpStatus.CREATED) // what the OpenAPI document says it answers
  @PostMapping(path = "/releases/{id}/incidents", consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<IncidentAnswer> open(
      @AuthenticationPrincipal Actor actor,
      @PathVariable String id,
      @RequestBody NewIncident body) {
    Incident incident = incidents.open(actor, id, body.severity(), body.summary());
    return ResponseEntity.created(URI.create("/api/v1/incidents/" + incident.data().id()))
        .body(view(incident));
  }

  @Operation(operationId = "getIncident", summary = "Read an incident and its playbook")
  @ProblemStatuses(404) // to anyone outside the product, the incident does not exist
  @GetMapping("/incidents/{id}")
  IncidentAnswer get(@AuthenticationPrincipal Actor actor, @PathVariable String id) {
    return view(incidents.get(actor, id));
  }

  @Operation(
      operationId = "completeIncidentStep",
      summary = "Complete a playbook step (its owner); execute-rollback rolls production back")
  @ProblemStatuses({403, 404, 409, 422})
  @PostMapping("/incidents/{id}/steps/{key}/complete")
  IncidentAnswer complete(
      @AuthenticationPrincipal Actor actor,
      @PathVariable String id,
      @PathVariable String key,
      @RequestBody(required = false) NoteBody body) {
    return view(incidents.complete(actor, id, key, body == null ? null : body.note()));
  }

  @Operation(
      operationId = "skipIncidentStep",
      summary = "Skip an optional playbook step, with a reason (its owner)")
  @ProblemStatuses({403, 404, 409, 422})
  @PostMapping("/incidents/{id}/steps/{key}/skip")
  IncidentAnswer skip(
      @AuthenticationPrincipal Actor actor,
      @PathVariable String id,
      @PathVariable String key,
      @RequestBody(required = false) ReasonBody body) {
    return view(incidents.skip(actor, id, key, body == null ? null : body.reason()));
  }

  @Operation(
      operationId = "resolveIncident",
      summary = "Resolve an incident with its root cause and action items (the release manager)")
  @ProblemStatuses({403, 404, 409, 422})
  @PostMapping(path = "/incidents/{id}/resolve", consumes = MediaType.APPLICATION_JSON_VALUE)
  IncidentAnswer resolve(
      @AuthenticationPrincipal Actor actor, @PathVariable String id, @RequestBody Resolution body) {
    return view(incidents.resolve(actor, id, body.rootCause(), body.actionItems()));
  }

  private IncidentAnswer view(Incident incident) {
    return IncidentAnswer.of(incident, incidents.rollbackTarget(incident).orElse(null));
  }
}
