package io.tollgate.incident.web;

import io.tollgate.incident.Incident;
import io.tollgate.incident.IncidentData;
import io.tollgate.incident.IncidentManagement;
import io.tollgate.incident.IncidentStep;
import io.tollgate.process.PlaybookStepDef;
import io.tollgate.shared.Actor;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
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

  @PostMapping(path = "/releases/{id}/incidents", consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<Map<String, Object>> open(
      @AuthenticationPrincipal Actor actor,
      @PathVariable String id,
      @RequestBody NewIncident body) {
    Incident incident = incidents.open(actor, id, body.severity(), body.summary());
    return ResponseEntity.created(URI.create("/api/v1/incidents/" + incident.data().id()))
        .body(view(incident));
  }

  @GetMapping("/incidents/{id}")
  Map<String, Object> get(@AuthenticationPrincipal Actor actor, @PathVariable String id) {
    return view(incidents.get(actor, id));
  }

  @PostMapping("/incidents/{id}/steps/{key}/complete")
  Map<String, Object> complete(
      @AuthenticationPrincipal Actor actor,
      @PathVariable String id,
      @PathVariable String key,
      @RequestBody(required = false) NoteBody body) {
    return view(incidents.complete(actor, id, key, body == null ? null : body.note()));
  }

  @PostMapping("/incidents/{id}/steps/{key}/skip")
  Map<String, Object> skip(
      @AuthenticationPrincipal Actor actor,
      @PathVariable String id,
      @PathVariable String key,
      @RequestBody(required = false) ReasonBody body) {
    return view(incidents.skip(actor, id, key, body == null ? null : body.reason()));
  }

  @PostMapping(path = "/incidents/{id}/resolve", consumes = MediaType.APPLICATION_JSON_VALUE)
  Map<String, Object> resolve(
      @AuthenticationPrincipal Actor actor, @PathVariable String id, @RequestBody Resolution body) {
    return view(incidents.resolve(actor, id, body.rootCause(), body.actionItems()));
  }

  private Map<String, Object> view(Incident incident) {
    IncidentData d = incident.data();
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("id", d.id());
    v.put("release", d.release());
    v.put("product", d.product());
    v.put("version", d.releaseVersion());
    v.put("severity", d.severity());
    v.put("summary", d.summary());
    v.put("status", incident.status());
    v.put("openedBy", d.openedBy());
    v.put("openedAt", d.openedAt());
    v.put("cause", d.cause());
    v.put("steps", d.steps().stream().map(s -> step(incident, s)).toList());
    v.put("timeline", d.timeline());
    v.put("rollback", d.rollback());
    v.put("rollbackTarget", incidents.rollbackTarget(incident).orElse(null));
    v.put("rootCause", d.rootCause());
    v.put("actionItems", d.actionItems());
    v.put("resolvedBy", d.resolvedBy());
    v.put("resolvedAt", d.resolvedAt());
    v.put("revision", d.revision());
    return v;
  }

  private static Map<String, Object> step(Incident incident, IncidentStep s) {
    PlaybookStepDef def = incident.playbook().step(s.key()).orElseThrow();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("key", s.key());
    m.put("title", def.title());
    m.put("owner", def.owner());
    m.put("optional", def.optional());
    m.put("action", def.action().name().toLowerCase());
    m.put("status", s.status());
    m.put("by", s.by());
    m.put("at", s.at());
    m.put("note", s.note());
    return m;
  }
}
