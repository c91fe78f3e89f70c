package io.tollgate.automation;

import static io.tollgate.automation.AutomationFixtures.awaitDeployment;
import static io.tollgate.automation.AutomationFixtures.awaitStep;
import static io.tollgate.automation.AutomationFixtures.configure;
import static io.tollgate.automation.AutomationFixtures.deployment;
import static io.tollgate.automation.AutomationFixtures.lines;
import static io.tollgate.automation.AutomationFixtures.readyForProduction;
import static io.tollgate.automation.AutomationFixtures.readyForStaging;
import static io.tollgate.automation.AutomationFixtures.start;
import static io.tollgate.automation.AutomationFixtures.step;
import static io.tollgate.automation.AutomationFixtures.webhook;
import static io.tollgate.support.ReleaseDriver.ok;
import static io.tollgate.support.ReleaseDriver.path;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tollgate.shared.outbound.StandardWebhooks;
import io.tollgate.support.Api;
import io.tollgate.support.IntegrationTest;
import io.tollgate.support.Team;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Automated deployments through a webhook executor whose receiver is the test's own HTTP server: it
 * checks the Standard Webhooks signature and reports on the per-deployment callback.
 */
class WebhookDeploymentIntegrationTests extends IntegrationTest {
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

  @Test
  void stagingDeploysThroughTheSignedWebhookAndTheCallbackCompletesTheStep() {
    configure(t.devops, t, "staging", webhook(pipeline.url(), secret));
    String id = readyForStaging(t);
    String d = start(t.devops, id, "deploy-staging");

    await().atMost(Duration.ofSeconds(10)).until(() -> pipeline.received.size() == 1);
    PipelineReceiver.Received request = pipeline.received.get(0);
    assertThat(request.validSig()).as("signed with the environment's secret").isTrue();
    assertThat(request.id()).isEqualTo(d);
    JsonNode data = request.json().path("data");
    assertThat(request.json().path("type").asString()).isEqualTo("deployment.requested");
    assertThat(data.path("deployment").asString()).isEqualTo(d);
    assertThat(data.path("release").asString()).isEqualTo(id);
    assertThat(data.path("environment").asString()).isEqualTo("staging");
    assertThat(data.path("kind").asString()).isEqualTo("deploy");
    assertThat(request.callbackUrl()).endsWith("/api/v1/deployments/" + d + "/status");

    JsonNode running = step(t.devops, id, "deploy-staging");
    assertThat(running.path("status").asString()).isEqualTo("running");
    Api.Response byHand =
        t.devops.post(path(id) + "/steps/deploy-staging/complete", Map.of("outcome", "succeeded"));
    assertThat(byHand.status()).as("a running step is not completed by hand").isEqualTo(409);

    var progress =
        PipelineReceiver.callback(
            request, Map.of("status", "running", "log", List.of("pulling image", "rolling out")));
    assertThat(progress.status()).as(progress.body()).isEqualTo(200);
    assertThat(progress.json().path("status").asString()).isEqualTo("running");

    var done =
        PipelineReceiver.callback(
            request,
            Map.of(
                "status", "succeeded", "message", "3/3 pods ready", "url", "https://ci.example/1"));
    assertThat(done.status()).as(done.body()).isEqualTo(200);

    JsonNode completed = awaitStep(t.devops, id, "deploy-staging", "done");
    assertThat(completed.path("by").asString()).isEqualTo("system");
    JsonNode finished = deployment(t.developer, d);
    java.util.List<String> fields = new java.util.ArrayList<>();
    finished.propertyNames().forEach(fields::add);
    assertThat(fields)
        .as("the contract's fields (api.md part 2), and a few more")
        .contains(
            "id",
            "release",
            "product",
            "environment",
            "version",
            "kind",
            "status",
            "requestedBy",
            "startedAt",
            "finishedAt",
            "log",
            "checks");
    assertThat(finished.path("log").get(0).has("at")).isTrue();
    assertThat(finished.path("requestedBy").asString()).isEqualTo(t.usernames.get("devops"));
    assertThat(finished.path("status").asString()).isEqualTo("succeeded");
    assertThat(finished.path("finishedAt").isNull()).isFalse();
    assertThat(lines(finished)).contains("pulling image", "rolling out");
    String version = ok(t.rm.get(path(id))).json().path("version").asString();
    JsonNode staging =
        ok(t.rm.get("/api/v1/products/" + t.product))
            .json()
            .path("environments")
            .valueStream()
            .filter(e -> "staging".equals(e.path("name").asString()))
            .findFirst()
            .orElseThrow();
    assertThat(staging.path("currentVersion").asString()).isEqualTo(version);

    // the same final status again changes nothing; another one is a conflict
    assertThat(PipelineReceiver.callback(request, Map.of("status", "succeeded")).status())
        .isEqualTo(200);
    assertThat(PipelineReceiver.callback(request, Map.of("status", "failed")).status())
        .isEqualTo(409);
  }

