package io.tollgate.browser;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.support.ReleaseDriver;
import io.tollgate.support.Team;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/**
 * The guide's happy path in the browser: the release manager plans a release with the form, then
 * each of the five roles signs in as itself and does its own items — requirements with evidence,
 * notes, checklist, handoffs, the go decision — until the release is closed.
 */
class ReleaseJourneyBrowserTests extends BrowserTest {

  @Test
  void eachRoleCompletesItsOwnItemsThroughTheWholeGuideToAClosedRelease() {
    Team t = teamWithPasswords();
    WebDriver b = browser();

    // Release manager: plans a major release with the form.
    signIn(b, t, "release-manager");
    String id = createRelease(b, t);
    editNotes(
        b,
        id,
        fields(
            "summary", "Faster checkout for everyone",
            "notableChanges", "One-page checkout\nApple Pay",
            "migrationSteps", "Run the 1.0 orders migration"));
    openRelease(b, id);
    act(
        b,
        "meet:release-notes",
        fields("note", "drafted"),
        requirementBadge("release-notes"),
        "met");
    submit(b, "meet:support-trained", fields("note", "training session held"));
    awaitText(
        b,
        By.cssSelector("li[data-requirement='support-trained']"),
        "release-manager signed by " + t.usernames.get("release-manager"));
    assertThat(text(b, requirementBadge("support-trained")))
        .as("support still has to sign")
        .contains("open");
    completeStep(b, "schedule-window", fields("note", "Tuesday 10:00 UTC, stakeholders mailed"));
    signOut(b);

    // QA lead: known issues in the notes, acceptance criteria, the quality gate.
    signIn(b, t, "qa-lead");
    editNotes(b, id, fields("knownIssues", "PDF export is slow on Safari"));
    openRelease(b, id);
    act(
        b,
        "meet:acceptance-criteria",
        fields("url", "https://tracker.example/epic/1", "note", "all stories accepted"),
        requirementBadge("acceptance-criteria"),
        "met");
    completeStep(b, "quality-gate", fields("note", "signed off"));
    awaitText(b, handoffBadge("qa-to-rm"), "handed");
    signOut(b);

    // DevOps: CI and rollback plan with evidence, skips the backup, deploys to staging.
    signIn(b, t, "devops");
    openRelease(b, id);
    act(
        b,
        "meet:ci-security",
        fields("url", "https://ci.example/builds/7"),
        requirementBadge("ci-security"),
        "met");
    act(
        b,
        "meet:rollback-plan",
        fields("url", "https://wiki.example/rollback"),
        requirementBadge("rollback-plan"),
        "met");
    act(
        b,
        "skip:backup",
        fields("reason", "stateless release, nothing to back up"),
        stepBadge("backup"),
        "skipped");
    completeStep(b, "deploy-staging", fields("outcome", "succeeded", "note", "pipeline #41"));
    signOut(b);

    // Support: the second signature on the training.
    signIn(b, t, "support");
    openRelease(b, id);
    act(
        b,
        "meet:support-trained",
        fields("note", "attended the session"),
        requirementBadge("support-trained"),
        "met");
    signOut(b);

    // QA lead: smoke tests in staging, which also meet the smoke-tests requirement.
    signIn(b, t, "qa-lead");
    openRelease(b, id);
    completeStep(b, "smoke-staging", fields("outcome", "succeeded", "note", "42 checks green"));
    awaitText(b, requirementBadge("smoke-tests"), "met");
    awaitText(b, status(), "awaiting decision");
    signOut(b);

    // Developer: no checklist item of their own, so no action on the release page.
    signIn(b, t, "developer");
    openRelease(b, id);
    awaitText(b, status(), "awaiting decision");
    assertThat(releaseActions(b)).as("the developer's actions on the release page").isEmpty();
    signOut(b);

    // Release manager: acknowledges QA's handoff, looks at the panel, decides go.
    signIn(b, t, "release-manager");
    openRelease(b, id);
    acknowledge(b, "qa-to-rm");
    js(b).executeScript("window.scrollTo(0, 0);");
    screenshot(b, "release-mid-flight");
    assertThat(text(b, By.id("decision"))).contains("PDF export is slow on Safari");
    screenshot(b, By.id("decision"), "go-no-go-panel");
    submit(
        b,
        "decide",
        fields("rationale", "All gates met; smoke tests green"),
        "button[name=decision][value=go]");
    awaitText(b, status(), "approved");
    awaitText(b, handoffBadge("rm-to-devops"), "handed");
    signOut(b);

    // DevOps: acknowledges, deploys to production and verifies it.
    signIn(b, t, "devops");
    openRelease(b, id);
    acknowledge(b, "rm-to-devops");
    completeStep(b, "deploy-production", fields("outcome", "succeeded", "note", "pipeline #42"));
    awaitText(b, status(), "released");
    completeStep(b, "verify-production", fields("outcome", "succeeded", "note", "error rate flat"));
    signOut(b);

    // Release manager: acknowledges DevOps' handoff and announces.
    signIn(b, t, "release-manager");
    openRelease(b, id);
    acknowledge(b, "devops-to-rm");
    completeStep(b, "announce", fields("note", "mail to stakeholders and support"));
    signOut(b);

    // Support: acknowledges and monitors: the release closes.
    signIn(b, t, "support");
    openRelease(b, id);
    acknowledge(b, "rm-to-support");
    completeStep(b, "monitor-customers", fields("note", "no tickets"));
    awaitText(b, status(), "closed");
    assertThat(releaseActions(b)).isEmpty();
    signOut(b);

    assertThat(releaseStatus(t.rm, id)).isEqualTo("closed");

    // The board, with the next release of the product already planned.
    ReleaseDriver.plan(t, "minor");
    signIn(b, t, "release-manager");
    b.get(url("/"));
    await(b, By.cssSelector("[data-testid=board]"));
    screenshot(b, "board");
  }

