package io.tollgate.automation;

import io.tollgate.automation.internal.AutomationStore;
import io.tollgate.release.IncidentLookup;
import io.tollgate.release.ReleaseId;
import io.tollgate.shared.TollgateException;
import java.time.Clock;
import java.util.List;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * With {@code autoRollback}: a failed deployment or verification that opened an incident starts a
 * rollback to the last known-good version through the same executor; a rollback that succeeded (its
 * playbook step completed by {@code system}, see {@code Settlement}) is verified again.
 */
@Component
class AutoRollback {
  private final EnvironmentAutomation automation;
  private final Deployments deployments;
  private final IncidentLookup incidents;
  private final AutomationStore store;
  private final Clock clock;

  AutoRollback(
      EnvironmentAutomation automation,
      Deployments deployments,
      IncidentLookup incidents,
      AutomationStore store,
      Clock clock) {
    this.automation = automation;
    this.deployments = deployments;
    this.incidents = incidents;
    this.store = store;
    this.clock = clock;
  }

  @EventListener
  void settled(DeploymentSettled event) {
    AutomatedDeployment d = event.deployment();
    AutomationConfig config = automation.find(d.product(), d.environment()).orElse(null);
    if (config == null) return;
    try {
      if (d.kind() == DeploymentKind.ROLLBACK) {
        if (d.status() == DeploymentStatus.SUCCEEDED && config.hasChecks()) {
          AutomatedDeployment v = deployments.reverify(d);
          log(d, "Verification " + v.id() + " of the rolled-back environment started.");
        }
        return;
      }
      if (d.status() == DeploymentStatus.SUCCEEDED || !config.autoRollback() || d.step() == null) {
        return;
      }
      List<String> opened = incidents.incidentsOf(new ReleaseId(d.release()));
      if (opened.isEmpty()) return; // no incident: not a failure the playbook handles
      String incident = opened.get(opened.size() - 1);
      deployments
          .startRollback(d, incident)
          .ifPresentOrElse(
              r -> log(d, "Automatic rollback " + r.id() + " to " + r.version() + " started."),
              () ->
                  log(
                      d,
                      "No automatic rollback: there is no last known-good release of "
                          + d.environment()
                          + "."));
    } catch (TollgateException e) {
      log(d, "No automatic rollback: " + e.getMessage());
    }
  }

  private void log(AutomatedDeployment d, String line) {
    store.log(d.id(), clock.instant(), List.of(line));
  }
}
