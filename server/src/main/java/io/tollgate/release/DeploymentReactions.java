package io.tollgate.release;

import io.tollgate.deployment.DeploymentManagement;
import io.tollgate.release.ReleaseEvent.DeploymentRecorded;
import io.tollgate.release.ReleaseEvent.VerificationRecorded;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * A deploy step that ran moves its environment; a verification marks the deployment it verified.
 * Runs in the transaction of the release command that caused it.
 */
@Component
class DeploymentReactions {
  private final DeploymentManagement deployments;

  DeploymentReactions(DeploymentManagement deployments) {
    this.deployments = deployments;
  }

  @EventListener
  void deployed(DeploymentRecorded d) {
    deployments.deployed(
        d.product(),
        d.environment(),
        d.release().value(),
        d.version(),
        d.outcome(),
        d.by(),
        d.at());
  }

  @EventListener
  void verified(VerificationRecorded v) {
    deployments.verified(v.environment(), v.release().value(), v.outcome());
  }
}
