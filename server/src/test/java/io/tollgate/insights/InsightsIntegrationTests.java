package io.tollgate.insights;

import static io.tollgate.support.ReleaseDriver.ok;
import static io.tollgate.support.ReleaseDriver.path;
import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.audit.internal.AuditAppender;
import io.tollgate.support.Api;
import io.tollgate.support.ReleaseDriver;
import io.tollgate.support.Team;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Insights on a known history ({@link InsightsStory}): every figure asserted exactly, periods,
 * across products, bad periods and who may read them.
 */
class InsightsIntegrationTests extends InsightsStory {
  @Autowired InsightsReport report;
  @Autowired AuditAppender appender;

  @Test
  void theFiguresOfAKnownHistory() {
    JsonNode i = ok(t.rm.get(query())).json();
    assertThat(i.path("products").get(0).asString()).isEqualTo(t.product);
    assertThat(i.path("productionDeployments").asInt()).isEqualTo(2);
    assertThat(i.path("deploymentFrequency").asDouble()).isEqualTo(2 / 3.0);
    assertThat(spread(i.path("leadTimeSeconds"))).containsExactly(8 * H, 9 * H);
    assertThat(i.path("failedDeployments").asInt()).isEqualTo(1);
    assertThat(i.path("changeFailureRate").asDouble()).isEqualTo(0.5);
    assertThat(spread(i.path("timeToRestoreSeconds"))).containsExactly(2 * H, 2 * H);
    assertThat(i.path("noGo")).hasSize(1);
    assertThat(i.path("noGo").get(0).path("reason").asString()).isEqualTo("tests failing");
    assertThat(i.path("noGo").get(0).path("count").asInt()).isEqualTo(1);
    assertThat(i.path("overrides").asLong()).isZero();
    assertThat(i.path("releasesCancelled").asInt()).isEqualTo(1);

    // steps: release 1, release 2 (each from when its predecessors were done)
    assertThat(rows(i.path("waits").path("steps")))
        .containsExactly(
            "deploy-production devops 2 " + 2 * H + " " + 4 * H, // 9-5; 8-6 (after the go)
            "schedule-window release-manager 2 " + 2 * H + " " + 4 * H, // from planning
            "go-no-go release-manager 2 " + 2 * H + " " + 3 * H, // 5-2; 6-4 (the go)
            "verify-production devops 1 " + H + " " + H,
            "backup devops 2 0 0",
            "deploy-staging devops 2 0 0",
            "quality-gate qa-lead 2 0 0",
            "smoke-staging qa-lead 2 0 0");
    // requirements: from planning to met, 2 h and 4 h, owned by the first signer
    assertThat(rows(i.path("waits").path("requirements")))
        .containsExactlyInAnyOrder(
            "acceptance-criteria qa-lead 2 " + 2 * H + " " + 4 * H,
            "ci-security devops 2 " + 2 * H + " " + 4 * H,
            "release-notes release-manager 2 " + 2 * H + " " + 4 * H,
            "rollback-plan devops 2 " + 2 * H + " " + 4 * H,
            "smoke-tests qa-lead 2 " + 2 * H + " " + 4 * H,
            "support-trained release-manager 2 " + 2 * H + " " + 4 * H);
    // handoffs acknowledged: release 1's two (release 2's were never acknowledged)
    assertThat(rows(i.path("waits").path("handoffs")))
        .containsExactlyInAnyOrder(
            "qa-to-rm release-manager 1 " + H + " " + H, "rm-to-devops devops 1 " + H + " " + H);
  }

  @Test
  void aPeriodCountsOnlyWhatEndedInIt() {
    // day 1 alone: release 2's deployment, incident and no-go; release 1 is outside
    String day1 = day0.plus(Duration.ofDays(1)).toString().substring(0, 10);
    JsonNode i =
        ok(t.rm.get("/api/v1/insights?product=" + t.product + "&from=" + day1 + "&to=" + day1))
            .json();
    assertThat(i.path("productionDeployments").asInt()).isEqualTo(1);
    assertThat(i.path("deploymentFrequency").asDouble()).isEqualTo(1.0);
    assertThat(spread(i.path("leadTimeSeconds"))).containsExactly(8 * H, 8 * H);
    assertThat(i.path("changeFailureRate").asDouble()).isEqualTo(1.0);
    assertThat(i.path("waits").path("handoffs")).isEmpty();
    assertThat(i.path("releasesCancelled").asInt()).isZero();

    // an instant range: release 1's first nine hours hold no deployment
    JsonNode early =
        ok(t.rm.get(
                "/api/v1/insights?product="
                    + t.product
                    + "&from="
                    + day0
                    + "&to="
                    + day0.plusSeconds(9 * H)))
            .json();
    assertThat(early.path("productionDeployments").asInt()).isZero();
    assertThat(early.path("changeFailureRate").isNull()).isTrue();
    assertThat(early.path("leadTimeSeconds").path("p50").isNull()).isTrue();
  }

