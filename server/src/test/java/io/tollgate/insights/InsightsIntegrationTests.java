package io.tollgate.insights;

import static io.tollgate.support.ReleaseDriver.ok;
import static io.tollgate.support.ReleaseDriver.path;
import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.TollgateApplication;
import io.tollgate.support.Api;
import io.tollgate.support.CleanDatabase;
import io.tollgate.support.IntegrationTest;
import io.tollgate.support.ReleaseDriver;
import io.tollgate.support.Team;
import io.tollgate.support.WebPage;
import io.tollgate.support.WebSession;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Insights on releases driven through the API at times the test sets (a clock of its own, so this
 * class runs its own server on its own database): every figure is known and asserted exactly; the
 * CSV, the page, the Prometheus gauges, bad periods and who may read them. Not an {@link
 * IntegrationTest}: its server is another one, on a database of its own (on PostgreSQL, a schema).
 */
@SpringBootTest(
    classes = TollgateApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import({CleanDatabase.class, InsightsIntegrationTests.Clocks.class})
class InsightsIntegrationTests {
  static final long H = 3600;

  @DynamicPropertySource
  static void ownServer(DynamicPropertyRegistry registry) {
    IntegrationTest.serverProperties(
        registry, "tollgate-insights-it", "tollgate_insights_it", "target/it-data-insights");
    registry.add("tollgate.insights.metrics-initial-delay", () -> "PT1H");
  }

  @LocalServerPort int port;
  Api admin;

  /** A clock that stands still until the test moves it. */
  static final class MovableClock extends Clock {
    private volatile Instant now = Instant.now();

    void set(Instant at) {
      now = at;
    }

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }

  @TestConfiguration
  static class Clocks {
    @Bean
    @Primary
    MovableClock insightsTestClock() {
      return new MovableClock();
    }
  }

  @Autowired MovableClock clock;
  @Autowired InsightsMetrics metrics;

  /** Day 0 of the test's story, 08:00 UTC, twenty days ago. */
  Instant day0;

  Team t;
  String from;
  String to;

  private Team team() {
    return Team.create(admin);
  }

  @BeforeEach
  void story() {
    admin = new Api(port, IntegrationTest.ADMIN_TOKEN);
    day0 = Instant.now().truncatedTo(ChronoUnit.DAYS).minus(Duration.ofDays(20)).plusSeconds(8 * H);
    clock.set(day0.minusSeconds(H));
    t = team();
    from = day0.toString().substring(0, 10);
    to = day0.plus(Duration.ofDays(2)).toString().substring(0, 10); // three whole days

    // release 1: prepared after 2 h, go after 5 h, in production after 9 h
    clock.set(day0);
    String r1 = ReleaseDriver.plan(t, "minor");
    at(2);
    ReleaseDriver.prepare(t, r1);
    at(3);
    ok(t.rm.post(path(r1) + "/handoffs/qa-to-rm/acknowledge", Map.of()));
    at(5);
    ReleaseDriver.go(t, r1);
    at(6);
    ok(t.devops.post(path(r1) + "/handoffs/rm-to-devops/acknowledge", Map.of()));
    at(9);
    deployProduction(r1);
    at(10);
    ok(
        t.devops.post(
            path(r1) + "/steps/verify-production/complete", Map.of("outcome", "succeeded")));

    // release 2, a day later: prepared after 4 h, no-go after 5 h, go after 6 h, in production
    // after 8 h; an incident opened an hour later is resolved two hours after that
    clock.set(day0.plus(Duration.ofDays(1)));
    String r2 = ReleaseDriver.plan(t, "patch");
    at(24 + 4);
    ReleaseDriver.prepare(t, r2);
    at(24 + 5);
    ok(
        t.rm.post(
            path(r2) + "/decision", Map.of("decision", "no-go", "rationale", "tests failing")));
    at(24 + 6);
    ok(
        t.rm.post(
            path(r2) + "/decision", Map.of("decision", "go", "rationale", "fixed", "replaces", 1)));
    at(24 + 8);
    deployProduction(r2);
    at(24 + 9);
    Api.Response incident =
        t.support.post(
            path(r2) + "/incidents", Map.of("severity", "high", "summary", "checkout errors"));
    assertThat(incident.status()).as(incident.toString()).isEqualTo(201);
    at(24 + 11);
    ok(
        t.rm.post(
            "/api/v1/incidents/" + incident.text("id") + "/resolve",
            Map.of("rootCause", "a bad cache key", "actionItems", List.of("test the cache"))));

    // release 3 on day 2: cancelled after an hour
    clock.set(day0.plus(Duration.ofDays(2)));
    String r3 = ReleaseDriver.plan(t, "patch");
    at(48 + 1);
    ok(t.rm.post(path(r3) + "/cancel", Map.of("reason", "superseded")));
  }

  private void at(long hours) {
    clock.set(day0.plusSeconds(hours * H));
  }

  private void deployProduction(String release) {
    ok(
        t.devops.post(
            path(release) + "/steps/deploy-production/complete", Map.of("outcome", "succeeded")));
  }

  private String query() {
    return "/api/v1/insights?product=" + t.product + "&from=" + from + "&to=" + to;
  }

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
  void theSameFiguresAsCsv() {
    Api.Response csv = t.qa.get(query(), "text/csv");
    assertThat(csv.status()).as(csv.toString()).isEqualTo(200);
    assertThat(csv.contentType()).startsWith("text/csv");
    assertThat(csv.headers().firstValue("Content-Disposition").orElseThrow())
        .contains("attachment; filename=\"insights-" + t.product + "-" + from);
    List<String> lines = csv.body().lines().toList();
    assertThat(lines.get(0)).isEqualTo("figure,key,role,count,value,p50Seconds,p90Seconds");
    assertThat(lines)
        .contains(
            "products," + t.product + ",,,,,",
            "deploymentFrequency,,,2," + (2 / 3.0) + ",,",
            "leadTime,,,2,," + 8 * H + "," + 9 * H,
            "changeFailureRate,,,2,0.5,,",
            "timeToRestore,,,1,," + 2 * H + "," + 2 * H,
            "stepWait,deploy-production,devops,2,," + 2 * H + "," + 4 * H,
            "handoffWait,qa-to-rm,release-manager,1,," + H + "," + H,
            "requirementWait,support-trained,release-manager,2,," + 2 * H + "," + 4 * H,
            "noGo,tests failing,,1,,,",
            "overrides,,,,0,,",
            "releasesCancelled,,,,1,,");
    assertThat(t.qa.get(query(), "application/json").contentType()).startsWith("application/json");
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
  void prometheusGaugesOverTheLast30Days() {
    clock.set(day0.plus(Duration.ofDays(3)));
    metrics.refresh();
    Api.Response scrape = admin.get("/actuator/prometheus", "text/plain");
    assertThat(scrape.status()).as(scrape.toString()).isEqualTo(200);
    String p = "{product=\"" + t.product + "\"}";
    assertThat(scrape.body())
        .contains(
            "tollgate_insights_deployment_frequency" + p + " " + (2 / 30.0),
            "tollgate_insights_lead_time_p50_seconds" + p + " " + (double) (8 * H),
            "tollgate_insights_lead_time_p90_seconds" + p + " " + (double) (9 * H),
            "tollgate_insights_change_failure_rate" + p + " 0.5",
            "tollgate_insights_time_to_restore_p50_seconds" + p + " " + (double) (2 * H),
            "tollgate_insights_no_go_decisions" + p + " 1.0",
            "tollgate_insights_releases_cancelled" + p + " 1.0",
            "tollgate_insights_overrides" + p + " 0.0");
    assertThat(t.rm.get("/actuator/prometheus", "text/plain").status()).isEqualTo(403);
  }

  @Test
  void thePageShowsTablesChartsAndADownload() {
    String rm = t.usernames.get("release-manager");
    assertThat(
            admin
                .put("/api/v1/users/" + rm + "/password", Map.of("password", "insights page pw 1"))
                .status())
        .isEqualTo(204);
    WebSession browser = new WebSession(port);
    assertThat(browser.signIn(rm, "insights page pw 1")).isTrue();
    WebPage page = browser.get("/insights?product=" + t.product + "&from=" + from + "&to=" + to);
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.body())
        .contains(
            "href=\"/insights\" class=\"active\"",
            "data-testid=\"insights-keys\"",
            "0.67 per day",
            "50.0 %",
            "median 8 h · p90 9 h",
            "data-testid=\"step-waits\"",
            "data-label=\"deploy-production (devops)\" data-p50=\"7200\" data-p90=\"14400\"",
            "data-testid=\"handoff-waits\"",
            "data-testid=\"no-go\"",
            "tests failing",
            "/webjars/chart.js/dist/chart.umd.min.js",
            "/js/insights.js",
            "data-testid=\"insights-csv\"")
        .doesNotContain("<script>");
    String csvLink = page.element("a", "data-testid=\"insights-csv\"");
    String href =
        csvLink
            .substring(
                csvLink.indexOf("href=\"") + 6,
                csvLink.indexOf('"', csvLink.indexOf("href=\"") + 6))
            .replace("&amp;", "&");
    WebPage csv = browser.get(href);
    assertThat(csv.status()).isEqualTo(200);
    assertThat(csv.body()).contains("deploymentFrequency,,,2,");
    assertThat(browser.get("/webjars/chart.js/dist/chart.umd.min.js").status()).isEqualTo(200);

    WebPage reversed =
        browser.get("/insights?product=" + t.product + "&from=" + to + "&to=" + from);
    assertThat(reversed.status()).isEqualTo(200);
    assertThat(reversed.element("div", "data-testid=\"insights-error\""))
        .contains("swap from and to");

    Team other = team();
    assertThat(browser.get("/insights?product=" + other.product).status()).isEqualTo(404);
  }

  private static List<Long> spread(JsonNode s) {
    return List.of(s.path("p50").asLong(), s.path("p90").asLong());
  }

  private static List<String> rows(JsonNode waits) {
    List<String> out = new ArrayList<>();
    waits.forEach(
        w ->
            out.add(
                w.path("key").asString()
                    + " "
                    + w.path("role").asString()
                    + " "
                    + w.path("count").asInt()
                    + " "
                    + w.path("p50Seconds").asLong()
                    + " "
                    + w.path("p90Seconds").asLong()));
    return out;
  }
}
