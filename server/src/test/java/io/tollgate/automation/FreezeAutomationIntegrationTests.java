package io.tollgate.automation;

import static io.tollgate.automation.AutomationFixtures.configure;
import static io.tollgate.automation.AutomationFixtures.readyForProduction;
import static io.tollgate.automation.AutomationFixtures.start;
import static io.tollgate.automation.AutomationFixtures.webhook;
import static io.tollgate.support.ReleaseDriver.path;
import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.shared.outbound.StandardWebhooks;
import io.tollgate.support.Api;
import io.tollgate.support.IntegrationTest;
import io.tollgate.support.Team;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * An automated production deployment is refused during a freeze before any job is made or the
 * pipeline is called; once the freeze is gone it runs.
 */
class FreezeAutomationIntegrationTests extends IntegrationTest {
  final String secret = StandardWebhooks.newSecret();
  final PipelineReceiver pipeline = new PipelineReceiver();

  @AfterEach
  void close() {
    pipeline.close();
  }

  @Test
  void anAutomatedProductionDeployIsRefusedDuringAFreeze() {
    pipeline.secret(secret);
    Team t = team();
    configure(t.devops, t, "production", webhook(pipeline.url(), secret));
    String release = readyForProduction(t);
    Instant now = Instant.now();
    Api.Response freeze =
        t.rm.post(
            "/api/v1/freezes",
            Map.of(
                "reason", "Year-end close",
                "start", now.minus(1, ChronoUnit.HOURS).toString(),
                "end", now.plus(1, ChronoUnit.HOURS).toString(),
                "products", List.of(t.product)));
    assertThat(freeze.status()).as(freeze.toString()).isEqualTo(201);

    Api.Response refused = t.devops.post(path(release) + "/steps/deploy-production/start");
    assertThat(refused.status()).as(refused.toString()).isEqualTo(409);
    assertThat(refused.json().path("blockers").get(0).path("kind").asString()).isEqualTo("freeze");
    assertThat(refused.json().path("blockers").get(0).path("title").asString())
        .startsWith("Year-end close, until ");
    assertThat(
            jdbc.sql("select count(*) from automated_deployments where release_id = ?")
                .param(release)
                .query(Long.class)
                .single())
        .isZero();

    assertThat(t.rm.delete("/api/v1/freezes/" + freeze.text("id")).status()).isEqualTo(204);
    assertThat(start(t.devops, release, "deploy-production")).isNotBlank();
  }
}
