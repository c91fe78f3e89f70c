package io.tollgate.automation.internal;

import io.tollgate.automation.AutomatedDeployment;
import io.tollgate.automation.CallbackPolicy;
import io.tollgate.automation.DeploymentKind;
import io.tollgate.automation.DeploymentStatus;
import io.tollgate.release.ReleaseManagement;
import io.tollgate.shared.Actor;
import io.tollgate.shared.NotFound;
import io.tollgate.shared.TollgateException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Ends deployments and completes their steps. Ending is one transaction (the row locked, the final
 * status written, a settle job scheduled as a safety net); completing the step follows at once in
 * its own transaction as {@code system}. A node that dies between the two leaves the settle job,
 * which completes the step on any node: no step stays running. Completing the step schedules, in
 * the same transaction, the deployment's follow-up job (auto-verify, auto-rollback): a node dying
 * after the step was completed does not lose it.
 */
@Component
public class Settlement {
  private static final Logger log = LoggerFactory.getLogger(Settlement.class);
  static final Duration SAFETY_NET = Duration.ofSeconds(15);

  private final AutomationStore store;
  private final JobScheduler jobs;
  private final ReleaseManagement releases;
  private final io.tollgate.incident.IncidentManagement incidents;
  private final TransactionTemplate tx;
  private final Clock clock;

  Settlement(
      AutomationStore store,
      JobScheduler jobs,
      ReleaseManagement releases,
      io.tollgate.incident.IncidentManagement incidents,
      TransactionTemplate tx,
      Clock clock) {
    this.store = store;
    this.jobs = jobs;
    this.releases = releases;
    this.incidents = incidents;
    this.tx = tx;
    this.clock = clock;
  }

  /**
   * Applies a report (a pipeline's callback, the end of a command, a timeout, a cancel) and, when
   * it ended the deployment, completes its step.
   *
   * @return what the report did
   */
  public CallbackPolicy.Effect report(
      String id, DeploymentStatus reported, String message, String url, List<String> lines) {
    CallbackPolicy.Effect effect =
        tx.execute(
            s -> {
              AutomatedDeployment d =
                  store.lock(id).orElseThrow(() -> NotFound.of("deployment", id));
              CallbackPolicy.Effect e = CallbackPolicy.decide(d.status(), reported);
              Instant now = clock.instant();
              switch (e) {
                case RUNNING -> {
                  store.markRunning(id);
                  store.log(id, now, lines);
                }
                case FINISH -> {
                  store.log(id, now, lines);
                  String line =
                      reported.id() + (message == null || message.isBlank() ? "" : ": " + message);
                  store.log(id, now, List.of(line));
                  store.finish(id, reported, message, url, now);
                  jobs.cancelTimeout(id);
                  if (reported == DeploymentStatus.CANCELLED && d.attempts() > 0) {
                    jobs.cancelNotice(id, 1, now); // a no-op unless a pipeline was asked
                  }
                  jobs.settleLater(id, SAFETY_NET);
                }
                case UNCHANGED -> {}
              }
              return e;
            });
    if (effect == CallbackPolicy.Effect.FINISH) settle(id);
    return effect;
  }

  /** Completes the step of an ended deployment, once. */
  public void settle(String id) {
    AutomatedDeployment d = store.find(id).orElse(null);
    if (d == null || d.settled() || !d.status().isFinal()) return;
    try {
      tx.executeWithoutResult(
          s -> {
            AutomatedDeployment locked = store.lock(id).orElseThrow();
            if (locked.settled()) return;
            completeStep(locked);
            store.markSettled(id);
            jobs.settled(id);
            jobs.followUp(id);
          });
    } catch (TollgateException refused) {
      // the release moved on (cancelled, completed by hand meanwhile): the record says so
      tx.executeWithoutResult(
          s -> {
            store.log(
                id,
                clock.instant(),
                List.of("The step could not be completed: " + refused.getMessage()));
            store.markSettled(id);
            jobs.settled(id);
          });
      log.info("Deployment {} ended, its step not completed: {}", id, refused.getMessage());
    }
  }

  private void completeStep(AutomatedDeployment d) {
    if (d.kind() == DeploymentKind.ROLLBACK) {
      completeRollbackStep(d);
      return;
    }
    if (d.step() == null) return;
    boolean ok = d.status() == DeploymentStatus.SUCCEEDED;
    String note =
        "Automated "
            + d.kind().id()
            + " "
            + d.id()
            + " "
            + d.status().id()
            + (d.message() == null || d.message().isBlank() ? "" : ": " + d.message());
    releases.complete(
        Actor.SYSTEM,
        d.release(),
        d.step(),
        note.length() > 1000 ? note.substring(0, 1000) : note,
        io.tollgate.release.Evidence.of(d.url(), null),
        ok ? "succeeded" : "failed",
        null);
  }

  /** A rollback that succeeded completes its incident's rollback step, as {@code system}. */
  private void completeRollbackStep(AutomatedDeployment d) {
    if (d.status() != DeploymentStatus.SUCCEEDED || d.incident() == null) return;
    var process = releases.get(Actor.SYSTEM, d.release()).process();
    String step =
        process.playbook().steps().stream()
            .filter(s -> s.action() == io.tollgate.process.PlaybookStepDef.Action.ROLLBACK)
            .filter(s -> d.environment().equals(s.environment()))
            .map(io.tollgate.process.PlaybookStepDef::key)
            .findFirst()
            .orElse(null);
    if (step == null) return;
    incidents.complete(
        Actor.SYSTEM,
        d.incident(),
        step,
        "Automatic rollback " + d.id() + " to " + d.version() + " succeeded.");
  }
}
