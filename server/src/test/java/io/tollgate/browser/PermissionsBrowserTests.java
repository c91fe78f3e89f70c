package io.tollgate.browser;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.support.ReleaseDriver;
import io.tollgate.support.Team;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;

/** A person sees only their own actions, and a forged form post is refused all the same. */
class PermissionsBrowserTests extends BrowserTest {

  private static final String FORGE =
      "var f = document.createElement('form');"
          + "f.method = 'post'; f.action = arguments[0];"
          + "var note = document.createElement('input');"
          + "note.type = 'hidden'; note.name = 'note'; note.value = 'forged by QA'; f.appendChild(note);"
          + "if (arguments[1]) {"
          + "  var csrf = document.createElement('input'); csrf.type = 'hidden'; csrf.name = '_csrf';"
          + "  csrf.value = document.querySelector('meta[name=csrf-token]').content; f.appendChild(csrf);"
          + "}"
          + "document.body.appendChild(f); f.submit();";

  @Test
  void aQaLeadSeesNoActionForTheReleaseManagersStepAndAForgedPostIsRefused() {
    Team t = teamWithPasswords();
    String id = ReleaseDriver.plan(t, "minor");
    WebDriver b = browser();
    signIn(b, t, "qa-lead");
    openRelease(b, id);

    assertThat(releaseActions(b))
        .as("the QA lead's own requirement is offered")
        .contains("meet:acceptance-criteria");
    assertThat(b.findElements(form("complete:schedule-window"))).isEmpty();
    assertThat(b.findElements(form("decide"))).isEmpty();
    assertThat(b.findElements(form("cancel"))).isEmpty();
    assertThat(text(b, By.id("decision"))).contains("The release manager makes this decision");

    // A forged form post, with the page's CSRF token, to the release manager's step.
    js(b).executeScript(FORGE, "/releases/" + id + "/steps/schedule-window/complete", true);
    String refusal =
        waitFor(b)
            .until(
                ExpectedConditions.visibilityOfElementLocated(
                    By.cssSelector("li[data-step='schedule-window'] .refusal, .refusal")))
            .getText();
    assertThat(refusal).containsIgnoringCase("release-manager");
    assertThat(text(b, stepBadge("schedule-window"))).doesNotContain("done");
    assertThat(stepStatus(t.rm, id, "schedule-window")).isEqualTo("pending");

    // The same post without the CSRF token is rejected before it reaches the release.
    openRelease(b, id);
    js(b).executeScript(FORGE, "/releases/" + id + "/steps/schedule-window/complete", false);
    waitFor(b).until(ExpectedConditions.urlContains("/steps/schedule-window/complete"));
    assertThat(await(b, By.cssSelector(".status-code")).getText()).isEqualTo("403");
    assertThat(stepStatus(t.rm, id, "schedule-window")).isEqualTo("pending");
  }
}
