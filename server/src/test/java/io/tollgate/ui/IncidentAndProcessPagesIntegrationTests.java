package io.tollgate.ui;

import static io.tollgate.support.ReleaseDriver.ok;
import static io.tollgate.support.ReleaseDriver.path;
import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.support.IntegrationTest;
import io.tollgate.support.ReleaseDriver;
import io.tollgate.support.Team;
import io.tollgate.support.WebPage;
import io.tollgate.support.WebSession;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The incident and process pages over real HTTP, signed in with a password and a session as a
 * browser is: who sees which action, what a form post changes, and what a refused one shows.
 */
class IncidentAndProcessPagesIntegrationTests extends IntegrationTest {
  private static final String PASSWORD = "correct horse battery";

  @Test
  void incidentPageOffersEachPlaybookStepOnlyToItsRoleAndTheRollbackFormRollsProductionBack() {
    Team t = team();
    String incident = failedProductionDeployment(t);
    WebSession devops = signIn(t.usernames.get("devops"));
    WebSession qa = signIn(t.usernames.get("qa-lead"));
    String page = "/incidents/" + incident;

    WebPage seenByDevops = devops.get(page);
    assertThat(seenByDevops.status()).isEqualTo(200);
    assertThat(seenByDevops.element("span", "data-testid=\"incident-status\"")).contains("open");
    assertThat(seenByDevops.element("p", "data-testid=\"rollback-target\""))
        .contains("Rollback returns production to 0.1.0");
    String rollbackStep = seenByDevops.element("li", "data-playbook-step=\"execute-rollback\"");
    assertThat(rollbackStep)
        .contains("data-action=\"incident-complete:execute-rollback\"")
        .contains("data-action=\"incident-skip:execute-rollback\"")
        .contains("data-confirm=\"Roll production back to 0.1.0 now?\"")
        .contains("Roll production back to 0.1.0");
    assertThat(seenByDevops.element("li", "data-playbook-step=\"verify-rollback\""))
        .doesNotContain("<form");
    assertThat(seenByDevops.body()).doesNotContain("data-action=\"resolve\"");
    assertThat(seenByDevops.body()).contains("sse-connect=\"/live?release=");

    WebPage seenByQa = qa.get(page);
    assertThat(seenByQa.element("li", "data-playbook-step=\"execute-rollback\""))
        .doesNotContain("<form");
    assertThat(seenByQa.element("li", "data-playbook-step=\"verify-rollback\""))
        .contains("data-action=\"incident-complete:verify-rollback\"")
        .as("a step that is not optional cannot be skipped")
        .doesNotContain("incident-skip:verify-rollback");

    WebPage early = qa.post(page + "/steps/verify-rollback/complete", Map.of("note", "checked"));
    assertThat(early.status()).isEqualTo(409);
    String refusedStep = early.element("li", "data-playbook-step=\"verify-rollback\"");
    assertThat(refusedStep).contains("class=\"refusal\"").contains("class=\"blockers\"");
    assertThat(refusedStep).contains("Execute rollback to last known-good release if necessary");

    String environmentsBefore = environments(t);
    WebPage forged = qa.post(page + "/steps/execute-rollback/complete", Map.of("note", "me too"));
    assertThat(forged.status()).isEqualTo(403);
    assertThat(forged.element("li", "data-playbook-step=\"execute-rollback\""))
        .contains("class=\"refusal\"")
        .contains("needs the role &#39;devops&#39;");
    assertThat(environments(t)).isEqualTo(environmentsBefore);
    assertThat(stepStatus(t, incident, "execute-rollback")).isEqualTo("pending");

    WebPage done =
        devops.post(page + "/steps/execute-rollback/complete", Map.of("note", "pipeline #12"));
    assertThat(done.status()).as("post, redirect, get").isEqualTo(302);
    assertThat(done.location()).isEqualTo(page);
    JsonNode production = production(t);
    assertThat(production.path("currentVersion").asString()).isEqualTo("0.1.0");
    assertThat(t.rm.get(path(releaseOf(t, incident))).text("status")).isEqualTo("rolled-back");

    WebPage after = devops.get(page);
    assertThat(after.element("p", "data-testid=\"rollback-done\""))
        .contains("Rolled production back to 0.1.0");
    assertThat(after.body()).doesNotContain("data-testid=\"rollback-target\"");
    assertThat(after.element("li", "data-playbook-step=\"execute-rollback\""))
        .contains("✓ done")
        .contains("pipeline #12")
        .doesNotContain("<form");
    assertThat(after.element("ol", "class=\"timeline\"")).contains("Rolled production back from");

    WebPage fragment =
        devops.post(
            page + "/steps/notify-oncall/complete",
            Map.of("note", "paged"),
            Map.of("HX-Request", "true"));
    assertThat(fragment.status()).isEqualTo(200);
    assertThat(fragment.body()).startsWith("<div id=\"incident-main\"").doesNotContain("<html");
    assertThat(fragment.element("li", "data-playbook-step=\"notify-oncall\"")).contains("✓ done");
  }