  @Test
  void acrossProductsWithoutAProductAndTheDefaultPeriod() {
    // the last 30 days up to now (the test's clock): the whole story
    clock.set(day0.plus(Duration.ofDays(3)));
    JsonNode mine = ok(t.devops.get("/api/v1/insights")).json();
    assertThat(mine.path("products")).hasSize(1);
    assertThat(mine.path("products").get(0).asString()).isEqualTo(t.product);
    assertThat(mine.path("productionDeployments").asInt()).isEqualTo(2);
    assertThat(mine.path("deploymentFrequency").asDouble()).isEqualTo(2 / 30.0);
    assertThat(Instant.parse(mine.path("to").asString())).isEqualTo(day0.plus(Duration.ofDays(3)));

    Team other = team();
    JsonNode theirs = ok(other.rm.get("/api/v1/insights")).json();
    assertThat(theirs.path("products").get(0).asString()).isEqualTo(other.product);
    assertThat(theirs.path("productionDeployments").asInt()).isZero();
  }

  @Test
  void badPeriodsAreRefusedWithAProblem() {
    String base = "/api/v1/insights?product=" + t.product;
    Api.Response reversed = t.rm.get(base + "&from=2026-11-30&to=2026-11-01");
    assertThat(reversed.status()).isEqualTo(422);
    assertThat(reversed.contentType()).startsWith("application/problem+json");
    assertThat(reversed.json().path("detail").asString()).contains("swap from and to");

    Api.Response wide = t.rm.get(base + "&from=2024-01-01&to=2026-01-01");
    assertThat(wide.status()).isEqualTo(422);
    assertThat(wide.json().path("detail").asString()).contains("longer than 366 days");

    Api.Response unreadable = t.rm.get(base + "&from=yesterday");
    assertThat(unreadable.status()).isEqualTo(422);
    assertThat(unreadable.json().path("detail").asString())
        .contains("'yesterday' is not a date", "2026-11-01");

    assertThat(t.rm.get(base + "&from=2026-11-30&to=2026-11-01", "text/csv").status())
        .as("also when CSV was asked for")
        .isEqualTo(422);
  }

  @Test
  void onlyMembersAndTheAdminReadAProduct() {
    Team other = team();
    Api.Response outsider = other.rm.get(query());
    assertThat(outsider.status()).as("not even the product is told").isEqualTo(404);
    assertThat(outsider.contentType()).startsWith("application/problem+json");
    assertThat(t.rm.get("/api/v1/insights?product=no-such-product").status()).isEqualTo(404);
    assertThat(admin.get(query()).status()).isEqualTo(200);
    assertThat(admin.as(null).get(query()).status()).isEqualTo(401);
    Api scopedElsewhere = t.scoped("release-manager", Map.of("products", List.of(other.product)));
    assertThat(scopedElsewhere.get(query()).status())
        .as("a token scoped to another product")
        .isEqualTo(403);
    for (Api member : List.of(t.qa, t.devops, t.developer, t.support)) {
      assertThat(member.get(query()).json().path("productionDeployments").asInt()).isEqualTo(2);
    }
  }

  @Test
  void aCommandJustAnsweredCountsBeforeItsEventIsChained() throws InterruptedException {
    at(48 + 2);
    String r4 = ReleaseDriver.plan(t, "patch");
    Period period = Period.parse(from, to, clock.instant());
    AtomicReference<DeliveryInsights> read = new AtomicReference<>();
    Thread reader = new Thread(() -> read.set(report.compute(List.of(t.product), period)));
    // with the appender stopped, the cancel is answered and its event stays staged
    appender.stop();
    try {
      at(48 + 3);
      ok(t.rm.post(path(r4) + "/cancel", Map.of("reason", "superseded")));
      reader.start();
      while (reader.isAlive() && !waitsForTheChain(reader)) Thread.onSpinWait();
    } finally {
      appender.start();
    }
    reader.join(Duration.ofSeconds(10).toMillis());
    assertThat(read.get()).as("the figures were read").isNotNull();
    assertThat(read.get().releasesCancelled()).isEqualTo(2);
  }

  private static boolean waitsForTheChain(Thread t) {
    return Arrays.stream(t.getStackTrace()).anyMatch(f -> f.getMethodName().equals("awaitChained"));
  }
}
