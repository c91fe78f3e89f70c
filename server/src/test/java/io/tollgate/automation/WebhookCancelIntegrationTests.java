package io.tollgate.automation;

import static io.tollgate.automation.AutomationFixtures.awaitDeployment;
import static io.tollgate.automation.AutomationFixtures.awaitStep;
import static io.tollgate.automation.AutomationFixtures.configure;
import static io.tollgate.automation.AutomationFixtures.lines;
import static io.tollgate.automation.AutomationFixtures.readyForStaging;
import static io.tollgate.automation.AutomationFixtures.start;
import static io.tollgate.automation.AutomationFixtures.webhook;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tollgate.shared.outbound.StandardWebhooks;
import io.tollgate.support.Api;
import io.tollgate.support.IntegrationTest;
import io.tollgate.support.Team;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Cancelling a webhook deployment tells the pipeline: a signed {@code deployment.cancelled} to the
 * executor's URL, retried with the same {@code webhook-id} until the pipeline takes it.
 */
class WebhookCancelIntegrationTests extends IntegrationTest {
  final String secret = StandardWebhooks.newSecret();
  PipelineReceiver pipeline;
  Team t;

  @BeforeEach
  void pipeline() {
    pipeline = new PipelineReceiver();
    pipeline.secret(secret);
    t = team();
  }

  @AfterEach
  void close() {
    pipeline.close();
  }

  List<PipelineReceiver.Received> notices() {
    return pipeline.received.stream()
        .filter(r -> "deployment.cancelled".equals(r.json().path("type").asString()))
        .toList();
  }

  String cancelRunning() {
    configure(t.devops, t, "staging", webhook(pipeline.url(), secret));
    String release = readyForStaging(t);
    String d = start(t.devops, release, "deploy-staging");
    await().atMost(Duration.ofSeconds(20)).until(() -> !pipeline.received.isEmpty());
    awaitDeployment(t.devops, d, j -> "running".equals(j.path("status").asString()));
    Api.Response cancelled = t.devops.post("/api/v1/deployments/" + d + "/cancel");
    assertThat(cancelled.status()).as(cancelled.toString()).isEqualTo(200);
    awaitStep(t.devops, release, "deploy-staging", "failed");
    return d;
  }

  @Test
  void theCancelOfARunningDeploymentIsSignedAndSentToThePipeline() {
    String d = cancelRunning();
    await().atMost(Duration.ofSeconds(20)).until(() -> notices().size() == 1);
    PipelineReceiver.Received notice = notices().get(0);
    assertThat(notice.validSig()).as("signed with the executor's secret").isTrue();
    assertThat(notice.id())
        .as("its own webhook-id, not the request's")
        .isEqualTo(d + ".cancelled")
        .isNotEqualTo(pipeline.received.get(0).id());
    JsonNode data = notice.json().path("data");
    assertThat(data.path("deployment").asString()).isEqualTo(d);
    assertThat(data.path("status").asString()).isEqualTo("cancelled");
    assertThat(data.path("environment").asString()).isEqualTo("staging");
    assertThat(data.path("message").asString())
        .contains("Cancelled by " + t.usernames.get("devops"));
    assertThat(data.has("callback")).as("no callback token in a notice").isFalse();
    JsonNode after =
        awaitDeployment(
            t.devops,
            d,
            j -> lines(j).stream().anyMatch(l -> l.startsWith("Cancel notice, attempt 1")));
    assertThat(lines(after)).anyMatch(l -> l.contains("The pipeline accepted the cancel"));
  }

  @Test
  void aCancelNoticeThePipelineRefusesIsSentAgainWithTheSameId() {
    // the request is taken; the first notice gets a 503, the next one a 200
    pipeline.answer(n -> n == 2 ? 503 : 202);
    String d = cancelRunning();
    await().atMost(Duration.ofSeconds(20)).until(() -> notices().size() == 2);
    assertThat(notices()).allMatch(PipelineReceiver.Received::validSig);
    assertThat(notices().stream().map(PipelineReceiver.Received::id).distinct())
        .containsExactly(d + ".cancelled");
    JsonNode after =
        awaitDeployment(
            t.devops,
            d,
            j -> lines(j).stream().anyMatch(l -> l.startsWith("Cancel notice, attempt 2")));
    assertThat(lines(after))
        .anyMatch(l -> l.startsWith("Cancel notice, attempt 1: The pipeline answered HTTP 503"))
        .anyMatch(l -> l.contains("Trying again in"));
  }

  @Test
  void aCommandDeploymentsCancelSendsNothing() {
    configure(admin, t, "staging", AutomationFixtures.command(List.of("sleep", "30"), 60));
    String release = readyForStaging(t);
    String d = start(t.devops, release, "deploy-staging");
    awaitDeployment(t.devops, d, j -> lines(j).stream().anyMatch(l -> l.startsWith("Running")));
    assertThat(t.devops.post("/api/v1/deployments/" + d + "/cancel").status()).isEqualTo(200);
    awaitStep(t.devops, release, "deploy-staging", "failed");
    JsonNode after = AutomationFixtures.deployment(t.devops, d);
    assertThat(after.path("status").asString()).isEqualTo("cancelled");
    assertThat(lines(after)).noneMatch(l -> l.startsWith("Cancel notice"));
    assertThat(pipeline.received).isEmpty();
  }
}