  @Test
  void aCallbackNeedsThatDeploymentsTokenAndAWellFormedReport() {
    configure(t.devops, t, "staging", webhook(pipeline.url(), secret));
    String first = start(t.devops, readyForStaging(t), "deploy-staging");
    Team other = team();
    configure(other.devops, other, "staging", webhook(pipeline.url(), secret));
    start(other.devops, readyForStaging(other), "deploy-staging");
    await().atMost(Duration.ofSeconds(10)).until(() -> pipeline.received.size() == 2);
    PipelineReceiver.Received mine =
        pipeline.received.stream().filter(r -> r.id().equals(first)).findFirst().orElseThrow();
    PipelineReceiver.Received theirs =
        pipeline.received.stream().filter(r -> !r.id().equals(first)).findFirst().orElseThrow();
    String url = mine.callbackUrl();
    Map<String, Object> ok = Map.of("status", "succeeded");

    assertThat(PipelineReceiver.callback(url, null, ok).status()).isEqualTo(401);
    assertThat(PipelineReceiver.callback(url, "tgd_wrong", ok).status()).isEqualTo(401);
    assertThat(PipelineReceiver.callback(url, theirs.token(), ok).status())
        .as("another deployment's token")
        .isEqualTo(403);
    assertThat(PipelineReceiver.callback(url, ADMIN_TOKEN, ok).status())
        .as("a person's token")
        .isEqualTo(403);
    var unknownStatus = PipelineReceiver.callback(mine, Map.of("status", "done"));
    assertThat(unknownStatus.status()).isEqualTo(400);
    assertThat(unknownStatus.json().path("detail").asString()).contains("running, succeeded");
    assertThat(PipelineReceiver.callback(mine, Map.of("message", "no status")).status())
        .isEqualTo(400);
    assertThat(
            PipelineReceiver.callback(mine, Map.of("status", "succeeded", "url", "javascript:x"))
                .status())
        .isEqualTo(422);
    assertThat(deployment(t.devops, first).path("status").asString())
        .as("nothing refused changed the deployment")
        .isIn("queued", "running");
  }

  @Test
  void aRefusedPostIsRetriedWithTheSameWebhookId() {
    pipeline.answer(n -> n <= 2 ? 500 : 202);
    configure(t.devops, t, "staging", webhook(pipeline.url(), secret));
    String d = start(t.devops, readyForStaging(t), "deploy-staging");
    JsonNode running =
        awaitDeployment(t.devops, d, j -> "running".equals(j.path("status").asString()));
    assertThat(pipeline.received).hasSize(3);
    assertThat(pipeline.received).allSatisfy(r -> assertThat(r.id()).isEqualTo(d));
    assertThat(pipeline.received).allSatisfy(r -> assertThat(r.validSig()).isTrue());
    assertThat(pipeline.received.get(0).token()).isEqualTo(pipeline.received.get(2).token());
    assertThat(lines(running))
        .anyMatch(l -> l.startsWith("Attempt 1: The pipeline answered HTTP 500"))
        .anyMatch(l -> l.startsWith("Attempt 3: The pipeline accepted"));
  }

