package io.tollgate.insights;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.support.Api;
import io.tollgate.support.Team;
import io.tollgate.support.WebPage;
import io.tollgate.support.WebSession;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The insights of a known history ({@link InsightsStory}) as CSV, as Prometheus gauges, and on the
 * page with its tables, charts and download.
 */
class InsightsExportsIntegrationTests extends InsightsStory {
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
}
