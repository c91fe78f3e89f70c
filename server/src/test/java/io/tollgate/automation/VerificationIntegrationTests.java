package io.tollgate.automation;

import static io.tollgate.automation.AutomationFixtures.awaitDeployment;
import static io.tollgate.automation.AutomationFixtures.awaitStep;
import static io.tollgate.automation.AutomationFixtures.readyForStaging;
import static io.tollgate.automation.AutomationFixtures.start;
import static io.tollgate.support.ReleaseDriver.ok;
import static io.tollgate.support.ReleaseDriver.path;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tollgate.shared.outbound.StandardWebhooks;
import io.tollgate.support.Api;
import io.tollgate.support.IntegrationTest;
import io.tollgate.support.Team;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Verification: HTTP checks and Prometheus instant queries against the test's own servers, every
 * interval through the soak window, each round's results recorded on the run.
 */
class VerificationIntegrationTests extends IntegrationTest {
  final String secret = StandardWebhooks.newSecret();
  PipelineReceiver pipeline;
  Endpoint health;
  Endpoint prometheus;
  Team t;

  @BeforeEach
  void servers() {
    pipeline = new PipelineReceiver();
    pipeline.secret(secret);
    health = new Endpoint();
    prometheus = new Endpoint();
    t = team();
  }

  @AfterEach
  void close() {
    pipeline.close();
    health.close();
    prometheus.close();
  }

  void configure(List<Map<String, Object>> checks, int soak) {
    Api.Response r =
        t.devops.put(
            "/api/v1/products/" + t.product + "/environments/staging/automation",
            Map.of(
                "executor",
                Map.of("kind", "webhook", "url", pipeline.url(), "secret", secret),
                "verification",
                Map.of("checks", checks, "soakSeconds", soak, "intervalSeconds", 1)));
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
  }

  Map<String, Object> httpCheck() {
    return Map.of("kind", "http", "url", health.url("/health"), "bodyContains", "UP");
  }

  Map<String, Object> promCheck(String op, double threshold) {
    return Map.of(
        "kind",
        "prometheus",
        "url",
        prometheus.url(""),
        "query",
        "sum(rate(http_errors_total[1m]))",
        "op",
        op,
        "threshold",
        threshold);
  }

  /** Deploys staging through the pipeline, which reports success. */
  String deployStaging(String release) {
    String d = start(t.devops, release, "deploy-staging");
    await().atMost(Duration.ofSeconds(10)).until(() -> !pipeline.received.isEmpty());
    var done = PipelineReceiver.callback(pipeline.received.get(0), Map.of("status", "succeeded"));
    assertThat(done.status()).as(done.body()).isEqualTo(200);
    return d;
  }

  JsonNode verification(String release) {
    List<JsonNode> runs =
        ok(t.qa.get("/api/v1/releases/" + release + "/deployments"))
            .json()
            .valueStream()
            .filter(j -> "verify".equals(j.path("kind").asString()))
            .toList();
    assertThat(runs).hasSize(1);
    return runs.get(0);
  }

  @Test
  void aSucceededDeployStartsTheChecksWhichPassOnlyAfterTheSoakWindow() {
    prometheus.answer(n -> new Endpoint.Answer(200, Endpoint.vector(0.001)));
    configure(List.of(httpCheck(), promCheck("<", 0.01)), 2);
    String id = readyForStaging(t);
    deployStaging(id);
    awaitStep(t.qa, id, "deploy-staging", "done");
    Instant started = Instant.now();
    JsonNode running = awaitStep(t.qa, id, "smoke-staging", "running");
    assertThat(running.path("by").asString()).isEqualTo("system");
    assertThat(
            t.qa
                .post(path(id) + "/steps/smoke-staging/complete", Map.of("outcome", "succeeded"))
                .status())
        .as("a running step is not passed by hand")
        .isEqualTo(409);

    JsonNode passed = awaitStep(t.qa, id, "smoke-staging", "done");
    assertThat(Duration.between(started, Instant.now()))
        .isGreaterThanOrEqualTo(Duration.ofSeconds(1));
    assertThat(passed.path("by").asString()).isEqualTo("system");
    JsonNode run = AutomationFixtures.deployment(t.qa, verification(id).path("id").asString());
    assertThat(run.path("status").asString()).isEqualTo("succeeded");
    assertThat(run.path("message").asString()).contains("Every check held");
    JsonNode checks = run.path("checks");
    assertThat(checks.size())
        .as("two checks per round, at least two rounds")
        .isGreaterThanOrEqualTo(4);
    assertThat(checks.valueStream().map(c -> c.path("kind").asString()).distinct())
        .containsExactlyInAnyOrder("http", "prometheus");
    assertThat(checks.valueStream().allMatch(c -> c.path("ok").asBoolean())).isTrue();
    assertThat(checks.get(1).path("value").asString()).startsWith("0.001 < 0.01");
    assertThat(ok(t.qa.get(path(id))).json().path("requirements").toString()).isNotEmpty();
  }

