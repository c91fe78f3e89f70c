package io.tollgate.automation.web;

import io.swagger.v3.oas.annotations.Operation;
import io.tollgate.automation.AutomatedDeployment;
import io.tollgate.automation.CallbackRefused;
import io.tollgate.automation.Deployments;
import io.tollgate.automation.Deployments.DeploymentView;
import io.tollgate.identity.TokenManagement;
import io.tollgate.shared.Actor;
import io.tollgate.shared.web.ProblemStatuses;
import java.time.Instant;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Automated deployments: read, cancel, and the pipeline's callback. */
@RestController
@RequestMapping("/api/v1")
class DeploymentApi {
  private final Deployments deployments;
  private final TokenManagement tokens;

  DeploymentApi(Deployments deployments, TokenManagement tokens) {
    this.deployments = deployments;
    this.tokens = tokens;
  }

  @io.swagger.v3.oas.annotations.media.Schema(name = "AutomatedDeployment")
  record DeploymentJson(
      String id,
      String release,
      String product,
      String environment,
      String step,
      String version,
      String previousVersion,
      String kind,
      String status,
      String requestedBy,
      Instant startedAt,
      Instant finishedAt,
      String message,
      String url,
      List<LogJson> log,
      List<CheckJson> checks) {}

  record LogJson(Instant at, String line) {}

  record CheckJson(int round, String kind, String target, boolean ok, String value, Instant at) {}

  /** A pipeline's report: {@code status} running, succeeded or failed. */
  record StatusReport(String status, String message, String url, List<String> log) {}

  @Operation(
      operationId = "getDeployment",
      summary = "Read an automated deployment, its log and checks (members)")
  @ProblemStatuses({404}) // a non-member gets 404, never 403
  @GetMapping("/deployments/{id}")
  DeploymentJson get(@AuthenticationPrincipal Actor actor, @PathVariable String id) {
    return json(deployments.get(actor, id));
  }

  @Operation(
      operationId = "listReleaseDeployments",
      summary = "List a release's automated deployments and verifications, oldest first (members)")
  @ProblemStatuses({404}) // a non-member gets 404, never 403
  @GetMapping("/releases/{id}/deployments")
  List<DeploymentJson> ofRelease(@AuthenticationPrincipal Actor actor, @PathVariable String id) {
    return deployments.ofRelease(actor, id).stream()
        .map(d -> json(new DeploymentView(d, List.of(), List.of())))
        .toList();
  }

  @Operation(operationId = "cancelDeployment", summary = "Cancel a running deployment (devops)")
  @ProblemStatuses({403, 404, 409})
  @PostMapping("/deployments/{id}/cancel")
  DeploymentJson cancel(@AuthenticationPrincipal Actor actor, @PathVariable String id) {
    return json(deployments.cancel(actor, id));
  }

  @Operation(
      operationId = "reportDeploymentStatus",
      summary =
          "The pipeline reports on a deployment, with the deployment's callback token (not a"
              + " person's)")
  @ProblemStatuses({403, 404, 409, 422})
  @PostMapping(path = "/deployments/{id}/status", consumes = MediaType.APPLICATION_JSON_VALUE)
  DeploymentJson report(
      @PathVariable String id,
      @RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false) String authorization,
      @RequestBody StatusReport body) {
    String token =
        authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
            ? authorization.substring(7).strip()
            : null;
    boolean person = token != null && !token.isEmpty() && tokens.authenticate(token).isPresent();
    return switch (deployments.checkToken(id, token, person)) {
      case VALID ->
          json(deployments.report(id, body.status(), body.message(), body.url(), body.log()));
      case UNKNOWN ->
          throw CallbackRefused.unauthenticated(
              "Report with 'Authorization: Bearer <callback.token>' from the deployment request.");
      case PERSON ->
          throw CallbackRefused.forbidden(
              "A person's token cannot report a deployment: use the deployment's callback token.");
      case OTHER_DEPLOYMENT ->
          throw CallbackRefused.forbidden("This callback token belongs to another deployment.");
    };
  }

  static DeploymentJson json(DeploymentView v) {
    AutomatedDeployment d = v.deployment();
    return new DeploymentJson(
        d.id(),
        d.release(),
        d.product(),
        d.environment(),
        d.step(),
        d.version(),
        d.previousVersion(),
        d.kind().id(),
        d.status().id(),
        d.requestedBy(),
        d.startedAt(),
        d.finishedAt(),
        d.message(),
        d.url(),
        v.log().stream().map(l -> new LogJson(l.at(), l.line())).toList(),
        v.checks().stream()
            .map(c -> new CheckJson(c.round(), c.kind(), c.target(), c.ok(), c.value(), c.at()))
            .toList());
  }
}
