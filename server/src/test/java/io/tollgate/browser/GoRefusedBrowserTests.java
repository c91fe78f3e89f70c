package io.tollgate.browser;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.support.ReleaseDriver;
import io.tollgate.support.Team;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

/** Go before the requirements are met: the Go button is disabled beside what it waits for. */
class GoRefusedBrowserTests extends BrowserTest {

  @Test
  void goBeforeTheRequirementsAreMetIsDisabledWithItsBlockersShown() {
    Team t = teamWithPasswords();
    String id = ReleaseDriver.plan(t, "minor");
    WebDriver b = browser();
    signIn(b, t, "release-manager");
    openRelease(b, id);
    awaitText(b, status(), "planned");

    WebElement go = await(b, By.cssSelector("#decision button[name=decision][value=go]"));
    WebElement noGo = await(b, By.cssSelector("#decision button[name=decision][value=no-go]"));
    assertThat(go.isEnabled()).as("go is the release manager's, but blocked").isFalse();
    assertThat(go.getDomAttribute("aria-describedby")).isEqualTo("go-blockers");
    assertThat(noGo.isEnabled()).as("no-go waits for nothing").isTrue();
    List<String> blockers =
        b.findElements(By.cssSelector("#go-blockers li")).stream()
            .map(WebElement::getText)
            .toList();
    assertThat(blockers)
        .anyMatch(text -> text.contains("acceptance-criteria"))
        .anyMatch(text -> text.contains("smoke-staging"));

    // The step the QA lead cannot complete yet is shown to them disabled, with its blockers.
    signOut(b);
    signIn(b, t, "qa-lead");
    openRelease(b, id);
    WebElement complete =
        await(b, By.cssSelector("form[data-action='complete:quality-gate'] button[type=submit]"));
    assertThat(complete.isEnabled()).isFalse();
    assertThat(text(b, By.cssSelector("[data-step=quality-gate] ul.blockers")))
        .contains("schedule-window");
    assertThat(releaseStatus(t.rm, id)).isEqualTo("planned");
    assertThat(t.rm.get(ReleaseDriver.path(id)).json().path("decision").isNull())
        .as("no decision recorded")
        .isTrue();
  }
}