  @Test
  void aCheckThatFailsInALaterRoundFailsTheStepThoughEarlierRoundsPassed() {
    health.answer(n -> n <= 1 ? new Endpoint.Answer(200, "UP") : new Endpoint.Answer(503, "DOWN"));
    configure(List.of(httpCheck()), 30);
    String id = readyForStaging(t);
    deployStaging(id);
    JsonNode failed = awaitStep(t.qa, id, "smoke-staging", "failed");
    assertThat(failed.path("by").asString()).isEqualTo("system");
    JsonNode run = AutomationFixtures.deployment(t.qa, verification(id).path("id").asString());
    assertThat(run.path("status").asString()).isEqualTo("failed");
    assertThat(run.path("message").asString())
        .startsWith("Round 2 failed")
        .contains("HTTP 503 (expected 200)");
    assertThat(run.path("checks").get(0).path("ok").asBoolean()).isTrue();
    assertThat(run.path("checks").get(1).path("ok").asBoolean()).isFalse();
  }

  @Test
  void aQueryWithoutSeriesOrWithAnErrorFailsWithTheReason() {
    configure(List.of(promCheck("<", 1)), 0);
    String id = readyForStaging(t);
    ok(t.devops.post(path(id) + "/steps/deploy-staging/complete", Map.of("outcome", "succeeded")));

    prometheus.answer(n -> new Endpoint.Answer(200, Endpoint.vector()));
    String first = start(t.qa, id, "smoke-staging");
    JsonNode none = awaitDeployment(t.qa, first, j -> "failed".equals(j.path("status").asString()));
    assertThat(none.path("message").asString()).contains("no series");

    prometheus.answer(
        n ->
            new Endpoint.Answer(
                400,
                "{\"status\":\"error\",\"errorType\":\"bad_data\",\"error\":\"parse error\"}"));
    String second = start(t.qa, id, "smoke-staging");
    JsonNode error =
        awaitDeployment(t.qa, second, j -> "failed".equals(j.path("status").asString()));
    assertThat(error.path("message").asString()).contains("Prometheus error: bad_data parse error");

    prometheus.answer(n -> new Endpoint.Answer(200, Endpoint.vector(5)));
    String third = start(t.qa, id, "smoke-staging");
    JsonNode over = awaitDeployment(t.qa, third, j -> "failed".equals(j.path("status").asString()));
    assertThat(over.path("message").asString()).contains("5.0 not < 1.0");

    prometheus.answer(n -> new Endpoint.Answer(200, Endpoint.vector(0.5)));
    String fourth = start(t.qa, id, "smoke-staging");
    awaitDeployment(t.qa, fourth, j -> "succeeded".equals(j.path("status").asString()));
    awaitStep(t.qa, id, "smoke-staging", "done");
  }

  @Test
  void aCheckedStepIsNotPassedByHandButMayBeFailed() {
    configure(List.of(httpCheck()), 0);
    String id = readyForStaging(t);
    ok(t.devops.post(path(id) + "/steps/deploy-staging/complete", Map.of("outcome", "succeeded")));
    Api.Response pass =
        t.qa.post(path(id) + "/steps/smoke-staging/complete", Map.of("outcome", "succeeded"));
    assertThat(pass.status()).as(pass.toString()).isEqualTo(409);
    assertThat(pass.json().path("detail").asString()).contains("passed by the checks");
    ok(t.qa.post(path(id) + "/steps/smoke-staging/complete", Map.of("outcome", "failed")));
    assertThat(
            t.developer
                .post(path(id) + "/steps/smoke-staging/complete", Map.of("outcome", "succeeded"))
                .status())
        .as("the wrong role still hears 403 first")
        .isEqualTo(403);
  }
}
