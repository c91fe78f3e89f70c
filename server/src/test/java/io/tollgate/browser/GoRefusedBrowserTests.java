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

    List<WebElement> blockers =
        waitFor(b)
            .until(
                d -> {
                  List<WebElement> found =
                      d.findElements(By.cssSelector("#decision .refusal ul.blockers li"));
                  return found.size() >= 2 ? found : null;
                });
    String refusal = b.findElement(By.cssSelector("#decision .refusal")).getText();
    assertThat(blockers.stream().map(WebElement::getText).toList())
        .anyMatch(text -> text.contains("acceptance-criteria"))
        .anyMatch(text -> text.contains("smoke-staging"));
    assertThat(refusal).isNotBlank();
    assertThat(b.getCurrentUrl()).endsWith("/releases/" + id);
    assertThat(b.findElement(status()).getText()).contains("planned");
    assertThat(releaseStatus(t.rm, id)).isEqualTo("planned");
    assertThat(t.rm.get(ReleaseDriver.path(id)).json().path("decision").isNull())
        .as("no decision recorded")
        .isTrue();
  }
}
