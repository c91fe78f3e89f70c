package io.tollgate.automation;

import io.tollgate.process.StepDef;
import io.tollgate.process.StepKind;
import io.tollgate.release.Release;
import io.tollgate.release.ReleaseManagement;
import io.tollgate.shared.Actor;
import io.tollgate.shared.TollgateException;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * With {@code autoVerify}, a deploy that succeeded starts its environment's smoke-test or
 * verification step as {@code system}, so the checks run once the deployment has settled. Run by
 * {@link AutomaticFollowUp}, in the transaction that marks the deployment followed up.
 */
@Component
class AutoVerify {
  private final EnvironmentAutomation automation;
  private final Deployments deployments;
  private final ReleaseManagement releases;

  AutoVerify(
      EnvironmentAutomation automation, Deployments deployments, ReleaseManagement releases) {
    this.automation = automation;
    this.deployments = deployments;
    this.releases = releases;
  }

  /**
   * Starts the verification if it is due; answers the line for the deployment's log.
   *
   * @throws TollgateException when the step may not start (the caller logs why)
   */
  Optional<String> follow(AutomatedDeployment d) {
    if (d.kind() != DeploymentKind.DEPLOY || d.status() != DeploymentStatus.SUCCEEDED) {
      return Optional.empty();
    }
    AutomationConfig config = automation.find(d.product(), d.environment()).orElse(null);
    if (config == null || !config.autoVerify() || !config.hasChecks()) return Optional.empty();
    Release release = releases.get(Actor.SYSTEM, d.release());
    Optional<StepDef> verify =
        release.process().steps().stream()
            .filter(s -> s.kind() == StepKind.VERIFICATION || s.kind() == StepKind.SMOKE_TEST)
            .filter(s -> d.environment().equals(s.environment()))
            .findFirst();
    if (verify.isEmpty()) return Optional.empty();
    AutomatedDeployment v = deployments.start(Actor.SYSTEM, d.release(), verify.get().key(), null);
    return Optional.of("Verification " + v.id() + " started (" + verify.get().key() + ").");
  }
}
