package io.tollgate.release;

import static io.tollgate.support.ReleaseDriver.evidence;
import static io.tollgate.support.ReleaseDriver.ok;
import static io.tollgate.support.ReleaseDriver.path;
import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.support.Api;
import io.tollgate.support.IntegrationTest;
import io.tollgate.support.ReleaseDriver;
import io.tollgate.support.Team;
import io.tollgate.support.WebPage;
import io.tollgate.support.WebSession;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Approval policies over HTTP, on the shipped strict process (a QA lead and a DevOps engineer
 * approve a minor release): go is refused with {@code approval} blockers until the quorum is met;
 * {@code POST /releases/{id}/approvals} answers 201 with the release; the requester and people
 * without a role asked for get 403, a second approval by the same person 409; the decision keeps
 * the approvals; the release page shows who approved and who is still needed.
 */
class ApprovalsIntegrationTests extends IntegrationTest {

  @Test
  void goWaitsForTheApprovalsAndTheDecisionKeepsThem() {
    Team t = team("octoacme-strict");
    Api qa2 = t.person("qa2-" + t.product, List.of("qa-lead"));
    String id = ReleaseDriver.plan(t, "minor");
    prepare(t, qa2, id);
    String r = path(id);

    JsonNode before = ok(t.rm.get(r)).json();
    assertThat(before.path("status").asString()).isEqualTo("preparing");
    assertThat(
            before
                .path("approvals")
                .path("required")
                .valueStream()
                .map(n -> n.path("role").asString()))
        .containsExactly("qa-lead", "devops");
    Api.Response refused =
        t.rm.post(r + "/decision", Map.of("decision", "go", "rationale", "all green"));
    assertThat(refused.status()).as(refused.toString()).isEqualTo(409);
    assertThat(
            refused
                .json()
                .path("blockers")
                .valueStream()
                .map(b -> b.path("kind").asString() + ":" + b.path("key").asString()))
        .containsExactly("approval:qa-lead", "approval:devops");

    Api.Response approved = qa2.post(r + "/approvals", Map.of("comment", "staging looks right"));
    assertThat(approved.status()).as(approved.toString()).isEqualTo(201);
    assertThat(approved.headers().firstValue("Location")).hasValue("/api/v1/releases/" + id);
    assertThat(approved.headers().firstValue("ETag")).isPresent();
    JsonNode given = approved.json().path("approvals").path("given").get(0);
    assertThat(given.path("role").asString()).isEqualTo("qa-lead");
    assertThat(given.path("by").asString()).isEqualTo("qa2-" + t.product);
    assertThat(given.path("comment").asString()).isEqualTo("staging looks right");
    assertThat(approved.json().path("goBlockers").valueStream().map(b -> b.path("key").asString()))
        .containsExactly("devops");

    Api.Response again = qa2.post(r + "/approvals", Map.of());
    assertThat(again.status()).as(again.toString()).isEqualTo(409);
    assertThat(again.contentType()).startsWith("application/problem+json");
    assertThat(again.text("detail")).startsWith("You already approved this release as qa-lead");

    assertThat(t.devops.post(r + "/approvals", Map.of()).status()).isEqualTo(201);
    JsonNode decided =
        ok(t.rm.post(r + "/decision", Map.of("decision", "go", "rationale", "approved"))).json();
    assertThat(decided.path("status").asString()).isEqualTo("approved");
    assertThat(
            decided
                .path("decision")
                .path("snapshot")
                .path("approvals")
                .valueStream()
                .map(a -> a.path("role").asString() + "=" + a.path("by").asString()))
        .containsExactly("qa-lead=qa2-" + t.product, "devops=" + t.usernames.get("devops"));
    assertThat(decided.path("approvals").path("given")).isEmpty();

    List<JsonNode> audit = ok(t.rm.get(r + "/audit")).json().valueStream().toList();
    assertThat(audit.stream().map(e -> e.path("action").asString()))
        .containsSubsequence("approval.given", "approval.given", "decision.recorded");
  }

  @Test
  void theRequesterAndPeopleWithoutARoleAskedForAreRefused() {
    Team t = team("octoacme-strict");
    Api rmQa = t.person("rmqa-" + t.product, List.of("release-manager", "qa-lead"));
    Api.Response planned =
        rmQa.post("/api/v1/products/" + t.product + "/releases", Map.of("type", "minor"));
    assertThat(planned.status()).as(planned.toString()).isEqualTo(201);
    String r = path(planned.text("id"));

    Api.Response requester = rmQa.post(r + "/approvals", Map.of());
    assertThat(requester.status()).as(requester.toString()).isEqualTo(403);
    assertThat(requester.text("detail"))
        .isEqualTo(
            "You requested this release (you planned it); its approvals must come from other"
                + " people.");
    assertThat(t.developer.post(r + "/approvals", Map.of()).status())
        .as("developers approve only major releases")
        .isEqualTo(403);
    assertThat(t.qa.post(r + "/approvals", Map.of("role", "support")).status()).isEqualTo(422);
    assertThat(t.qa.post(r + "/approvals", Map.of("role", "devops")).status()).isEqualTo(403);
    assertThat(t.qa.post(r + "/approvals", Map.of("role", "qa-lead")).status()).isEqualTo(201);
  }

