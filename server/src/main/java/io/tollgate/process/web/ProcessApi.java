package io.tollgate.process.web;

import io.swagger.v3.oas.annotations.Operation;
import io.tollgate.process.ProcessManagement;
import io.tollgate.process.ProcessVersion;
import io.tollgate.shared.Actor;
import io.tollgate.shared.web.ProblemStatuses;
import java.net.URI;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Processes as code: list, read, and publish new versions from YAML. */
@RestController
@RequestMapping("/api/v1/processes")
class ProcessApi {
  private final ProcessManagement processes;

  ProcessApi(ProcessManagement processes) {
    this.processes = processes;
  }

  /** A process version by its id, number and name. */
  @io.swagger.v3.oas.annotations.media.Schema(name = "ProcessSummary")
  record ProcessSummary(String id, int version, String name) {
    static ProcessSummary of(ProcessVersion p) {
      return new ProcessSummary(p.id(), p.version(), p.name());
    }
  }

  @Operation(operationId = "listProcesses", summary = "List the latest version of each process")
  @GetMapping
  List<ProcessSummary> list() {
    return processes.all().stream().map(ProcessSummary::of).toList();
  }

  @Operation(operationId = "getProcess", summary = "Read the latest version of a process")
  @ProblemStatuses(404)
  @GetMapping("/{id}")
  ProcessDocument get(@PathVariable String id) {
    return ProcessDocument.of(processes.latest(id));
  }

  @Operation(operationId = "getProcessVersion", summary = "Read one version of a process")
  @ProblemStatuses(404)
  @GetMapping("/{id}/versions/{version}")
  ProcessDocument version(@PathVariable String id, @PathVariable int version) {
    return ProcessDocument.of(processes.version(id, version));
  }

  @Operation(
      operationId = "publishProcess",
      summary = "Publish a process, or a new version of one, from YAML (admin)")
  @ProblemStatuses({403, 422})
  @ResponseStatus(HttpStatus.CREATED) // what the OpenAPI document says it answers
  @PostMapping(consumes = {"application/yaml", "application/x-yaml", "text/yaml", "text/x-yaml"})
  ResponseEntity<ProcessSummary> publish(
      @AuthenticationPrincipal Actor actor, @RequestBody String yaml) {
    ProcessVersion published = processes.publish(actor, yaml);
    return ResponseEntity.created(URI.create("/api/v1/processes/" + published.id()))
        .body(ProcessSummary.of(published));
  }
}
