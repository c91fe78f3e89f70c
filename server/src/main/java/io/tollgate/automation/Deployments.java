package io.tollgate.automation;

import io.tollgate.automation.internal.AutomationStore;
import io.tollgate.automation.internal.DeploymentJobs;
import io.tollgate.automation.internal.JobScheduler;
import io.tollgate.automation.internal.Settlement;
import io.tollgate.deployment.DeploymentManagement;
import io.tollgate.deployment.EnvironmentState;
import io.tollgate.process.StepDef;
import io.tollgate.process.StepKind;
import io.tollgate.product.ProductManagement;
import io.tollgate.release.Release;
import io.tollgate.release.ReleaseManagement;
import io.tollgate.shared.Actor;
import io.tollgate.shared.Forbidden;
import io.tollgate.shared.NotFound;
import io.tollgate.shared.Refused;
import io.tollgate.shared.Timestamps;
import io.tollgate.shared.outbound.SecretBox;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.TreeSet;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Automated deployments: started by a step's owner, run by a durable job through the environment's
 * executor, ended by the pipeline's callback, the command's exit, a timeout or a cancel; the end
 * completes the step as {@code system}.
 */
@Service
public class Deployments {
  private final AutomationStore store;
  private final EnvironmentAutomation automation;
  private final ReleaseManagement releases;
  private final DeploymentManagement environments;
  private final ProductManagement products;
  private final JobScheduler jobs;
  private final DeploymentJobs running;
  private final Settlement settlement;
  private final SecretBox secrets;
  private final Clock clock;

  Deployments(
      AutomationStore store,
      EnvironmentAutomation automation,
      ReleaseManagement releases,
      DeploymentManagement environments,
      ProductManagement products,
      JobScheduler jobs,
      DeploymentJobs running,
      Settlement settlement,
      SecretBox secrets,
      Clock clock) {
    this.store = store;
    this.automation = automation;
    this.releases = releases;
    this.environments = environments;
    this.products = products;
    this.jobs = jobs;
    this.running = running;
    this.settlement = settlement;
    this.secrets = secrets;
    this.clock = clock;
  }

  /** A deployment with its log and check results, as the API shows it. */
  public record DeploymentView(
      AutomatedDeployment deployment,
      List<AutomatedDeployment.LogLine> log,
      List<AutomatedDeployment.CheckResult> checks) {}

  /**
   * Starts a step of an automated environment (same order and role rules as completing it): a
   * deploy step gets a job that asks the executor; a smoke-test or verification step gets rounds of
   * its checks.
   */
  @Transactional
  public AutomatedDeployment start(Actor by, String releaseId, String step, Long ifMatch) {
    Release release = releases.start(by, releaseId, step, ifMatch);
    StepDef def = release.process().step(step).orElseThrow();
    AutomationConfig config =
        automation
            .find(release.product(), def.environment())
            .orElseThrow(
                () ->
                    Refused.because(
                        "The environment '"
                            + def.environment()
                            + "' of "
                            + release.product()
                            + " has no automation: complete step '"
                            + step
                            + "' by hand, or configure PUT /api/v1/products/"
                            + release.product()
                            + "/environments/"
                            + def.environment()
                            + "/automation."));
    if (def.kind() == StepKind.DEPLOY) {
      return create(
          by,
          release,
          def.environment(),
          step,
          release.version().toString(),
          DeploymentKind.DEPLOY);
    }
    if (!config.hasChecks()) {
      throw Refused.because(
          "The environment '"
              + def.environment()
              + "' has no checks: complete step '"
              + step
              + "' by hand, or add checks to its automation.");
    }
    return create(
        by, release, def.environment(), step, release.version().toString(), DeploymentKind.VERIFY);
  }

  private AutomatedDeployment create(
      Actor by,
      Release release,
      String environment,
      String step,
      String version,
      DeploymentKind kind) {
    return create(
        by, release.id().value(), release.product(), environment, step, null, version, kind);
  }

