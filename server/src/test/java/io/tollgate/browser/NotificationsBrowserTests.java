package io.tollgate.browser;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.support.ReleaseDriver;
import io.tollgate.support.Team;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;

/**
 * A person sees "your turn" appear in their notifications menu while the page is open, and follows
 * it to the release where the handoff waits for them.
 */
class NotificationsBrowserTests extends BrowserTest {
  private static final Duration LIVE = Duration.ofSeconds(10);
  private static final By COUNT = By.cssSelector("[data-testid='inbox'] .inbox-count");

  @Test
  void yourTurnAppearsLiveAndLeadsToTheRelease() {
    Team t = teamWithPasswords();
    String id = ReleaseDriver.plan(t, "minor");
    ReleaseDriver.ok(
        t.rm.post(
            ReleaseDriver.path(id) + "/steps/schedule-window/complete", Map.of("note", "Tue")));

    WebDriver rm = browser();
    signIn(rm, t, "release-manager");
    rm.get(url("/"));
    js(rm).executeScript("window.__marker = 'no reload';");
    assertThat(text(rm, COUNT)).as("nothing waits yet").isEmpty();

    // The QA lead completes the quality gate: the handoff qa-to-rm comes to the release manager.
    ReleaseDriver.ok(
        t.qa.post(ReleaseDriver.path(id) + "/steps/quality-gate/complete", Map.of("note", "ok")));

    awaitText(rm, COUNT, "1", LIVE);
    assertThat(js(rm).executeScript("return window.__marker;"))
        .as("the count changed in place")
        .isEqualTo("no reload");

    click(rm, By.cssSelector("[data-testid='inbox']"));
    By entry = By.cssSelector("[data-testid='inbox-list'] li[data-type='handoff.handed'] a");
    assertThat(text(rm, entry)).contains("your turn", "release-manager");
    click(rm, entry);
    waitFor(rm).until(d -> d.getCurrentUrl().endsWith("/releases/" + id));
    awaitText(rm, handoffBadge("qa-to-rm"), "handed");
    waitFor(rm, LIVE)
        .withMessage("the count to clear once the entry is read")
        .until(d -> d.findElement(COUNT).getText().isEmpty());
  }
}
