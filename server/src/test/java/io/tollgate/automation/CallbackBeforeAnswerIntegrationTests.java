package io.tollgate.automation;

import static io.tollgate.automation.AutomationFixtures.awaitStep;
import static io.tollgate.automation.AutomationFixtures.configure;
import static io.tollgate.automation.AutomationFixtures.deployment;
import static io.tollgate.automation.AutomationFixtures.readyForStaging;
import static io.tollgate.automation.AutomationFixtures.start;
import static io.tollgate.automation.AutomationFixtures.webhook;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tollgate.shared.outbound.StandardWebhooks;
import io.tollgate.support.IntegrationTest;
import io.tollgate.support.Team;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * A pipeline may report before its answer to the webhook reaches Tollgate (it reports from another
 * thread, or faster than Tollgate reads the answer): the deployment has ended when the dispatch job
 * counts the accepted attempt. Found by the two-node crash test
 * (bench/crash/TwoNodeCrashTest.java), whose pipeline reports at once: such a deployment kept its
 * timeout job, a row of {@code scheduled_tasks} for the executor's whole timeout (an hour by
 * default) after it ended.
 */
class CallbackBeforeAnswerIntegrationTests extends IntegrationTest {
  final String secret = StandardWebhooks.newSecret();

  @Test
  void aDeploymentReportedBeforeThePipelineAnswersLeavesNoTimeoutJob() {
    try (PipelineReceiver pipeline = new PipelineReceiver()) {
      pipeline.secret(secret);
      AtomicReference<PipelineReceiver.Api> report = new AtomicReference<>();
      pipeline.answer(
          n -> {
            // the final status first, then the 2xx to the webhook
            report.set(
                PipelineReceiver.callback(
                    pipeline.received.get(n - 1), Map.of("status", "succeeded")));
            return 202;
          });
      Team t = team();
      configure(t.devops, t, "staging", webhook(pipeline.url(), secret));
      String release = readyForStaging(t);
      String d = start(t.devops, release, "deploy-staging");

      awaitStep(t.devops, release, "deploy-staging", "done");
      assertThat(report.get().status()).as(report.get().body()).isEqualTo(200);
      // the dispatch job has counted its attempt and is gone
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> scheduledJobs("deployment-dispatch", d + ":1") == 0);
      assertThat(deployment(t.devops, d).path("status").asString()).isEqualTo("succeeded");
      assertThat(scheduledJobs("deployment-timeout", d))
          .as("no timeout job waits for a deployment that has ended")
          .isZero();
      assertThat(
              jdbc.sql("select attempts from automated_deployments where id = ?")
                  .param(d)
                  .query(Integer.class)
                  .single())
          .isEqualTo(1);
    }
  }
}