  private AutomatedDeployment create(
      Actor by,
      String releaseId,
      String product,
      String environment,
      String step,
      String incident,
      String version,
      DeploymentKind kind) {
    Instant now = Timestamps.now(clock);
    EnvironmentState state = environments.environments(product, List.of(environment)).get(0);
    AutomatedDeployment d =
        new AutomatedDeployment(
            UUID.randomUUID().toString(),
            releaseId,
            product,
            environment,
            step,
            incident,
            version,
            state.currentVersion(),
            kind,
            DeploymentStatus.QUEUED,
            by.username(),
            now,
            null,
            null,
            null,
            0,
            false);
    String token = CallbackTokens.newToken();
    store.insert(d, CallbackTokens.hash(token), secrets.seal(token));
    store.log(
        d.id(), now, List.of("Queued by " + by.username() + ": " + kind.id() + " " + version));
    if (kind == DeploymentKind.VERIFY) {
      store.markRunning(d.id());
      jobs.round(d.id(), 1, now);
    } else {
      jobs.dispatch(d.id(), 1, now);
    }
    return d;
  }

  /**
   * The automatic rollback of a failed deployment or verification: the last known-good version
   * through the same executor, for the incident it opened. Empty when there is none to go back to.
   */
  @Transactional
  public java.util.Optional<AutomatedDeployment> startRollback(
      AutomatedDeployment failed, String incident) {
    return environments
        .rollbackTarget(failed.product(), failed.environment(), failed.release())
        .map(
            target ->
                create(
                    Actor.SYSTEM,
                    failed.release(),
                    failed.product(),
                    failed.environment(),
                    null,
                    incident,
                    target.version(),
                    DeploymentKind.ROLLBACK));
  }

  /** Checks the environment again after a rollback: evidence for the playbook's verification. */
  @Transactional
  public AutomatedDeployment reverify(AutomatedDeployment rollback) {
    return create(
        Actor.SYSTEM,
        rollback.release(),
        rollback.product(),
        rollback.environment(),
        null,
        rollback.incident(),
        rollback.version(),
        DeploymentKind.VERIFY);
  }

  @Transactional(readOnly = true)
  public DeploymentView get(Actor by, String id) {
    AutomatedDeployment d = readable(by, id);
    return new DeploymentView(d, store.logOf(id), store.checksOf(id));
  }

  @Transactional(readOnly = true)
  public List<AutomatedDeployment> ofRelease(Actor by, String releaseId) {
    releases.get(by, releaseId);
    return store.ofRelease(releaseId);
  }

  /** Cancels a deployment that has not ended (devops of the product, or the admin). */
  public DeploymentView cancel(Actor by, String id) {
    AutomatedDeployment d = readable(by, id);
    if (!automation.mayConfigure(by, d.product())) {
      throw Forbidden.needsRole(
          EnvironmentAutomation.OPERATOR_ROLE,
          "Cancelling a deployment",
          by.username(),
          new TreeSet<>(products.rolesOf(d.product(), by.username())));
    }
    if (d.status().isFinal()) {
      throw Refused.because("The deployment already ended as " + d.status().id() + ".");
    }
    running.stopCommand(id);
    settlement.report(
        id, DeploymentStatus.CANCELLED, "Cancelled by " + by.username() + ".", null, List.of());
    return get(by, id);
  }

  /** Whom a callback token belongs to. */
  public enum TokenCheck {
    VALID,
    UNKNOWN,
    PERSON,
    OTHER_DEPLOYMENT
  }

  @Transactional(readOnly = true)
  public TokenCheck checkToken(String id, String token, boolean personsToken) {
    if (token == null || token.isBlank()) return TokenCheck.UNKNOWN;
    var owner = store.idOfToken(CallbackTokens.hash(token.strip()));
    if (owner.isEmpty()) return personsToken ? TokenCheck.PERSON : TokenCheck.UNKNOWN;
    return owner.get().equals(id) ? TokenCheck.VALID : TokenCheck.OTHER_DEPLOYMENT;
  }

  /** A pipeline's report on the callback (its token checked by the caller). */
  public DeploymentView report(
      String id, String status, String message, String url, List<String> log) {
    DeploymentStatus reported = CallbackPolicy.reported(status);
    if (url != null && !url.isBlank()) io.tollgate.release.Evidence.of(url, null);
    settlement.report(id, reported, message, url, log == null ? List.of() : log);
    AutomatedDeployment d = store.find(id).orElseThrow(() -> NotFound.of("deployment", id));
    return new DeploymentView(d, store.logOf(id), store.checksOf(id));
  }

  private AutomatedDeployment readable(Actor by, String id) {
    AutomatedDeployment d = store.find(id).orElseThrow(() -> NotFound.of("deployment", id));
    if (by.isPerson() && !by.admin() && products.rolesOf(d.product(), by.username()).isEmpty()) {
      throw NotFound.of("deployment", id);
    }
    return d;
  }
}
