package io.tollgate.changes;

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

/** A release's commits through HTTP: added, grouped, suggested, used as notes, and warned about. */
class ChangesIntegrationTests extends IntegrationTest {

  static Map<String, Object> commit(String sha, String message) {
    return Map.of(
        "sha", sha, "message", message, "author", "ana", "url", "https://git.example/c/" + sha);
  }

  @Test
  void commitsAreGroupedAndSuggestAMajorReleaseWithAMigrationStep() {
    Team t = team();
    ReleaseDriver.release(t, ReleaseDriver.plan(t, "major")); // 1.0.0 comes before
    String id = ReleaseDriver.plan(t, "minor");
    Api.Response added =
        t.developer.post(
            path(id) + "/changes",
            Map.of(
                "commits",
                List.of(
                    commit("aaaaaaa1", "feat(cart): one-page checkout"),
                    commit("aaaaaaa2", "fix: rounding of totals"),
                    commit(
                        "aaaaaaa3",
                        "feat(api)!: drop v1 endpoints\n\nBREAKING CHANGE: clients call /v2"),
                    commit("aaaaaaa4", "Update README.md"))));
    assertThat(added.status()).as(added.toString()).isEqualTo(200);
    JsonNode c = added.json();
    assertThat(c.path("commits").size()).isEqualTo(4);
    assertThat(c.path("commits").get(3).path("group").asString()).isEqualTo("other");
    assertThat(c.path("commits").get(3).path("conventional").asBoolean()).isFalse();
    assertThat(c.path("groups").get(0).path("key").asString()).isEqualTo("breaking");
    JsonNode suggested = c.path("suggested");
    assertThat(suggested.path("type").asString()).isEqualTo("major");
    assertThat(suggested.path("version").asString()).isEqualTo("2.0.0");
    assertThat(suggested.path("migrationSteps").get(0).asString()).isEqualTo("clients call /v2");
    assertThat(suggested.path("notableChanges").toString())
        .contains("api: drop v1 endpoints", "cart: one-page checkout", "rounding of totals");
    assertThat(c.path("warnings").get(0).asString()).contains("breaking change").contains("minor");

    Api.Response again =
        t.rm.post(path(id) + "/changes", Map.of("commits", List.of(commit("aaaaaaa1", "feat: x"))));
    assertThat(again.json().path("commits").size()).as("known commits are skipped").isEqualTo(4);
    assertThat(ok(t.qa.get(path(id) + "/changes")).json().path("commits").size()).isEqualTo(4);
    assertThat(ok(t.rm.get(path(id) + "/audit")).body()).contains("changes.added");
  }

  @Test
  void onlyTheReleaseManagerOrADeveloperAddsAndBadCommitsAreRefused() {
    Team t = team();
    String id = ReleaseDriver.plan(t, "patch");
    Map<String, Object> one = Map.of("commits", List.of(commit("bbbbbbb1", "fix: x")));
    assertThat(t.qa.post(path(id) + "/changes", one).status()).isEqualTo(403);
    assertThat(t.rm.post(path(id) + "/changes", Map.of("commits", List.of())).status())
        .isEqualTo(422);
    Api.Response badSha =
        t.rm.post(
            path(id) + "/changes", Map.of("commits", List.of(Map.of("sha", "zz", "message", "x"))));
    assertThat(badSha.status()).isEqualTo(422);
    assertThat(badSha.text("field")).isEqualTo("commits[0].sha");
    Api.Response noMessage =
        t.rm.post(path(id) + "/changes", Map.of("commits", List.of(Map.of("sha", "bbbbbbb2"))));
    assertThat(noMessage.status()).isEqualTo(400);
    Api.Response outsider = admin.as(null).get(path(id) + "/changes");
    assertThat(outsider.status()).isEqualTo(401);
  }

  @Test
  void theReleasePageShowsTheGroupsAndTheReleaseManagerUsesTheSuggestions() {
    Team t = team();
    String id = ReleaseDriver.plan(t, "patch");
    ok(
        t.rm.post(
            path(id) + "/changes",
            Map.of(
                "commits",
                List.of(
                    commit("ccccccc1", "feat: gift cards"),
                    commit(
                        "ccccccc2",
                        "fix!: totals in cents\n\nBREAKING CHANGE: amounts are in cents")))));
    String rm = t.usernames.get("release-manager");
    assertThat(
            admin
                .put(
                    "/api/v1/users/" + rm + "/password",
                    Map.of("password", "changes page password"))
                .status())
        .isEqualTo(204);
    WebSession web = new WebSession(port);
    assertThat(web.signIn(rm, "changes page password")).isTrue();
    WebPage panel = web.get("/releases/" + id + "/changes-panel");
    assertThat(panel.status()).isEqualTo(200);
    assertThat(panel.body())
        .contains("data-group=\"breaking\"")
        .contains("data-group=\"features\"")
        .contains("gift cards")
        .contains("Use as notable changes")
        .contains("Use as migration steps")
        .contains("a new feature is a minor release");
    assertThat(web.get("/releases/" + id + "/changes/warnings").body())
        .contains("breaking change")
        .contains("patch release");
    assertThat(web.get("/releases/" + id).body()).contains("/changes-panel");
    web.get("/releases/" + id);
    WebPage used = web.post("/releases/" + id + "/changes/use", "field", "migrationSteps");
    assertThat(used.status()).isEqualTo(302);
    JsonNode notes = ok(t.rm.get(path(id))).json().path("notes");
    assertThat(notes.path("migrationSteps").get(0).asString()).isEqualTo("amounts are in cents");
    web.post("/releases/" + id + "/changes/use", "field", "notableChanges");
    assertThat(ok(t.rm.get(path(id))).json().path("notes").path("notableChanges").size())
        .isEqualTo(2);

    String qa = t.usernames.get("qa-lead");
    admin.put("/api/v1/users/" + qa + "/password", Map.of("password", "changes page password"));
    WebSession qaWeb = new WebSession(port);
    assertThat(qaWeb.signIn(qa, "changes page password")).isTrue();
    assertThat(qaWeb.get("/releases/" + id + "/changes-panel").body())
        .as("the suggestions are the release manager's to use")
        .doesNotContain("Use as notable changes");
  }
}