  @Test
  void onlyTheReleaseManagerResolvesAndTheResolutionIsShownWithItsActionItems() {
    Team t = team();
    String incident = failedProductionDeployment(t);
    WebSession rm = signIn(t.usernames.get("release-manager"));
    WebSession qa = signIn(t.usernames.get("qa-lead"));
    String page = "/incidents/" + incident;

    assertThat(qa.get(page).body()).doesNotContain("data-action=\"resolve\"");
    assertThat(rm.get(page).element("form", "data-action=\"resolve\""))
        .contains("name=\"rootCause\"")
        .contains("name=\"actionItems\"");

    WebPage forged =
        qa.post(
            page + "/resolve", Map.of("rootCause", "not mine to say", "actionItems", "nothing"));
    assertThat(forged.status()).isEqualTo(403);
    assertThat(forged.element("section", "id=\"resolution\"")).contains("class=\"refusal\"");
    assertThat(t.rm.get("/api/v1/incidents/" + incident).text("status")).isEqualTo("open");

    WebPage noItems =
        rm.post(page + "/resolve", Map.of("rootCause", "Migration lock", "actionItems", "  \n "));
    assertThat(noItems.status()).isEqualTo(422);
    assertThat(noItems.element("section", "id=\"resolution\""))
        .contains("at least one action item")
        .as("what was typed is kept")
        .contains("Migration lock");

    WebPage resolved =
        rm.post(
            page + "/resolve",
            Map.of(
                "rootCause",
                "Migration took a table lock",
                "actionItems",
                "Run migrations online\r\n\r\nAlert on lock waits\n"));
    assertThat(resolved.status()).isEqualTo(302);
    JsonNode api = t.rm.get("/api/v1/incidents/" + incident).json();
    assertThat(api.path("status").asString()).isEqualTo("resolved");
    assertThat(api.path("actionItems").valueStream().map(JsonNode::asString).toList())
        .containsExactly("Run migrations online", "Alert on lock waits");

    WebPage shown = qa.get(page);
    assertThat(shown.element("span", "data-testid=\"incident-status\"")).contains("resolved");
    assertThat(shown.element("p", "data-testid=\"root-cause\""))
        .contains("Migration took a table lock");
    assertThat(shown.element("ul", "data-testid=\"action-items\""))
        .contains("<li>Run migrations online</li>")
        .contains("<li>Alert on lock waits</li>");
    assertThat(shown.body()).doesNotContain("data-action=\"incident-complete:");
  }

  @Test
  void aProductMemberOpensAnIncidentFromAFormAndLandsOnItsPage() {
    Team t = team();
    String release = ReleaseDriver.plan(t, "minor");
    ReleaseDriver.release(t, release);
    WebSession developer = signIn(t.usernames.get("developer"));

    assertThat(developer.get("/releases/" + release + "/incidents/new").body())
        .contains("name=\"severity\"")
        // the process's declared severities (the built-in playbook's list)
        .contains(">critical</option>")
        .contains(">medium</option>")
        .contains(">low</option>")
        .contains("name=\"summary\"");
    WebPage unknown =
        developer.post(
            "/releases/" + release + "/incidents",
            Map.of("severity", "apocalyptic", "summary", "Checkout is slow"));
    assertThat(unknown.status()).isEqualTo(422);
    assertThat(unknown.element("div", "class=\"refusal\"")).contains("Unknown severity");

    WebPage opened =
        developer.post(
            "/releases/" + release + "/incidents",
            Map.of("severity", "high", "summary", "Checkout is slow"));
    assertThat(opened.status()).isEqualTo(302);
    assertThat(opened.location()).startsWith("/incidents/");
    WebPage page = developer.get(opened.location());
    assertThat(page.element("h1", "id=\"incident-title\"")).contains("Checkout is slow");
    assertThat(page.body()).contains("⚠ high").contains("href=\"/releases/" + release + "\"");
    assertThat(page.element("li", "data-playbook-step=\"customer-comms\""))
        .as("the developer holds no playbook role here")
        .doesNotContain("<form");
  }

