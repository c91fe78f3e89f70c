package io.tollgate.browser;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.support.ReleaseDriver;
import io.tollgate.support.Team;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import tools.jackson.databind.JsonNode;

/** The notes editor: each role edits its own fields, previews the rendered notes, and saves. */
class NotesBrowserTests extends BrowserTest {

  @Test
  void theReleaseManagerPreviewsAndSavesNotesAndTheQaLeadEditsOnlyKnownIssues() {
    Team t = teamWithPasswords();
    String id = ReleaseDriver.plan(t, "minor");
    WebDriver b = browser();

    signIn(b, t, "release-manager");
    b.get(url("/releases/" + id + "/notes"));
    type(b, "summary", "Faster checkout for everyone");
    type(b, "notableChanges", "One-page checkout\nApple Pay");
    assertThat(b.findElement(By.name("knownIssues")).isEnabled())
        .as("known issues belong to the QA lead")
        .isFalse();

    b.findElement(By.id("preview")).click();
    awaitText(b, By.cssSelector("#notes-preview li"), "One-page checkout");
    WebElement preview = b.findElement(By.id("notes-preview"));
    assertThat(preview.findElements(By.tagName("li")).stream().map(WebElement::getText))
        .contains("One-page checkout", "Apple Pay");
    assertThat(preview.getText()).contains("Faster checkout for everyone");
    JsonNode unsaved = t.rm.get(ReleaseDriver.path(id)).json().path("notes").path("summary");
    assertThat(unsaved.isNull() || unsaved.asString().isEmpty())
        .as("a preview does not save: " + unsaved)
        .isTrue();

    b.findElement(By.id("save-notes")).click();
    awaitText(b, By.cssSelector(".notice.ok"), "Saved");
    JsonNode notes = t.rm.get(ReleaseDriver.path(id)).json().path("notes");
    assertThat(notes.path("summary").asString()).isEqualTo("Faster checkout for everyone");
    assertThat(notes.path("notableChanges").valueStream().map(JsonNode::asString).toList())
        .containsExactly("One-page checkout", "Apple Pay");
    signOut(b);

    signIn(b, t, "qa-lead");
    b.get(url("/releases/" + id + "/notes"));
    WebElement summary = await(b, By.name("summary"));
    assertThat(summary.isEnabled()).as("summary is the release manager's").isFalse();
    assertThat(summary.getText()).contains("Faster checkout for everyone");
    assertThat(b.findElement(By.name("knownIssues")).isEnabled()).isTrue();
    assertThat(b.findElement(By.id("notes-download")).getDomProperty("href"))
        .endsWith("/releases/" + id + "/notes.md");

    type(b, "knownIssues", "PDF export is slow on Safari");
    b.findElement(By.id("save-notes")).click();
    awaitText(b, By.cssSelector(".notice.ok"), "Saved");
    awaitText(b, By.cssSelector("#notes-preview"), "PDF export is slow on Safari");
    assertThat(
            t.rm
                .get(ReleaseDriver.path(id))
                .json()
                .path("notes")
                .path("knownIssues")
                .get(0)
                .asString())
        .isEqualTo("PDF export is slow on Safari");
  }

  private void type(WebDriver b, String name, String text) {
    WebElement field = await(b, By.name(name));
    field.clear();
    field.sendKeys(text);
  }
}
