package io.tollgate.automation.internal;

import io.tollgate.automation.AutomatedDeployment;
import io.tollgate.automation.AutomationConfig;
import io.tollgate.automation.Backoff;
import io.tollgate.automation.DeploymentStatus;
import io.tollgate.automation.Verdicts;
import io.tollgate.shared.outbound.SecretBox;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What the durable jobs do (see {@link JobScheduler}). Each job reads the deployment first and does
 * nothing when it has ended, so a job run twice (a node died after running it) changes nothing.
 */
@Component
public class DeploymentJobs {
  private final AutomationStore store;
  private final JobScheduler jobs;
  private final Settlement settlement;
  private final WebhookExecutor webhooks;
  private final CommandExecutor commands;
  private final CheckRunner checks;
  private final SecretBox secrets;
  private final TransactionTemplate tx;
  private final Clock clock;
  private final Environment environment;
  private final String publicUrl;
  private final Duration retryBase;
  private final CancelNotices cancelNotices;
  private final org.springframework.beans.factory.ObjectProvider<FollowUp> followUps;

  DeploymentJobs(
      AutomationStore store,
      JobScheduler jobs,
      Settlement settlement,
      WebhookExecutor webhooks,
      CommandExecutor commands,
      CheckRunner checks,
      SecretBox secrets,
      CancelNotices cancelNotices,
      org.springframework.beans.factory.ObjectProvider<FollowUp> followUps,
      TransactionTemplate tx,
      Clock clock,
      Environment environment,
      @Value("${tollgate.public-url:}") String publicUrl,
      @Value("${tollgate.automation.retry-base:PT1S}") Duration retryBase) {
    this.retryBase = retryBase;
    this.cancelNotices = cancelNotices;
    this.followUps = followUps;
    this.store = store;
    this.jobs = jobs;
    this.settlement = settlement;
    this.webhooks = webhooks;
    this.commands = commands;
    this.checks = checks;
    this.secrets = secrets;
    this.tx = tx;
    this.clock = clock;
    this.environment = environment;
    this.publicUrl = publicUrl;
  }

  /** Asks the executor: one webhook attempt, or the whole command. */
  void dispatch(String id, int attempt) {
    AutomatedDeployment d = store.find(id).orElse(null);
    if (d == null || d.status().isFinal()) return;
    AutomationConfig config =
        store
            .config(d.product(), d.environment())
            .map(s -> AutomationDocuments.read(s.document()))
            .orElse(null);
    if (d.attempts() >= attempt) {
      // this job ran before and did not finish: the node running it died
      if (d.status() == DeploymentStatus.RUNNING && !commands.isRunning(id) && !isWebhook(config)) {
        end(
            id,
            DeploymentStatus.FAILED,
            "The node running the command stopped before the command ended (its jobs were taken"
                + " over by another node): the command may have run in part. Check "
                + d.environment()
                + ", then deploy again.");
      }
      return;
    }
    if (config == null) {
      settlement.report(
          id,
          DeploymentStatus.FAILED,
          "The environment's automation was removed before the deployment ran.",
          null,
          List.of());
      return;
    }
    if (config.executor() instanceof AutomationConfig.Webhook w) {
      webhook(d, w, attempt);
    } else if (config.executor() instanceof AutomationConfig.Command c) {
      command(d, c);
    }
  }

  private void webhook(AutomatedDeployment d, AutomationConfig.Webhook w, int attempt) {
    String token = secrets.open(store.sealedToken(d.id()));
    WebhookExecutor.Answer answer =
        webhooks.post(d, w.url(), secrets.open(w.sealedSecret()), callbackUrl(d.id()), token);
    Instant now = clock.instant();
    boolean retry = !answer.accepted() && !Backoff.exhausted(attempt);
    boolean counted =
        Boolean.TRUE.equals(
            tx.execute(
                s -> {
                  if (!store.countAttempt(d.id(), attempt - 1)) return false;
                  String line = "Attempt " + attempt + ": " + answer.detail();
                  if (retry)
                    line +=
                        " Trying again in "
                            + Backoff.before(attempt + 1, retryBase).toMillis()
                            + " ms.";
                  store.log(d.id(), now, List.of(line));
                  if (answer.accepted()) {
                    store.markRunning(d.id());
                    // the pipeline may have reported the end before its answer came: then the
                    // deployment needs no timeout (the report cancelled none, there was none yet)
                    if (store.lock(d.id()).map(x -> !x.status().isFinal()).orElse(false)) {
                      jobs.timeout(d.id(), now.plusSeconds(w.timeoutSeconds()));
                    }
                  } else if (retry) {
                    jobs.dispatch(
                        d.id(), attempt + 1, now.plus(Backoff.before(attempt + 1, retryBase)));
                  }
                  return true;
                }));
    if (counted && !answer.accepted() && !retry) {
      settlement.report(
          d.id(),
          DeploymentStatus.FAILED,
          "The pipeline did not take the deployment after "
              + attempt
              + " attempts: "
              + answer.detail(),
          null,
          List.of());
    }
  }

