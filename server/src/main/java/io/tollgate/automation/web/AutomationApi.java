package io.tollgate.automation.web;

import io.swagger.v3.oas.annotations.Operation;
import io.tollgate.automation.AutomationConfig;
import io.tollgate.automation.AutomationRequest;
import io.tollgate.automation.Deployments;
import io.tollgate.automation.EnvironmentAutomation;
import io.tollgate.automation.EnvironmentAutomation.Configured;
import io.tollgate.shared.Actor;
import io.tollgate.shared.web.IfMatch;
import io.tollgate.shared.web.ProblemStatuses;
import java.time.Instant;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The automation of product environments, and starting a step's automated run. */
@RestController
@RequestMapping("/api/v1")
class AutomationApi {
  private final EnvironmentAutomation automation;
  private final Deployments deployments;
  private final io.tollgate.automation.EnvironmentLocks locks;

  AutomationApi(
      EnvironmentAutomation automation,
      Deployments deployments,
      io.tollgate.automation.EnvironmentLocks locks) {
    this.automation = automation;
    this.deployments = deployments;
    this.locks = locks;
  }

  /** Whether an environment takes new deployments; why not, since when. */
  @io.swagger.v3.oas.annotations.media.Schema(name = "EnvironmentLock")
  record LockView(
      String product,
      String environment,
      boolean locked,
      String reason,
      String lockedBy,
      Instant lockedAt,
      String incident) {
    static LockView of(String product, String env, io.tollgate.automation.EnvironmentLocks.Lock l) {
      return l == null
          ? new LockView(product, env, false, null, null, null, null)
          : new LockView(product, env, true, l.reason(), l.lockedBy(), l.lockedAt(), l.incident());
    }
  }

  record ReasonBody(String reason) {}

  @Operation(
      operationId = "getEnvironmentLock",
      summary = "Whether an environment is locked after a rollback (members)")
  @ProblemStatuses({403, 404})
  @GetMapping("/products/{key}/environments/{env}/lock")
  LockView lock(
      @AuthenticationPrincipal Actor actor, @PathVariable String key, @PathVariable String env) {
    return LockView.of(key, env, locks.get(actor, key, env).orElse(null));
  }

  @Operation(
      operationId = "clearEnvironmentLock",
      summary = "Clear the lock of an environment with a reason (the release manager)")
  @ProblemStatuses({403, 404, 409})
  @PostMapping(
      path = "/products/{key}/environments/{env}/lock/clear",
      consumes = MediaType.APPLICATION_JSON_VALUE)
  LockView clear(
      @AuthenticationPrincipal Actor actor,
      @PathVariable String key,
      @PathVariable String env,
      @RequestBody ReasonBody body) {
    locks.clear(actor, key, env, body == null ? null : body.reason());
    return LockView.of(key, env, null);
  }

  /** An environment's automation as the API shows it; the webhook secret masked. */
  @io.swagger.v3.oas.annotations.media.Schema(name = "EnvironmentAutomation")
  record ConfigView(
      String product,
      String environment,
      ExecutorView executor,
      VerificationView verification,
      boolean autoVerify,
      boolean autoRollback,
      String updatedBy,
      Instant updatedAt) {}

  /** {@code secret}: "…set", or the secret made for this answer only. */
  @io.swagger.v3.oas.annotations.media.Schema(name = "AutomationExecutor")
  record ExecutorView(
      String kind, String url, String secret, List<String> command, Integer timeoutSeconds) {}

  @io.swagger.v3.oas.annotations.media.Schema(name = "AutomationVerification")
  record VerificationView(List<CheckView> checks, int soakSeconds, int intervalSeconds) {}

  @io.swagger.v3.oas.annotations.media.Schema(name = "AutomationCheck")
  record CheckView(
      String kind,
      String url,
      Integer expectStatus,
      String bodyContains,
      String query,
      String op,
      Double threshold) {}

  /** The answer to a start: the deployment it created. */
  record Started(DeploymentApi.DeploymentJson deployment) {}

  @Operation(
      operationId = "setEnvironmentAutomation",
      summary =
          "Configure how an environment is deployed and verified (admin or devops; a command"
              + " executor: admin only)")
  @ProblemStatuses({403, 404, 422})
  @PutMapping(
      path = "/products/{key}/environments/{env}/automation",
      consumes = MediaType.APPLICATION_JSON_VALUE)
  ConfigView put(
      @AuthenticationPrincipal Actor actor,
      @PathVariable String key,
      @PathVariable String env,
      @RequestBody AutomationRequest body) {
    return view(automation.configure(actor, key, env, body));
  }

  @Operation(
      operationId = "getEnvironmentAutomation",
      summary = "Read an environment's automation (members; secrets masked)")
  @ProblemStatuses({403, 404})
  @GetMapping("/products/{key}/environments/{env}/automation")
  ConfigView get(
      @AuthenticationPrincipal Actor actor, @PathVariable String key, @PathVariable String env) {
    return view(automation.get(actor, key, env));
  }

  @Operation(
      operationId = "deleteEnvironmentAutomation",
      summary = "Return an environment to manual steps (admin or devops)")
  @ProblemStatuses({403, 404})
  @DeleteMapping("/products/{key}/environments/{env}/automation")
  @ResponseStatus(HttpStatus.NO_CONTENT) // what the OpenAPI document says it answers
  ResponseEntity<Void> delete(
      @AuthenticationPrincipal Actor actor, @PathVariable String key, @PathVariable String env) {
    automation.remove(actor, key, env);
    return ResponseEntity.noContent().build();
  }

  @Operation(
      operationId = "startStep",
      summary = "Start the automated run of a deploy step (the step's owner)")
  @ProblemStatuses({403, 404, 409})
  @ResponseStatus(HttpStatus.ACCEPTED) // what the OpenAPI document says it answers
  @PostMapping("/releases/{id}/steps/{key}/start")
  ResponseEntity<Started> start(
      @AuthenticationPrincipal Actor actor,
      @PathVariable String id,
      @PathVariable String key,
      @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
    var d = deployments.start(actor, id, key, IfMatch.revision(ifMatch));
    return ResponseEntity.accepted()
        .body(
            new Started(
                DeploymentApi.json(new Deployments.DeploymentView(d, List.of(), List.of()))));
  }

  static ConfigView view(Configured c) {
    AutomationConfig config = c.config();
    ExecutorView executor =
        config.executor() instanceof AutomationConfig.Webhook w
            ? new ExecutorView(
                "webhook",
                w.url(),
                c.newSecret() != null ? c.newSecret() : "…set",
                null,
                w.timeoutSeconds())
            : new ExecutorView(
                "command",
                null,
                null,
                ((AutomationConfig.Command) config.executor()).command(),
                ((AutomationConfig.Command) config.executor()).timeoutSeconds());
    VerificationView verification =
        config.verification() == null
            ? null
            : new VerificationView(
                config.verification().checks().stream().map(AutomationApi::check).toList(),
                config.verification().soakSeconds(),
                config.verification().intervalSeconds());
    return new ConfigView(
        c.product(),
        c.environment(),
        executor,
        verification,
        config.autoVerify(),
        config.autoRollback(),
        c.updatedBy(),
        c.updatedAt());
  }

  private static CheckView check(AutomationConfig.Check check) {
    if (check instanceof AutomationConfig.PrometheusCheck p) {
      return new CheckView("prometheus", p.url(), null, null, p.query(), p.op(), p.threshold());
    }
    AutomationConfig.HttpCheck h = (AutomationConfig.HttpCheck) check;
    return new CheckView("http", h.url(), h.expectStatus(), h.bodyContains(), null, null, null);
  }
}
