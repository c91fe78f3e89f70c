package io.tollgate.process.web;

import io.tollgate.process.ProcessDefinition;
import io.tollgate.process.ProcessManagement;
import io.tollgate.process.ProcessVersion;
import io.tollgate.shared.Actor;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Processes as code: list, read, and publish new versions from YAML. */
@RestController
@RequestMapping("/api/v1/processes")
class ProcessApi {
  private final ProcessManagement processes;

  ProcessApi(ProcessManagement processes) {
    this.processes = processes;
  }

  @GetMapping
  List<Map<String, Object>> list() {
    return processes.all().stream()
        .map(p -> Map.<String, Object>of("id", p.id(), "version", p.version(), "name", p.name()))
        .toList();
  }

  @GetMapping("/{id}")
  Map<String, Object> get(@PathVariable String id) {
    return view(processes.latest(id));
  }

  @GetMapping("/{id}/versions/{version}")
  Map<String, Object> version(@PathVariable String id, @PathVariable int version) {
    return view(processes.version(id, version));
  }

  @PostMapping(consumes = {"application/yaml", "application/x-yaml", "text/yaml", "text/x-yaml"})
  ResponseEntity<Map<String, Object>> publish(
      @AuthenticationPrincipal Actor actor, @RequestBody String yaml) {
    ProcessVersion published = processes.publish(actor, yaml);
    return ResponseEntity.created(URI.create("/api/v1/processes/" + published.id()))
        .body(
            Map.of("id", published.id(), "version", published.version(), "name", published.name()));
  }

  private static Map<String, Object> view(ProcessVersion v) {
    ProcessDefinition d = v.definition();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("id", v.id());
    body.put("version", v.version());
    body.put("name", d.name());
    body.put("description", d.description());
    body.put("roles", d.roles());
    body.put(
        "requirements",
        d.requirements().stream()
            .map(
                r -> {
                  Map<String, Object> m = new LinkedHashMap<>();
                  m.put("key", r.key());
                  m.put("title", r.title());
                  m.put("description", r.description());
                  m.put("owner", r.owner());
                  m.put("signers", r.signers());
                  m.put("appliesTo", r.appliesTo().stream().map(t -> t.id()).sorted().toList());
                  m.put("metBy", r.metBy());
                  m.put("check", r.check().name().toLowerCase().replace('_', '-'));
                  return m;
                })
            .toList());
    body.put(
        "steps",
        d.steps().stream()
            .map(
                s -> {
                  Map<String, Object> m = new LinkedHashMap<>();
                  m.put("key", s.key());
                  m.put("title", s.title());
                  m.put("description", s.description());
                  m.put("owner", s.owner());
                  m.put("kind", s.kind().id());
                  m.put("environment", s.environment());
                  m.put("optional", s.optional());
                  m.put("after", s.after());
                  m.put("requires", s.requires());
                  m.put("meets", s.meets());
                  m.put("incidentOnFailure", s.incidentOnFailure());
                  m.put("appliesTo", s.appliesTo().stream().map(t -> t.id()).sorted().toList());
                  return m;
                })
            .toList());
    body.put(
        "handoffs",
        d.handoffs().stream()
            .map(
                h -> {
                  Map<String, Object> m = new LinkedHashMap<>();
                  m.put("key", h.key());
                  m.put("from", h.from());
                  m.put("to", h.to());
                  m.put("handsOver", h.handsOver());
                  m.put("trigger", h.trigger());
                  m.put("appliesTo", h.appliesTo().stream().map(t -> t.id()).sorted().toList());
                  return m;
                })
            .toList());
    Map<String, Object> playbook = new LinkedHashMap<>();
    playbook.put("trigger", d.playbook().trigger());
    playbook.put(
        "steps",
        d.playbook().steps().stream()
            .map(
                s -> {
                  Map<String, Object> m = new LinkedHashMap<>();
                  m.put("key", s.key());
                  m.put("title", s.title());
                  m.put("owner", s.owner());
                  m.put("optional", s.optional());
                  m.put("after", s.after());
                  m.put("action", s.action().name().toLowerCase());
                  m.put("environment", s.environment());
                  return m;
                })
            .toList());
    body.put("playbook", playbook);
    Map<String, Object> notes = new LinkedHashMap<>();
    notes.put(
        "fields",
        d.notes().fields().stream()
            .map(
                f -> {
                  Map<String, Object> m = new LinkedHashMap<>();
                  m.put("key", f.key());
                  m.put("label", f.label());
                  m.put("owner", f.owner());
                  m.put("list", f.list());
                  m.put("requiredFor", f.requiredFor().stream().map(t -> t.id()).sorted().toList());
                  return m;
                })
            .toList());
    notes.put("template", d.notes().markdown());
    body.put("notesTemplate", notes);
    return body;
  }
}