  private void command(AutomatedDeployment d, AutomationConfig.Command c) {
    // counted and marked running together: a job run again finds either nothing started or a
    // command that may have run (then the deployment fails, see dispatch)
    boolean mine =
        Boolean.TRUE.equals(
            tx.execute(
                s -> {
                  if (!store.countAttempt(d.id(), d.attempts())) return false;
                  store.markRunning(d.id());
                  store.log(
                      d.id(), clock.instant(), List.of("Running " + String.join(" ", c.command())));
                  // a safety net: the deployment ends even if no node notices this one die
                  jobs.timeout(d.id(), clock.instant().plusSeconds(c.timeoutSeconds() + 60L));
                  return true;
                }));
    if (!mine) return;
    CommandExecutor.Result result =
        commands.run(
            d,
            c.command(),
            c.timeoutSeconds(),
            line ->
                tx.executeWithoutResult(
                    s -> store.log(d.id(), clock.instant(), List.of(clip(line)))));
    end(d.id(), result.status(), result.message());
  }

  /** Ends a deployment unless it already ended otherwise (a cancel or timeout came first). */
  private void end(String id, DeploymentStatus status, String message) {
    try {
      settlement.report(id, status, message, null, List.of());
    } catch (io.tollgate.shared.Refused endedOtherwise) {
      // the first end stands
    }
  }

  /** The deployment did not end in time. */
  void timeout(String id) {
    AutomatedDeployment d = store.find(id).orElse(null);
    if (d == null || d.status().isFinal()) return;
    commands.stop(id);
    Duration waited = Duration.between(d.startedAt(), clock.instant());
    end(id, DeploymentStatus.TIMED_OUT, "No final status within " + waited.toSeconds() + " s.");
  }

  void settle(String id) {
    settlement.settle(id);
  }

  void followUp(String id) {
    followUps.getObject().run(id);
  }

  void cancelNotice(String id, int attempt) {
    cancelNotices.send(id, attempt);
  }

  private static boolean isWebhook(AutomationConfig config) {
    return config != null && config.executor() instanceof AutomationConfig.Webhook;
  }

  /** One round of checks of a verification; the next round waits as a row. */
  void round(String id, int round) {
    AutomatedDeployment d = store.find(id).orElse(null);
    if (d == null || d.status().isFinal()) return;
    AutomationConfig config =
        store
            .config(d.product(), d.environment())
            .map(s -> AutomationDocuments.read(s.document()))
            .orElse(null);
    if (config == null || !config.hasChecks()) {
      settlement.report(
          id, DeploymentStatus.FAILED, "The environment's checks were removed.", null, List.of());
      return;
    }
    List<Boolean> results = new ArrayList<>();
    String failed = null;
    for (AutomationConfig.Check check : config.verification().checks()) {
      CheckRunner.Result r = checks.run(check);
      results.add(r.ok());
      if (!r.ok() && failed == null) failed = check.target() + ": " + r.value();
      Instant at = clock.instant();
      tx.executeWithoutResult(
          s ->
              store.check(
                  id,
                  new AutomatedDeployment.CheckResult(
                      round, check.kind(), check.target(), r.ok(), clip(r.value()), at)));
    }
    Duration elapsed = Duration.between(d.startedAt(), clock.instant());
    Duration soak = Duration.ofSeconds(config.verification().soakSeconds());
    switch (Verdicts.afterRound(results, elapsed, soak)) {
      case FAIL ->
          settlement.report(
              id,
              DeploymentStatus.FAILED,
              "Round " + round + " failed: " + failed,
              null,
              List.of());
      case PASS ->
          settlement.report(
              id,
              DeploymentStatus.SUCCEEDED,
              "Every check held in "
                  + round
                  + " round(s) over "
                  + elapsed.toSeconds()
                  + " s (soak "
                  + soak.toSeconds()
                  + " s).",
              null,
              List.of());
      case AGAIN -> {
        Instant next = clock.instant().plusSeconds(config.verification().intervalSeconds());
        tx.executeWithoutResult(
            s -> {
              if (store.lock(id).map(x -> !x.status().isFinal()).orElse(false)) {
                jobs.round(id, round + 1, next);
              }
            });
      }
    }
  }

  /** Stops a command of this deployment running on this node (a cancel). */
  public void stopCommand(String id) {
    commands.stop(id);
  }

  String callbackUrl(String id) {
    String base =
        publicUrl != null && !publicUrl.isBlank()
            ? publicUrl
            : "http://localhost:" + environment.getProperty("local.server.port", "8080");
    return base.replaceAll("/+$", "") + "/api/v1/deployments/" + id + "/status";
  }

  private static String clip(String line) {
    return line.length() > 4000 ? line.substring(0, 4000) + "…" : line;
  }
}
