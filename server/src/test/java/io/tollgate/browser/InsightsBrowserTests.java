package io.tollgate.browser;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.support.ReleaseDriver;
import io.tollgate.support.Team;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;

/**
 * The release manager opens the insights from the main navigation after a release went to
 * production and another was stopped by a no-go: the tables hold the figures, and Chart.js (a
 * WebJar, under the page's content security policy) drew a chart from each table.
 */
class InsightsBrowserTests extends BrowserTest {

  @Test
  void theInsightsPageDrawsItsChartsFromItsTables() {
    Team t = teamWithPasswords();
    String shipped = ReleaseDriver.plan(t, "minor");
    ReleaseDriver.release(t, shipped);
    String stopped = ReleaseDriver.plan(t, "patch");
    ReleaseDriver.prepare(t, stopped);
    ReleaseDriver.ok(
        t.rm.post(
            ReleaseDriver.path(stopped) + "/decision",
            Map.of("decision", "no-go", "rationale", "Checkout latency doubled in staging")));

    WebDriver driver = browser();
    signIn(driver, t, "release-manager");
    click(driver, By.cssSelector("nav[aria-label='Main'] a[href='/insights']"));
    By keys = By.cssSelector("[data-testid='insights-keys']");
    await(driver, keys);
    assertThat(text(driver, By.cssSelector("[data-figure='deployment-frequency']")))
        .contains("1 production deployment");
    assertThat(text(driver, By.cssSelector("[data-testid='no-go']")))
        .contains("Checkout latency doubled in staging");

    // every canvas has its Chart.js chart: the script ran under the CSP, from the tables
    waitFor(driver)
        .until(
            d ->
                (Boolean)
                    ((JavascriptExecutor) d)
                        .executeScript(
                            "var c = document.querySelectorAll('canvas[data-chart-for]');"
                                + " return c.length > 0 && window.Chart !== undefined &&"
                                + " Array.prototype.every.call(c, function (x) {"
                                + " return window.Chart.getChart(x) !== undefined; });"));
    Object bars =
        ((JavascriptExecutor) driver)
            .executeScript(
                "return window.Chart.getChart(document.querySelector("
                    + "\"canvas[data-chart-for='no-go']\")).data.datasets[0].data;");
    assertThat(bars.toString()).isEqualTo("[1]");
    screenshot(driver, By.id("main"), "insights");
  }
}
