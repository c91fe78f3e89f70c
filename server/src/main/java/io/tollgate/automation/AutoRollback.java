package io.tollgate.automation;

import io.tollgate.release.IncidentLookup;
import io.tollgate.release.ReleaseId;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * With {@code autoRollback}: a failed deployment or verification that opened an incident starts a
 * rollback to the last known-good version through the same executor; a rollback that succeeded (its
 * playbook step completed by {@code system}, see {@code Settlement}) is verified again. Run by
 * {@link AutomaticFollowUp}, in the transaction that marks the deployment followed up.
 */
@Component
class AutoRollback {
  private final EnvironmentAutomation automation;
  private final Deployments deployments;
  private final IncidentLookup incidents;

  AutoRollback(
      EnvironmentAutomation automation, Deployments deployments, IncidentLookup incidents) {
    this.automation = automation;
    this.deployments = deployments;
    this.incidents = incidents;
  }

  /**
   * Starts the rollback, or the verification after one, if it is due; answers the line for the
   * deployment's log.
   *
   * @throws TollgateException when it may not start (the caller logs why)
   */
  Optional<String> follow(AutomatedDeployment d) {
    AutomationConfig config = automation.find(d.product(), d.environment()).orElse(null);
    if (config == null) return Optional.empty();
    if (d.kind() == DeploymentKind.ROLLBACK) {
      if (d.status() != DeploymentStatus.SUCCEEDED || !config.hasChecks()) return Optional.empty();
      AutomatedDeployment v = deployments.reverify(d);
      return Optional.of("Verification " + v.id() + " of the rolled-back environment started.");
    }
    if (d.status() == DeploymentStatus.SUCCEEDED || !config.autoRollback() || d.step() == null) {
      return Optional.empty();
    }
    List<String> opened = incidents.incidentsOf(new ReleaseId(d.release()));
    if (opened.isEmpty()) return Optional.empty(); // not a failure the playbook handles
    String incident = opened.get(opened.size() - 1);
    return Optional.of(
        deployments
            .startRollback(d, incident)
            .map(r -> "Automatic rollback " + r.id() + " to " + r.version() + " started.")
            .orElse(
                "No automatic rollback: there is no last known-good release of "
                    + d.environment()
                    + "."));
  }
}
