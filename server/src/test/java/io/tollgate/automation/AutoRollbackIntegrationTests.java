package io.tollgate.automation;

import static io.tollgate.automation.AutomationFixtures.awaitStep;
import static io.tollgate.automation.AutomationFixtures.readyForProduction;
import static io.tollgate.automation.AutomationFixtures.start;
import static io.tollgate.support.ReleaseDriver.ok;
import static io.tollgate.support.ReleaseDriver.path;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tollgate.shared.outbound.StandardWebhooks;
import io.tollgate.support.Api;
import io.tollgate.support.IntegrationTest;
import io.tollgate.support.ReleaseDriver;
import io.tollgate.support.Team;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Automatic rollback: a failed production deployment opens the incident and rolls back to the last
 * known-good version through the same executor; {@code system} completes {@code execute-rollback},
 * the environment is checked again, and it stays locked until a release manager clears it.
 */
class AutoRollbackIntegrationTests extends IntegrationTest {
  final String secret = StandardWebhooks.newSecret();
  PipelineReceiver pipeline;
  Endpoint health;
  Team t;

  @BeforeEach
  void servers() {
    pipeline = new PipelineReceiver();
    pipeline.secret(secret);
    health = new Endpoint();
    t = team();
  }

  @AfterEach
  void close() {
    pipeline.close();
    health.close();
  }

  String lockPath() {
    return "/api/v1/products/" + t.product + "/environments/production/lock";
  }

  String productionVersion() {
    return ok(t.rm.get("/api/v1/products/" + t.product))
        .json()
        .path("environments")
        .valueStream()
        .filter(e -> "production".equals(e.path("name").asString()))
        .findFirst()
        .orElseThrow()
        .path("currentVersion")
        .asString();
  }

  @Test
  void aFailedProductionDeployRollsBackToTheLastKnownGoodAndLocksTheEnvironment() {
    String good = ReleaseDriver.plan(t, "minor");
    ReleaseDriver.release(t, good);
    String goodVersion = ok(t.rm.get(path(good))).json().path("version").asString();
    Api.Response configured =
        t.devops.put(
            "/api/v1/products/" + t.product + "/environments/production/automation",
            Map.of(
                "executor",
                Map.of("kind", "webhook", "url", pipeline.url(), "secret", secret),
                "verification",
                Map.of(
                    "checks",
                    List.of(Map.of("kind", "http", "url", health.url("/health"))),
                    "soakSeconds",
                    0,
                    "intervalSeconds",
                    1),
                "autoRollback",
                true));
    assertThat(configured.status()).as(configured.toString()).isEqualTo(200);

    String bad = readyForProduction(t);
    start(t.devops, bad, "deploy-production");
    await().atMost(Duration.ofSeconds(10)).until(() -> pipeline.received.size() == 1);
    assertThat(
            PipelineReceiver.callback(
                    pipeline.received.get(0), Map.of("status", "failed", "message", "crash loop"))
                .status())
        .isEqualTo(200);
    awaitStep(t.devops, bad, "deploy-production", "failed");

    // the rollback goes through the same pipeline, asking for the known-good version
    await().atMost(Duration.ofSeconds(10)).until(() -> pipeline.received.size() == 2);
    PipelineReceiver.Received rollback = pipeline.received.get(1);
    assertThat(rollback.validSig()).isTrue();
    assertThat(rollback.json().path("data").path("kind").asString()).isEqualTo("rollback");
    assertThat(rollback.json().path("data").path("version").asString()).isEqualTo(goodVersion);
    assertThat(PipelineReceiver.callback(rollback, Map.of("status", "succeeded")).status())
        .isEqualTo(200);

    JsonNode release =
        await()
            .atMost(Duration.ofSeconds(10))
            .until(
                () -> ok(t.rm.get(path(bad))).json(),
                r -> "rolled-back".equals(r.path("status").asString()));
    String incident = release.path("incidents").get(0).asString();
    JsonNode steps = ok(t.rm.get("/api/v1/incidents/" + incident)).json().path("steps");
    JsonNode executed =
        steps
            .valueStream()
            .filter(s -> "execute-rollback".equals(s.path("key").asString()))
            .findFirst()
            .orElseThrow();
    assertThat(executed.path("status").asString()).isEqualTo("done");
    assertThat(executed.path("by").asString()).isEqualTo("system");
    assertThat(productionVersion()).isEqualTo(goodVersion);

    // the rolled-back environment is checked again: evidence for verify-rollback
    JsonNode verifications =
        await()
            .atMost(Duration.ofSeconds(10))
            .until(
                () -> ok(t.qa.get(path(bad) + "/deployments")).json(),
                list ->
                    list.valueStream()
                        .anyMatch(
                            d ->
                                "verify".equals(d.path("kind").asString())
                                    && "succeeded".equals(d.path("status").asString())));
    assertThat(verifications.valueStream().map(d -> d.path("kind").asString()))
        .contains("deploy", "rollback", "verify");

    // locked: no new deployment until the release manager clears it with a reason
    JsonNode lock = ok(t.developer.get(lockPath())).json();
    assertThat(lock.path("locked").asBoolean()).isTrue();
    assertThat(lock.path("reason").asString()).contains("Rolled back").contains(goodVersion);
    String next = readyForProduction(t);
    Api.Response refused = t.devops.post(path(next) + "/steps/deploy-production/start");
    assertThat(refused.status()).as(refused.toString()).isEqualTo(409);
    assertThat(refused.json().path("detail").asString()).contains("locked");
    assertThat(t.devops.post(lockPath() + "/clear", Map.of("reason", "x")).status()).isEqualTo(403);
    assertThat(t.rm.post(lockPath() + "/clear", Map.of()).status()).isEqualTo(400);
    Api.Response cleared = t.rm.post(lockPath() + "/clear", Map.of("reason", "root cause fixed"));
    assertThat(cleared.status()).as(cleared.toString()).isEqualTo(200);
    assertThat(ok(t.developer.get(lockPath())).json().path("locked").asBoolean()).isFalse();
    assertThat(t.rm.post(lockPath() + "/clear", Map.of("reason", "again")).status()).isEqualTo(409);
    auditChained();
    assertThat(
            jdbc.sql(
                    "select count(*) from audit_events where product = ? and action in"
                        + " ('environment.locked', 'environment.unlocked')")
                .param(t.product)
                .query(Integer.class)
                .single())
        .isEqualTo(2);
    start(t.devops, next, "deploy-production");
  }

  @Test
  void aRollbackByHandLocksTheEnvironmentToo() {
    String good = ReleaseDriver.plan(t, "minor");
    ReleaseDriver.release(t, good);
    String bad = readyForProduction(t);
    ok(t.devops.post(path(bad) + "/steps/deploy-production/complete", Map.of("outcome", "failed")));
    String incident = ok(t.rm.get(path(bad))).json().path("incidents").get(0).asString();
    ok(
        t.devops.post(
            "/api/v1/incidents/" + incident + "/steps/execute-rollback/complete",
            Map.of("note", "back to the last good one")));
    assertThat(ok(t.rm.get(lockPath())).json().path("locked").asBoolean()).isTrue();
    String next = readyForProduction(t);
    Api.Response byHand =
        t.devops.post(
            path(next) + "/steps/deploy-production/complete", Map.of("outcome", "succeeded"));
    assertThat(byHand.status()).as(byHand.toString()).isEqualTo(409);
    assertThat(byHand.json().path("detail").asString()).contains("locked for new deployments");
  }
}