  @Test
  void theProcessPageDrawsTheChecklistAsAFlowWithTheDecisionAsAGate() {
    Team t = team();
    WebSession qa = signIn(t.usernames.get("qa-lead"));

    WebPage list = qa.get("/processes");
    assertThat(list.status()).isEqualTo(200);
    assertThat(list.body()).contains("href=\"/processes/octoacme-standard\"");

    WebPage page = qa.get("/processes/octoacme-standard");
    assertThat(page.status()).isEqualTo(200);
    String flow = page.element("ol", "data-testid=\"process-flow\"");
    assertThat(flow)
        .containsSubsequence(
            "data-step=\"schedule-window\"",
            "data-step=\"backup\"",
            "data-step=\"deploy-staging\"",
            "data-step=\"smoke-staging\"",
            "data-step=\"go-no-go\"",
            "data-step=\"deploy-production\"",
            "data-step=\"verify-production\"",
            "data-step=\"announce\"",
            "data-step=\"monitor-customers\"");
    assertThat(flow).contains("class=\"arrow\"");
    assertThat(page.element("div", "data-step=\"go-no-go\""))
        .contains("class=\"node decision\"")
        .contains("gate");
    assertThat(page.element("div", "data-step=\"deploy-staging\""))
        .contains("DevOps Engineer")
        .contains("env staging")
        .contains("backup, quality-gate");
    assertThat(page.body())
        .contains("QA Lead → Release Manager")
        .contains("Oversees rollback procedures if needed")
        .contains("data-playbook-def=\"execute-rollback\"")
        .contains("data-notes-field=\"migrationSteps\"")
        .contains("{{#notableChanges}}");
    int latest = versionCount(qa.get("/processes/octoacme-standard"));
    assertThat(qa.get("/processes/octoacme-standard/versions/" + latest).status()).isEqualTo(200);
    assertThat(qa.get("/processes/octoacme-standard/versions/999").status()).isEqualTo(404);
  }

  @Test
  void anInvalidUploadShowsEveryProblemAtItsLineAndAValidOnePublishesANewProcess() {
    adminPassword(PASSWORD);
    WebSession admin = signIn("admin");
    assertThat(admin.get("/processes").body()).contains("id=\"process-upload\"");
    String builtIn =
        ok(this.admin.get("/api/v1/processes/octoacme-standard")).json().path("id").asString();
    assertThat(builtIn).isEqualTo("octoacme-standard");

    String id = "ui-" + UUID.randomUUID().toString().substring(0, 8);
    String broken = builtInSource().replace("id: octoacme-standard", "id: " + id);
    broken = broken.replace("after: [deploy-staging]\n", "after: [deploy-stagin]\n");
    broken = broken.replace("    owner: support\n", "    owner: suport\n");
    WebPage invalid = admin.post("/processes", Map.of("source", broken));
    assertThat(invalid.status()).isEqualTo(422);
    String errors = invalid.element("ul", "class=\"errors\"");
    Matcher lines = Pattern.compile("data-line=\"(\\d+)\"").matcher(errors);
    assertThat(lines.find()).isTrue();
    int firstLine = Integer.parseInt(lines.group(1));
    assertThat(broken.split("\n")[firstLine - 1]).contains("deploy-stagin]");
    assertThat(errors).contains("line " + firstLine + ":").contains("deploy-stagin");
    assertThat(lines.find()).as("both problems are listed").isTrue();
    String source = invalid.element("pre", "class=\"source numbered\"");
    assertThat(source).contains("<span class=\"line err\" id=\"L" + firstLine + "\">");
    assertThat(source).contains("<span class=\"line\" id=\"L1\">");
    assertThat(invalid.element("textarea", "id=\"source\"")).contains("deploy-stagin");
    assertThat(invalid.body()).doesNotContain("style=");
    assertThat(this.admin.get("/api/v1/processes/" + id).status()).isEqualTo(404);

    String valid = builtInSource().replace("id: octoacme-standard", "id: " + id);
    WebPage published = admin.post("/processes", Map.of("source", valid));
    assertThat(published.status()).isEqualTo(302);
    assertThat(published.location()).isEqualTo("/processes/" + id + "?published=1");
    assertThat(admin.get(published.location()).body())
        .contains("Published version 1")
        .contains("data-testid=\"process-flow\"");
  }