  @Test
  void anExecutorThatNeverTakesTheJobFailsTheStepWithTheReason() {
    pipeline.answer(n -> 500);
    configure(t.devops, t, "staging", webhook(pipeline.url(), secret));
    String id = readyForStaging(t);
    String d = start(t.devops, id, "deploy-staging");
    JsonNode failed =
        awaitDeployment(t.devops, d, j -> "failed".equals(j.path("status").asString()));
    assertThat(pipeline.received).hasSize(5);
    assertThat(failed.path("message").asString())
        .contains("did not take the deployment after 5 attempts")
        .contains("HTTP 500");
    awaitStep(t.devops, id, "deploy-staging", "failed");

    // unreachable: nothing listens there
    pipeline.close();
    String again = start(t.devops, id, "deploy-staging");
    JsonNode unreachable =
        awaitDeployment(t.devops, again, j -> "failed".equals(j.path("status").asString()));
    assertThat(unreachable.path("message").asString()).contains("could not be reached");
  }

  @Test
  void aDeploymentWithoutAFinalReportTimesOutAndOneCanBeCancelled() {
    configure(t.devops, t, "staging", webhook(pipeline.url(), secret, 1));
    String id = readyForStaging(t);
    String d = start(t.devops, id, "deploy-staging");
    JsonNode timedOut =
        awaitDeployment(t.devops, d, j -> "timed-out".equals(j.path("status").asString()));
    assertThat(timedOut.path("message").asString()).startsWith("No final status within");
    JsonNode failed = awaitStep(t.devops, id, "deploy-staging", "failed");
    assertThat(failed.path("by").asString()).isEqualTo("system");

    configure(t.devops, t, "staging", webhook(pipeline.url(), secret, 600));
    String second = start(t.devops, id, "deploy-staging");
    assertThat(t.developer.post("/api/v1/deployments/" + second + "/cancel").status())
        .isEqualTo(403);
    Api.Response cancelled = t.devops.post("/api/v1/deployments/" + second + "/cancel");
    assertThat(cancelled.status()).as(cancelled.toString()).isEqualTo(200);
    assertThat(cancelled.json().path("status").asString()).isEqualTo("cancelled");
    awaitStep(t.devops, id, "deploy-staging", "failed");
    assertThat(t.devops.post("/api/v1/deployments/" + second + "/cancel").status()).isEqualTo(409);
  }

  @Test
  void aFailedProductionDeploymentOpensTheIncident() {
    String id = readyForProduction(t);
    configure(t.devops, t, "production", webhook(pipeline.url(), secret));
    start(t.devops, id, "deploy-production");
    await().atMost(Duration.ofSeconds(10)).until(() -> pipeline.received.size() == 1);
    assertThat(
            PipelineReceiver.callback(
                    pipeline.received.get(0), Map.of("status", "failed", "message", "crash loop"))
                .status())
        .isEqualTo(200);
    awaitStep(t.devops, id, "deploy-production", "failed");
    JsonNode release = ok(t.rm.get(path(id))).json();
    assertThat(release.path("status").asString()).isEqualTo("failed");
    assertThat(release.path("incidents")).hasSize(1);
  }

  @Test
  void startIsRefusedWithoutAutomationOutOfOrderAndForOtherRoles() {
    String id = readyForStaging(t);
    Api.Response manual = t.devops.post(path(id) + "/steps/deploy-staging/start");
    assertThat(manual.status()).as(manual.toString()).isEqualTo(409);
    assertThat(manual.json().path("detail").asString()).contains("has no automation");
    assertThat(step(t.devops, id, "deploy-staging").path("status").asString()).isEqualTo("pending");

    configure(t.devops, t, "production", webhook(pipeline.url(), secret));
    Api.Response early = t.devops.post(path(id) + "/steps/deploy-production/start");
    assertThat(early.status()).isEqualTo(409);
    assertThat(early.json().path("blockers")).isNotEmpty();
    configure(t.devops, t, "staging", webhook(pipeline.url(), secret));
    assertThat(t.qa.post(path(id) + "/steps/deploy-staging/start").status()).isEqualTo(403);
    assertThat(pipeline.received).isEmpty();
  }
}
