package io.tollgate.browser;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.support.Api;
import io.tollgate.support.ReleaseDriver;
import io.tollgate.support.Team;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;

/** Devops presses Deploy and watches the automated deployment's log and outcome live. */
class DeploymentBrowserTests extends BrowserTest {
  private static final Duration LIVE = Duration.ofSeconds(15);

  @Test
  void pressingDeployShowsTheLogAndTheOutcomeLive() {
    Team t = teamWithPasswords();
    Api.Response configured =
        admin.put(
            "/api/v1/products/" + t.product + "/environments/staging/automation",
            Map.of(
                "executor",
                Map.of(
                    "kind",
                    "command",
                    "command",
                    List.of(
                        "sh",
                        "-c",
                        "echo rolling out $TOLLGATE_VERSION; sleep 1; echo pods ready; sleep 1"),
                    "timeoutSeconds",
                    30)));
    assertThat(configured.status()).as(configured.toString()).isEqualTo(200);
    String id = ReleaseDriver.plan(t, "minor");
    String r = ReleaseDriver.path(id);
    ReleaseDriver.ok(t.rm.post(r + "/steps/schedule-window/complete", Map.of("note", "ok")));
    ReleaseDriver.ok(t.devops.post(r + "/steps/backup/complete", Map.of("note", "ok")));
    ReleaseDriver.ok(t.qa.post(r + "/steps/quality-gate/complete", Map.of("note", "ok")));
    String version = ReleaseDriver.ok(t.rm.get(r)).json().path("version").asString();

    WebDriver driver = browser();
    signIn(driver, t, "devops");
    openRelease(driver, id);
    By deploy = By.cssSelector("form[data-action='start:deploy-staging'] button");
    assertThat(await(driver, deploy).getText()).isEqualTo("Deploy to staging");
    click(driver, deploy);

    By status =
        By.cssSelector("[data-testid='deployments'] article [data-testid='deployment-status']");
    By log = By.cssSelector("[data-testid='deployments'] article [data-testid='log']");
    awaitText(driver, log, "rolling out " + version, LIVE);
    awaitText(driver, log, "pods ready", LIVE);
    awaitText(driver, status, "succeeded", LIVE);
    awaitText(driver, stepBadge("deploy-staging"), "done", LIVE);
    assertThat(text(driver, By.cssSelector("li[data-step='deploy-staging']"))).contains("system");
  }
}
