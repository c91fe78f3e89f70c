package io.tollgate.browser;

import static io.tollgate.support.ReleaseDriver.path;
import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.support.ReleaseDriver;
import io.tollgate.support.Team;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import tools.jackson.databind.JsonNode;

/**
 * The guide's failure path in the browser: a failed production deployment opens an incident, DevOps
 * rolls production back to the last good version named on the incident page, the release manager
 * resolves it. Also shows the process flow.
 */
class IncidentBrowserTests extends BrowserTest {

  @Test
  void aFailedProductionDeploymentOpensAnIncidentAndItsRollbackRestoresThePreviousVersion() {
    Team t = teamWithPasswords();
    String good = ReleaseDriver.plan(t, "minor");
    ReleaseDriver.release(t, good);
    String bad = ReleaseDriver.plan(t, "minor");
    ReleaseDriver.prepare(t, bad);
    ReleaseDriver.go(t, bad);
    WebDriver b = browser();

    // DevOps deploys to production with the form, and it fails.
    signIn(b, t, "devops");
    openRelease(b, bad);
    awaitText(b, status(), "approved");
    submit(
        b,
        "complete:deploy-production",
        fields("outcome", "failed", "note", "migration timed out"));
    awaitText(b, status(), "failed");
    await(b, By.cssSelector(".banner.failed"));
    By link = By.cssSelector(".banner.incident a[data-incident]");
    String incident = waitFor(b).until(d -> d.findElement(link).getDomAttribute("data-incident"));
    assertThat(t.rm.get(path(bad)).json().path("incidents").get(0).asString()).isEqualTo(incident);

    // The incident page names the rollback target before the rollback is done.
    click(b, link);
    waitFor(b).until(ExpectedConditions.urlContains("/incidents/" + incident));
    awaitText(b, By.cssSelector("[data-testid=incident-status]"), "open");
    awaitText(b, By.cssSelector("[data-testid=rollback-target]"), "0.1.0");
    screenshot(b, "incident");

    submit(b, "incident-complete:execute-rollback", fields("note", "pipeline rollback #12"));
    waitFor(b).until(ExpectedConditions.alertIsPresent()).accept();
    awaitText(b, By.cssSelector("[data-testid=rollback-done]"), "to 0.1.0");
    awaitText(b, By.cssSelector("li[data-playbook-step='execute-rollback'] .badge"), "done");
    submit(b, "incident-complete:notify-oncall", fields("note", "paged the on-call team"));
    awaitText(b, By.cssSelector("li[data-playbook-step='notify-oncall'] .badge"), "done");
    assertThat(releaseStatus(t.rm, bad)).isEqualTo("rolled-back");

    // Production runs the previous version again.
    b.get(url("/products/" + t.product));
    awaitText(b, By.cssSelector("tr[data-environment='production'] td.version"), "0.1.0");
    JsonNode production = environment(t, "production");
    assertThat(production.path("currentVersion").asString()).isEqualTo("0.1.0");
    signOut(b);

    // The release manager resolves it with the root cause and action items.
    signIn(b, t, "release-manager");
    b.get(url("/incidents/" + incident));
    awaitText(b, By.cssSelector("[data-testid=incident-status]"), "open");
    submit(
        b,
        "resolve",
        fields(
            "rootCause", "The migration locked the orders table",
            "actionItems", "Run migrations online\nRehearse on a production-sized copy"));
    awaitText(b, By.cssSelector("[data-testid=incident-status]"), "resolved");
    awaitText(b, By.cssSelector("[data-testid=root-cause]"), "locked the orders table");
    assertThat(b.findElements(By.cssSelector("[data-testid=action-items] li"))).hasSize(2);
    screenshot(b, "incident-resolved");
    assertThat(t.rm.get("/api/v1/incidents/" + incident).text("status")).isEqualTo("resolved");
  }

  @Test
  void theProcessPageDrawsTheFlow() {
    Team t = teamWithPasswords();
    WebDriver b = browser();
    signIn(b, t, "developer");
    b.get(url("/processes/octoacme-standard"));
    WebElement flow = await(b, By.cssSelector("[data-testid=process-flow]"));
    assertThat(flow.getText()).contains("Deploy to staging environment");
    assertThat(flow.findElements(By.cssSelector("[data-step]"))).hasSizeGreaterThanOrEqualTo(10);
    screenshot(
        b, By.xpath("//*[@data-testid='process-flow']/ancestor::section[1]"), "process-flow");
  }

  private JsonNode environment(Team t, String name) {
    for (JsonNode e : t.rm.get("/api/v1/products/" + t.product).json().path("environments")) {
      if (name.equals(e.path("name").asString())) return e;
    }
    throw new AssertionError("no environment " + name);
  }
}