  @Test
  void aProcessWithoutApprovalsAsksForNone() {
    Team t = team();
    String id = ReleaseDriver.plan(t, "minor");
    Api.Response none = t.qa.post(path(id) + "/approvals", Map.of());
    assertThat(none.status()).as(none.toString()).isEqualTo(409);
    assertThat(none.text("detail")).contains("needs no approvals");
    assertThat(ok(t.rm.get(path(id))).json().path("approvals").path("required")).isEmpty();
  }

  @Test
  void theGoNoGoPanelShowsWhoApprovedAndWhoIsStillNeeded() {
    Team t = team("octoacme-strict");
    String id = ReleaseDriver.plan(t, "minor");
    WebSession qa = signIn(t.usernames.get("qa-lead"));
    WebPage page = qa.get("/releases/" + id);
    assertThat(page.status()).isEqualTo(200);
    String panel = page.element("div", "data-testid=\"approvals\"");
    assertThat(panel)
        .contains("QA Lead")
        .contains("DevOps Engineer")
        .contains("0 of 1")
        .contains(t.usernames.get("devops") + " can approve")
        .contains("Approve as qa-lead");

    WebPage after = qa.post("/releases/" + id + "/approvals", "role", "qa-lead", "comment", "ok");
    assertThat(after.status()).isEqualTo(302);
    String approved = qa.get("/releases/" + id).element("div", "data-testid=\"approvals\"");
    assertThat(approved).contains("approved by").contains(t.usernames.get("qa-lead"));
    assertThat(approved).doesNotContain("Approve as qa-lead");
    assertThat(approved).contains("You already approved this release as qa-lead");

    WebSession rm = signIn(t.usernames.get("release-manager"));
    String forRm = rm.get("/releases/" + id).element("div", "data-testid=\"approvals\"");
    assertThat(forRm).contains("1 of 1").doesNotContain("Approve as");
    assertThat(forRm)
        .as("the requester is told why they may not approve, if they hold a role asked for")
        .doesNotContain("You requested this release");
  }

  @Test
  void onceGoStandsThePanelSaysWhichApprovalsItWasDecidedWith() {
    Team t = team("octoacme-strict");
    Api qa2 = t.person("qa2-" + t.product, List.of("qa-lead"));
    String id = ReleaseDriver.plan(t, "minor");
    prepare(t, qa2, id);
    assertThat(qa2.post(path(id) + "/approvals", Map.of()).status()).isEqualTo(201);
    assertThat(t.devops.post(path(id) + "/approvals", Map.of()).status()).isEqualTo(201);
    ok(t.rm.post(path(id) + "/decision", Map.of("decision", "go", "rationale", "approved")));
    String panel =
        signIn(t.usernames.get("release-manager"))
            .get("/releases/" + id)
            .element("div", "data-testid=\"approvals\"");
    assertThat(panel)
        .contains(
            "Go was decided with the approvals of qa2-"
                + t.product
                + " as qa-lead, "
                + t.usernames.get("devops")
                + " as devops.")
        .doesNotContain("still needed");
  }

  private WebSession signIn(String username) {
    String password = "approvals test password";
    assertThat(
            admin
                .put("/api/v1/users/" + username + "/password", Map.of("password", password))
                .status())
        .isEqualTo(204);
    WebSession browser = new WebSession(port);
    assertThat(browser.signIn(username, password)).isTrue();
    return browser;
  }

  /** Everything before the decision done on the strict process, a second QA lead accepting. */
  private static void prepare(Team t, Api qa2, String id) {
    String r = path(id);
    ok(
        t.rm.put(
            r + "/notes",
            Map.of("summary", "Faster checkout", "notableChanges", List.of("One-page checkout"))));
    ok(
        qa2.post(
            r + "/requirements/acceptance-criteria/meet",
            evidence("https://tracker.example/epic/1")));
    ok(t.devops.post(r + "/requirements/ci-security/meet", evidence("https://ci.example/b/7")));
    ok(t.rm.post(r + "/requirements/release-notes/meet", Map.of()));
    ok(t.devops.post(r + "/requirements/rollback-plan/meet", evidence("https://wiki.example/rb")));
    ok(
        t.rm.post(
            r + "/requirements/support-trained/meet", Map.of("evidence", Map.of("note", "held"))));
    ok(
        t.support.post(
            r + "/requirements/support-trained/meet",
            Map.of("evidence", Map.of("note", "attended"))));
    ok(t.rm.post(r + "/steps/schedule-window/complete", Map.of("note", "Tuesday 10:00")));
    ok(t.devops.post(r + "/steps/backup/complete", Map.of("note", "snapshot")));
    ok(t.qa.post(r + "/steps/quality-gate/complete", Map.of("note", "signed off")));
    ok(t.devops.post(r + "/steps/deploy-staging/complete", Map.of("outcome", "succeeded")));
    ok(t.qa.post(r + "/steps/smoke-staging/complete", Map.of("outcome", "succeeded")));
  }
}
