package io.tollgate.browser;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.support.ReleaseDriver;
import io.tollgate.support.Team;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

/** Go before the requirements are met: refused in place, with what blocks it. */
class GoRefusedBrowserTests extends BrowserTest {

  @Test
  void goBeforeTheRequirementsAreMetIsRefusedWithItsBlockersShownInPlace() {
    Team t = teamWithPasswords();
    String id = ReleaseDriver.plan(t, "minor");
    WebDriver b = browser();
    signIn(b, t, "release-manager");
    openRelease(b, id);
    awaitText(b, status(), "planned");

    submit(
        b,
        "decide",
        fields("rationale", "Ship it before the weekend"),
        "button[name=decision][value=go]");

    List<String> blockers =
        waitFor(b)
            .until(
                d -> {
                  List<String> found =
                      d.findElements(By.cssSelector("#decision .refusal ul.blockers li")).stream()
                          .map(WebElement::getText)
                          .toList();
                  return found.size() >= 2 ? found : null;
                });
    String refusal = text(b, By.cssSelector("#decision .refusal"));
    assertThat(blockers)
        .anyMatch(text -> text.contains("acceptance-criteria"))
        .anyMatch(text -> text.contains("smoke-staging"));
    assertThat(refusal).isNotBlank();
    assertThat(b.getCurrentUrl()).endsWith("/releases/" + id);
    assertThat(text(b, status())).contains("planned");
    assertThat(releaseStatus(t.rm, id)).isEqualTo("planned");
    assertThat(t.rm.get(ReleaseDriver.path(id)).json().path("decision").isNull())
        .as("no decision recorded")
        .isTrue();
  }
}