  @Test
  void onlyTheAdminSeesTheUploadFormAndAForgedUploadIsRefused() {
    Team t = team();
    WebSession qa = signIn(t.usernames.get("qa-lead"));
    assertThat(qa.get("/processes").body()).doesNotContain("process-upload");

    String id = "forged-" + UUID.randomUUID().toString().substring(0, 8);
    WebPage forged =
        qa.post(
            "/processes",
            Map.of("source", builtInSource().replace("id: octoacme-standard", "id: " + id)));
    assertThat(forged.status()).isEqualTo(403);
    assertThat(forged.element("div", "class=\"refusal\"")).contains("system administrator");
    assertThat(forged.body()).doesNotContain("process-upload");
    assertThat(admin.get("/api/v1/processes/" + id).status()).isEqualTo(404);
  }

  // ------------------------------------------------------------------ the cast and the story

  /** A released 0.1.0, then 0.2.0 whose production deployment fails: an incident opens. */
  private String failedProductionDeployment(Team t) {
    String good = ReleaseDriver.plan(t, "minor");
    ReleaseDriver.release(t, good);
    String bad = ReleaseDriver.plan(t, "minor");
    ReleaseDriver.prepare(t, bad);
    ReleaseDriver.go(t, bad);
    JsonNode failed =
        ok(t.devops.post(
                path(bad) + "/steps/deploy-production/complete",
                Map.of("outcome", "failed", "note", "migration timed out")))
            .json();
    return failed.path("incidents").get(0).asString();
  }

  private String releaseOf(Team t, String incident) {
    return t.rm.get("/api/v1/incidents/" + incident).text("release");
  }

  private String stepStatus(Team t, String incident, String step) {
    return t.rm
        .get("/api/v1/incidents/" + incident)
        .json()
        .path("steps")
        .valueStream()
        .filter(s -> s.path("key").asString().equals(step))
        .findFirst()
        .orElseThrow()
        .path("status")
        .asString();
  }

  private String environments(Team t) {
    return t.rm.get("/api/v1/products/" + t.product).json().path("environments").toString();
  }

  private JsonNode production(Team t) {
    return t.rm
        .get("/api/v1/products/" + t.product)
        .json()
        .path("environments")
        .valueStream()
        .filter(e -> e.path("name").asString().equals("production"))
        .findFirst()
        .orElseThrow();
  }

  private String builtInSource() {
    try (var in =
        io.tollgate.process.ProcessDefinition.class.getResourceAsStream("octoacme-standard.yaml")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  // ------------------------------------------------------------------ a browser without a browser

  private WebSession signIn(String username) {
    if (!username.equals("admin")) {
      assertThat(
              admin
                  .put("/api/v1/users/" + username + "/password", Map.of("password", PASSWORD))
                  .status())
          .isEqualTo(204);
    }
    WebSession browser = new WebSession(port);
    assertThat(browser.signIn(username, PASSWORD)).as("sign in as " + username).isTrue();
    // signing in issues a new CSRF token; a fresh page carries it
    assertThat(browser.get("/processes").status()).isEqualTo(200);
    return browser;
  }

  /** The newest version number a process page names. */
  private static int versionCount(WebPage page) {
    Matcher m = Pattern.compile("version (\\d+)</strong>").matcher(page.body());
    assertThat(m.find()).isTrue();
    return Integer.parseInt(m.group(1));
  }
}
