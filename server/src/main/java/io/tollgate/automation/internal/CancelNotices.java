package io.tollgate.automation.internal;

import io.tollgate.automation.AutomatedDeployment;
import io.tollgate.automation.AutomationConfig;
import io.tollgate.automation.Backoff;
import io.tollgate.automation.DeploymentStatus;
import io.tollgate.shared.outbound.SecretBox;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Tells a webhook executor's pipeline that a deployment it was asked for was cancelled: the {@code
 * deployment-cancel-notice} job, scheduled in the cancel's transaction, retried with the executor's
 * backoff and the same {@code webhook-id}; each attempt is a line of the log.
 */
@Component
class CancelNotices {
  private final AutomationStore store;
  private final JobScheduler jobs;
  private final WebhookExecutor webhooks;
  private final SecretBox secrets;
  private final TransactionTemplate tx;
  private final Clock clock;
  private final Duration retryBase;

  CancelNotices(
      AutomationStore store,
      JobScheduler jobs,
      WebhookExecutor webhooks,
      SecretBox secrets,
      TransactionTemplate tx,
      Clock clock,
      @Value("${tollgate.automation.retry-base:PT1S}") Duration retryBase) {
    this.store = store;
    this.jobs = jobs;
    this.webhooks = webhooks;
    this.secrets = secrets;
    this.tx = tx;
    this.clock = clock;
    this.retryBase = retryBase;
  }

  /** Whether a cancelled deployment's pipeline must be told: it was asked at least once. */
  static boolean due(AutomatedDeployment d, AutomationConfig config) {
    return d.status() == DeploymentStatus.CANCELLED
        && d.attempts() > 0
        && config != null
        && config.executor() instanceof AutomationConfig.Webhook;
  }

  void send(String id, int attempt) {
    AutomatedDeployment d = store.find(id).orElse(null);
    AutomationConfig config =
        d == null
            ? null
            : store
                .config(d.product(), d.environment())
                .map(s -> AutomationDocuments.read(s.document()))
                .orElse(null);
    if (d == null || !due(d, config)) return;
    AutomationConfig.Webhook w = (AutomationConfig.Webhook) config.executor();
    WebhookExecutor.Answer answer = webhooks.cancelled(d, w.url(), secrets.open(w.sealedSecret()));
    boolean retry = !answer.accepted() && !Backoff.exhausted(attempt);
    Instant now = clock.instant();
    tx.executeWithoutResult(
        s -> {
          String line = "Cancel notice, attempt " + attempt + ": " + answer.detail();
          if (retry) {
            Duration wait = Backoff.before(attempt + 1, retryBase);
            line += " Trying again in " + wait.toMillis() + " ms.";
            jobs.cancelNotice(id, attempt + 1, now.plus(wait));
          } else if (!answer.accepted()) {
            line += " The pipeline was not told of the cancel: stop its run by hand.";
          }
          store.log(id, now, List.of(line));
        });
  }
}
