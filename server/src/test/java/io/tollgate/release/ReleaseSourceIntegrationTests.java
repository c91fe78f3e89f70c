package io.tollgate.release;

import static io.tollgate.support.ReleaseDriver.ok;
import static io.tollgate.support.ReleaseDriver.path;
import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.support.Api;
import io.tollgate.support.IntegrationTest;
import io.tollgate.support.ReleaseDriver;
import io.tollgate.support.Team;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A release names what it is built from (commit, ref) when planned or later by PATCH; a go records
 * the commit it was made on, and a new commit after go makes it stale: production waits for a new
 * decision, and the stale one stays in the history.
 */
class ReleaseSourceIntegrationTests extends IntegrationTest {
  static final String FIRST = "1111111111111111111111111111111111111111";
  static final String SECOND = "2222222222222222222222222222222222222222";

  @Test
  void plannedWithACommitAndRefAndChangedByTheReleaseManagerOnly() {
    Team t = team();
    Api.Response planned =
        t.rm.post(
            "/api/v1/products/" + t.product + "/releases",
            Map.of("type", "minor", "commit", FIRST.toUpperCase(), "ref", "release/1.0"));
    assertThat(planned.status()).as(planned.toString()).isEqualTo(201);
    assertThat(planned.text("commit")).as("stored in lower case").isEqualTo(FIRST);
    assertThat(planned.text("ref")).isEqualTo("release/1.0");
    String id = planned.text("id");

    assertThat(patch(t.developer, id, "{\"commit\":\"" + SECOND + "\"}").status()).isEqualTo(403);
    Api.Response bad = patch(t.rm, id, "{\"commit\":\"not-a-sha\"}");
    assertThat(bad.status()).isEqualTo(422);
    assertThat(bad.text("field")).isEqualTo("commit");
    assertThat(patch(t.rm, id, "{\"ref\":\"bad..ref\"}").status()).isEqualTo(422);
    assertThat(patch(t.rm, id, "{}").status()).isEqualTo(400);
    Api.Response moved = patch(t.rm, id, "{\"commit\":\"" + SECOND + "\"}");
    assertThat(moved.status()).as(moved.toString()).isEqualTo(200);
    assertThat(moved.text("commit")).isEqualTo(SECOND);
    assertThat(moved.text("ref")).as("a part left out stays").isEqualTo("release/1.0");
    assertThat(ok(t.rm.get(path(id) + "/audit")).body()).contains("release.source-changed");
    Api.Response invalid =
        t.rm.post(
            "/api/v1/products/" + t.product + "/releases",
            Map.of("type", "minor", "commit", "xyz"));
    assertThat(invalid.status()).isEqualTo(422);
  }

  @Test
  void aNewCommitAfterGoMakesItStaleAndProductionWaitsForANewDecision() {
    Team t = team();
    String id =
        t.rm
            .post(
                "/api/v1/products/" + t.product + "/releases",
                Map.of("type", "minor", "commit", FIRST, "ref", "main"))
            .text("id");
    ReleaseDriver.prepare(t, id);
    JsonNode go = ReleaseDriver.go(t, id).json().path("decision");
    assertThat(go.path("commit").asString()).isEqualTo(FIRST);
    assertThat(go.path("stale").asBoolean()).isFalse();

    JsonNode after = patch(t.rm, id, "{\"commit\":\"" + SECOND + "\"}").json();
    assertThat(after.path("decision").path("stale").asBoolean()).isTrue();
    assertThat(after.path("decision").path("staleBecause").asString()).contains("2222222");

    Api.Response refused =
        t.devops.post(
            path(id) + "/steps/deploy-production/complete", Map.of("outcome", "succeeded"));
    assertThat(refused.status()).isEqualTo(409);
    assertThat(refused.json().path("blockers").get(0).path("kind").asString())
        .isEqualTo("decision");
    assertThat(refused.json().path("blockers").get(0).path("title").asString()).contains("stale");

    ok(
        t.rm.post(
            path(id) + "/decision",
            Map.of("decision", "go", "rationale", "checked the new commit")));
    ok(
        t.devops.post(
            path(id) + "/steps/deploy-production/complete", Map.of("outcome", "succeeded")));
    JsonNode released = ok(t.rm.get(path(id))).json();
    assertThat(released.path("decisions").size()).as("the stale decision stays").isEqualTo(2);
    assertThat(released.path("decisions").get(0).path("stale").asBoolean()).isTrue();
    assertThat(released.path("decisions").get(1).path("stale").asBoolean()).isFalse();
    assertThat(released.path("decisions").get(1).path("commit").asString()).isEqualTo(SECOND);
    assertThat(ok(t.rm.get(path(id) + "/audit")).body()).contains("decision.went-stale");
    assertThat(patch(t.rm, id, "{\"commit\":\"" + FIRST + "\"}").status())
        .as("not after production")
        .isEqualTo(409);
  }

  private static Api.Response patch(Api api, String id, String json) {
    return api.call("PATCH", path(id), "application/json", null, json);
  }
}