  /** Plans a major release with the form; returns the new release's id. */
  private String createRelease(WebDriver b, Team t) {
    b.get(url("/products/" + t.product + "/releases/new"));
    awaitText(b, By.id("proposed-version"), "0.1.0");
    new Select(b.findElement(By.id("type"))).selectByValue("major");
    awaitText(b, By.id("proposed-version"), "1.0.0");
    b.findElement(By.id("name")).sendKeys("Checkout");
    String day = LocalDate.now(ZoneOffset.UTC).plusDays(7).toString();
    js(b)
        .executeScript(
            "document.getElementById('windowStart').value = arguments[0] + 'T10:00';"
                + "document.getElementById('windowEnd').value = arguments[0] + 'T12:00';",
            day);
    b.findElement(By.id("create-release")).click();
    waitFor(b).until(ExpectedConditions.urlMatches("/releases/[0-9a-f-]{36}$"));
    String id = b.getCurrentUrl().substring(b.getCurrentUrl().lastIndexOf('/') + 1);
    awaitText(b, status(), "planned");
    assertThat(text(b, By.cssSelector(".rail .version"))).isEqualTo("1.0.0");
    assertThat(text(b, By.cssSelector(".rail"))).contains("Checkout").contains(day + " 10:00 UTC");
    return id;
  }

  /** Opens the notes editor from the release page, fills the fields and saves. */
  private void editNotes(WebDriver b, String id, Map<String, String> values) {
    openRelease(b, id);
    click(b, By.id("edit-notes"));
    waitFor(b).until(ExpectedConditions.urlContains("/releases/" + id + "/notes"));
    for (var v : values.entrySet()) {
      WebElement field = await(b, By.name(v.getKey()));
      assertThat(field.isEnabled()).as(v.getKey() + " editable").isTrue();
      field.clear();
      field.sendKeys(v.getValue());
    }
    b.findElement(By.id("save-notes")).click();
    awaitText(b, By.cssSelector(".notice.ok"), "Saved");
  }
}
