package io.tollgate.integration;

import static io.tollgate.support.ReleaseDriver.ok;
import static io.tollgate.support.ReleaseDriver.path;
import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.support.Api;
import io.tollgate.support.IntegrationTest;
import io.tollgate.support.ReleaseDriver;
import io.tollgate.support.Team;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A go decision stands on the commit it was made on: commits pushed after it, or a CI run failing
 * on that commit, make it stale; production is refused with a blocker until the release manager
 * decides again, and the stale decision stays in the history.
 */
class StaleDecisionIntegrationTests extends IntegrationTest {
  static final String SECRET = "stale decision secret";
  static final String FIRST = "1111111111111111111111111111111111111111";
  private static final JsonMapper JSON = JsonMapper.builder().build();

  @Test
  void aPushAfterGoMakesTheDecisionStaleAndProductionWaitsForANewOne() {
    Team t = team();
    connect(t, "baxterthehacker/public-repo");
    String id = planOn(t, FIRST, "changes");
    ReleaseDriver.prepare(t, id);
    JsonNode go = ReleaseDriver.go(t, id).json().path("decision");
    assertThat(go.path("commit").asString()).isEqualTo(FIRST);
    assertThat(go.path("stale").asBoolean()).isFalse();

    byte[] push = GithubSignatureTests.bytes("octokit-webhooksjs-push-payload.json");
    assertThat(deliver(t, "push", push)).isEqualTo(202);

    JsonNode release = ok(t.rm.get(path(id))).json();
    JsonNode decision = release.path("decision");
    assertThat(decision.path("stale").asBoolean()).isTrue();
    assertThat(decision.path("staleBecause").asString()).contains("pushed").contains("changes");
    assertThat(release.path("commit").asString())
        .isEqualTo("0d1a26e67d8f5eaf1f6ba5c57fc3c7d91ac0fd1c");

    Api.Response refused =
        t.devops.post(
            path(id) + "/steps/deploy-production/complete", Map.of("outcome", "succeeded"));
    assertThat(refused.status()).isEqualTo(409);
    assertThat(refused.json().path("blockers").toString()).contains("stale");

    ok(
        t.rm.post(
            path(id) + "/decision",
            Map.of("decision", "go", "rationale", "re-checked the pushed commit")));
    ok(
        t.devops.post(
            path(id) + "/steps/deploy-production/complete", Map.of("outcome", "succeeded")));
    JsonNode after = ok(t.rm.get(path(id))).json();
    assertThat(after.path("decisions").size()).as("the stale decision stays").isEqualTo(2);
    assertThat(after.path("decisions").get(0).path("stale").asBoolean()).isTrue();
    assertThat(after.path("decisions").get(1).path("stale").asBoolean()).isFalse();
    assertThat(after.path("decisions").get(1).path("commit").asString())
        .isEqualTo("0d1a26e67d8f5eaf1f6ba5c57fc3c7d91ac0fd1c");
    JsonNode audit = ok(t.rm.get(path(id) + "/audit")).json();
    assertThat(audit.toString()).contains("decision.went-stale");
  }

  @Test
  void aFailingCiRunOnTheDecidedCommitMakesTheGoStale() {
    Team t = team();
    connect(t, "Codertocat/Hello-World");
    String sha = "ec26c3e57ca3a959ca5aad62de7213c562f8c821";
    String id = planOn(t, sha, "main");
    ReleaseDriver.prepare(t, id);
    ReleaseDriver.go(t, id);
    ObjectNode failed =
        (ObjectNode)
            JSON.readTree(
                GithubWebhookIntegrationTests.example("check_suite_completed.payload.json"));
    ((ObjectNode) failed.path("check_suite")).put("conclusion", "failure");
    assertThat(deliver(t, "check_suite", JSON.writeValueAsBytes(failed))).isEqualTo(202);
    JsonNode decision = ok(t.rm.get(path(id))).json().path("decision");
    assertThat(decision.path("stale").asBoolean()).isTrue();
    assertThat(decision.path("staleBecause").asString()).contains("failed");
    assertThat(
            t.devops
                .post(
                    path(id) + "/steps/deploy-production/complete", Map.of("outcome", "succeeded"))
                .status())
        .isEqualTo(409);
  }

  @Test
  void theReleaseManagerNamesTheSourceAndANewCommitAfterGoIsStaleToo() {
    Team t = team();
    String id = planOn(t, null, null);
    Api.Response byDev =
        t.developer.call(
            "PATCH", path(id), "application/json", null, "{\"commit\":\"" + FIRST + "\"}");
    assertThat(byDev.status()).isEqualTo(403);
    Api.Response bad =
        t.rm.call("PATCH", path(id), "application/json", null, "{\"commit\":\"not-a-sha\"}");
    assertThat(bad.status()).isEqualTo(422);
    Api.Response named =
        t.rm.call(
            "PATCH",
            path(id),
            "application/json",
            null,
            "{\"commit\":\"" + FIRST + "\",\"ref\":\"main\"}");
    assertThat(named.status()).as(named.toString()).isEqualTo(200);
    assertThat(named.json().path("commit").asString()).isEqualTo(FIRST);
    assertThat(named.json().path("ref").asString()).isEqualTo("main");
    ReleaseDriver.prepare(t, id);
    ReleaseDriver.go(t, id);
    Api.Response moved =
        t.rm.call(
            "PATCH",
            path(id),
            "application/json",
            null,
            "{\"commit\":\"2222222222222222222222222222222222222222\"}");
    assertThat(moved.status()).isEqualTo(200);
    assertThat(moved.json().path("ref").asString()).as("a part left out stays").isEqualTo("main");
    assertThat(moved.json().path("decision").path("stale").asBoolean()).isTrue();
  }

  private static String planOn(Team t, String commit, String ref) {
    Map<String, Object> body = new java.util.LinkedHashMap<>();
    body.put("type", "minor");
    if (commit != null) body.put("commit", commit);
    if (ref != null) body.put("ref", ref);
    Api.Response r = t.rm.post("/api/v1/products/" + t.product + "/releases", body);
    assertThat(r.status()).as(r.toString()).isEqualTo(201);
    return r.text("id");
  }

  private void connect(Team t, String repository) {
    ok(
        t.devops.put(
            "/api/v1/products/" + t.product + "/integrations/github",
            Map.of("repository", repository, "secret", SECRET)));
  }

  private int deliver(Team t, String event, byte[] body) {
    try {
      HttpResponse<String> r =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(
                          URI.create(
                              "http://127.0.0.1:" + port + "/api/v1/hooks/github/" + t.product))
                      .timeout(Duration.ofSeconds(30))
                      .header("Content-Type", "application/json")
                      .header("X-GitHub-Event", event)
                      .header("X-GitHub-Delivery", UUID.randomUUID().toString())
                      .header("X-Hub-Signature-256", GithubSignature.sign(SECRET, body))
                      .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).as(r.body()).isLessThan(300);
      return r.statusCode();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
