package io.tollgate.automation;

import io.tollgate.automation.internal.AutomationStore;
import io.tollgate.automation.internal.FollowUp;
import io.tollgate.shared.TollgateException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What follows a deployment whose step was completed, as the durable {@code deployment-follow-up}
 * job runs it on any node: auto-verify after a deploy ({@link AutoVerify}), auto-rollback after a
 * failure and verification after a rollback ({@link AutoRollback}). The deployment is marked
 * followed up in the transaction that starts what follows, so a job run again after its node died
 * starts nothing twice; when nothing may start, the reason goes to the deployment's log.
 */
@Component
class AutomaticFollowUp implements FollowUp {
  private final AutoVerify verify;
  private final AutoRollback rollback;
  private final AutomationStore store;
  private final TransactionTemplate tx;
  private final Clock clock;

  AutomaticFollowUp(
      AutoVerify verify,
      AutoRollback rollback,
      AutomationStore store,
      TransactionTemplate tx,
      Clock clock) {
    this.verify = verify;
    this.rollback = rollback;
    this.store = store;
    this.tx = tx;
    this.clock = clock;
  }

  @Override
  public void run(String id) {
    AutomatedDeployment d = store.find(id).orElse(null);
    if (d == null || !d.status().isFinal()) return;
    try {
      tx.executeWithoutResult(
          s -> {
            if (!store.claimFollowUp(id)) return;
            Optional<String> line = verify.follow(d);
            if (line.isEmpty()) line = rollback.follow(d);
            line.ifPresent(l -> store.log(id, clock.instant(), List.of(l)));
          });
    } catch (TollgateException refused) {
      tx.executeWithoutResult(
          s -> {
            if (store.claimFollowUp(id)) {
              store.log(id, clock.instant(), List.of(refusedLine(d, refused)));
            }
          });
    }
  }

  static String refusedLine(AutomatedDeployment d, TollgateException refused) {
    boolean verification =
        d.status() == DeploymentStatus.SUCCEEDED
            && (d.kind() == DeploymentKind.DEPLOY || d.kind() == DeploymentKind.ROLLBACK);
    return (verification ? "Verification not started: " : "No automatic rollback: ")
        + refused.getMessage();
  }
}
