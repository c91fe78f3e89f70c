package io.tollgate.browser;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.support.ReleaseDriver;
import io.tollgate.support.Team;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;

/** A change made by one person shows in another person's open page, without a reload. */
class LiveBrowserTests extends BrowserTest {
  private static final Duration LIVE = Duration.ofSeconds(5);

  @Test
  void aSecondBrowserSeesAChangeLiveWithoutReloading() {
    Team t = teamWithPasswords();
    String id = ReleaseDriver.plan(t, "minor");

    WebDriver watcher = browser();
    signIn(watcher, t, "qa-lead");
    openRelease(watcher, id);
    awaitText(watcher, stepBadge("schedule-window"), "pending");
    By completeGate = By.cssSelector("form[data-action='complete:quality-gate'] button");
    assertThat(await(watcher, completeGate).isEnabled())
        .as("the QA lead's step is shown, disabled while it waits for schedule-window")
        .isFalse();
    js(watcher).executeScript("window.__marker = 'no reload';");
    waitFor(watcher)
        .until(d -> "complete".equals(js(d).executeScript("return document.readyState;")));

    // The release manager, in another browser, completes the first checklist step.
    WebDriver other = newBrowser();
    signIn(other, t, "release-manager");
    openRelease(other, id);
    completeStep(other, "schedule-window", fields("note", "Tuesday 10:00 UTC"));

    awaitText(watcher, stepBadge("schedule-window"), "done", LIVE);
    waitFor(watcher, LIVE).until(d -> d.findElement(completeGate).isEnabled());
    assertThat(text(watcher, By.cssSelector("li[data-step='schedule-window']")))
        .contains(t.usernames.get("release-manager"));

    // A change through the API reaches the page too.
    ReleaseDriver.ok(
        t.devops.post(
            ReleaseDriver.path(id) + "/requirements/ci-security/meet",
            Map.of("evidence", Map.of("url", "https://ci.example/builds/7"))));
    awaitText(watcher, requirementBadge("ci-security"), "met", LIVE);

    assertThat(js(watcher).executeScript("return window.__marker;"))
        .as("the page was updated in place, not reloaded")
        .isEqualTo("no reload");
    assertThat(watcher.getCurrentUrl()).endsWith("/releases/" + id);
    assertThat(text(watcher, By.id("live-status"))).contains("Live");
  }
}
