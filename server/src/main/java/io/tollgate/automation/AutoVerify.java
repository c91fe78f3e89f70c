package io.tollgate.automation;

import io.tollgate.automation.internal.AutomationStore;
import io.tollgate.process.StepDef;
import io.tollgate.process.StepKind;
import io.tollgate.release.Release;
import io.tollgate.release.ReleaseManagement;
import io.tollgate.shared.Actor;
import io.tollgate.shared.TollgateException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * With {@code autoVerify}, a deploy that succeeded starts its environment's smoke-test or
 * verification step as {@code system}, so the checks run once the deployment has settled.
 */
@Component
class AutoVerify {
  private final EnvironmentAutomation automation;
  private final Deployments deployments;
  private final ReleaseManagement releases;
  private final AutomationStore store;
  private final Clock clock;

  AutoVerify(
      EnvironmentAutomation automation,
      Deployments deployments,
      ReleaseManagement releases,
      AutomationStore store,
      Clock clock) {
    this.automation = automation;
    this.deployments = deployments;
    this.releases = releases;
    this.store = store;
    this.clock = clock;
  }

  @EventListener
  void settled(DeploymentSettled event) {
    AutomatedDeployment d = event.deployment();
    if (d.kind() != DeploymentKind.DEPLOY || d.status() != DeploymentStatus.SUCCEEDED) return;
    AutomationConfig config = automation.find(d.product(), d.environment()).orElse(null);
    if (config == null || !config.autoVerify() || !config.hasChecks()) return;
    Release release = releases.get(Actor.SYSTEM, d.release());
    Optional<StepDef> verify =
        release.process().steps().stream()
            .filter(s -> s.kind() == StepKind.VERIFICATION || s.kind() == StepKind.SMOKE_TEST)
            .filter(s -> d.environment().equals(s.environment()))
            .findFirst();
    if (verify.isEmpty()) return;
    try {
      AutomatedDeployment v =
          deployments.start(Actor.SYSTEM, d.release(), verify.get().key(), null);
      log(d, "Verification " + v.id() + " started (" + verify.get().key() + ").");
    } catch (TollgateException e) {
      log(d, "Verification not started: " + e.getMessage());
    }
  }

  private void log(AutomatedDeployment d, String line) {
    store.log(d.id(), clock.instant(), List.of(line));
  }
}
