package io.tollgate.quality.web;

import io.swagger.v3.oas.annotations.Operation;
import io.tollgate.quality.TestReport;
import io.tollgate.quality.TestReports;
import io.tollgate.shared.Actor;
import io.tollgate.shared.web.ProblemStatuses;
import java.net.URI;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** JUnit XML test reports of a release. */
@RestController
@RequestMapping("/api/v1")
class TestReportApi {
  private final TestReports reports;

  TestReportApi(TestReports reports) {
    this.reports = reports;
  }

  @Operation(
      operationId = "addTestReport",
      summary =
          "Attach one JUnit XML report to a requirement (?requirement=) or a step (?step=) of a"
              + " release (a holder of its owning role)")
  @ProblemStatuses({403, 404, 422})
  @org.springframework.web.bind.annotation.ResponseStatus(
      org.springframework.http.HttpStatus.CREATED)
  @PostMapping(
      path = "/releases/{id}/test-reports",
      consumes = {MediaType.APPLICATION_XML_VALUE, MediaType.TEXT_XML_VALUE})
  ResponseEntity<TestReport> add(
      @AuthenticationPrincipal Actor actor,
      @PathVariable String id,
      @RequestParam(required = false) String requirement,
      @RequestParam(required = false) String step,
      @RequestBody byte[] body) {
    TestReport report = reports.attach(actor, id, requirement, step, body);
    return ResponseEntity.created(URI.create("/api/v1/releases/" + id + "/test-reports"))
        .body(report);
  }

  @Operation(
      operationId = "listTestReports",
      summary = "A release's test reports, oldest first: counts, duration, the failing tests")
  @ProblemStatuses({403, 404})
  @GetMapping("/releases/{id}/test-reports")
  List<TestReport> list(@AuthenticationPrincipal Actor actor, @PathVariable String id) {
    return reports.of(actor, id);
  }
}
