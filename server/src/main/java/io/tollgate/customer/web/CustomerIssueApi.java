package io.tollgate.customer.web;

import io.swagger.v3.oas.annotations.Operation;
import io.tollgate.customer.CustomerIssue;
import io.tollgate.customer.CustomerIssues;
import io.tollgate.incident.Incident;
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
import org.springframework.web.bind.annotation.RestController;

/** Customer-reported issues on a release (api.md "Notifications"). */
@RestController
@RequestMapping("/api/v1")
class CustomerIssueApi {
  private final CustomerIssues issues;

  CustomerIssueApi(CustomerIssues issues) {
    this.issues = issues;
  }

  record NewIssue(String summary, String severity, String link) {}

  /** The incident an issue was escalated to. */
  record EscalatedIncident(
      String id,
      String release,
      String product,
      String severity,
      String summary,
      String status,
      String customerIssue) {}

  @Operation(
      operationId = "reportCustomerIssue",
      summary =
          "Record a customer-reported issue on a released release (support or the release manager)")
  @ProblemStatuses({403, 404, 409, 422})
  @PostMapping(path = "/releases/{id}/customer-issues", consumes = MediaType.APPLICATION_JSON_VALUE)
  @org.springframework.web.bind.annotation.ResponseStatus(
      org.springframework.http.HttpStatus.CREATED) // for the document
  ResponseEntity<CustomerIssue> report(
      @AuthenticationPrincipal Actor actor, @PathVariable String id, @RequestBody NewIssue body) {
    CustomerIssue issue = issues.report(actor, id, body.summary(), body.severity(), body.link());
    return ResponseEntity.created(URI.create("/api/v1/releases/" + id + "/customer-issues"))
        .body(issue);
  }

  @Operation(
      operationId = "listCustomerIssues",
      summary = "List a release's customer-reported issues")
  @ProblemStatuses({403, 404})
  @GetMapping("/releases/{id}/customer-issues")
  List<CustomerIssue> list(@AuthenticationPrincipal Actor actor, @PathVariable String id) {
    return issues.ofRelease(actor, id);
  }

  @Operation(
      operationId = "escalateCustomerIssue",
      summary =
          "Escalate a critical customer issue to an incident (support or the release manager)")
  @ProblemStatuses({403, 404, 409, 422})
  @PostMapping("/customer-issues/{id}/escalate")
  @org.springframework.web.bind.annotation.ResponseStatus(
      org.springframework.http.HttpStatus.CREATED) // for the document
  ResponseEntity<EscalatedIncident> escalate(
      @AuthenticationPrincipal Actor actor, @PathVariable String id) {
    Incident incident = issues.escalate(actor, id);
    var d = incident.data();
    return ResponseEntity.created(URI.create("/api/v1/incidents/" + d.id()))
        .body(
            new EscalatedIncident(
                d.id(),
                d.release(),
                d.product(),
                d.severity(),
                d.summary(),
                incident.status(),
                id));
  }
}
