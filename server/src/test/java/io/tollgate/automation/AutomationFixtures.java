package io.tollgate.automation;

import static io.tollgate.support.ReleaseDriver.evidence;
import static io.tollgate.support.ReleaseDriver.ok;
import static io.tollgate.support.ReleaseDriver.path;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tollgate.support.Api;
import io.tollgate.support.ReleaseDriver;
import io.tollgate.support.Team;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;

/** Shared moves of the automation tests: reach a deploy step, read a step, wait for a state. */
final class AutomationFixtures {
  private AutomationFixtures() {}

  /** Plans a release and does everything before {@code deploy-staging}. */
  static String readyForStaging(Team t) {
    String id = ReleaseDriver.plan(t, "minor");
    String r = path(id);
    ok(t.rm.post(r + "/steps/schedule-window/complete", Map.of("note", "Tuesday")));
    ok(t.devops.post(r + "/steps/backup/complete", Map.of("note", "snapshot")));
    ok(t.qa.post(r + "/steps/quality-gate/complete", Map.of("note", "signed off")));
    return id;
  }

  /** Plans a release, prepares it by hand and decides go: ready for {@code deploy-production}. */
  static String readyForProduction(Team t) {
    String id = ReleaseDriver.plan(t, "minor");
    ReleaseDriver.prepare(t, id);
    ReleaseDriver.go(t, id);
    ok(t.devops.post(path(id) + "/handoffs/rm-to-devops/acknowledge"));
    return id;
  }

  static Map<String, Object> webhook(String url, String secret) {
    return Map.of("executor", Map.of("kind", "webhook", "url", url, "secret", secret));
  }

  static Map<String, Object> webhook(String url, String secret, int timeoutSeconds) {
    return Map.of(
        "executor",
        Map.of("kind", "webhook", "url", url, "secret", secret, "timeoutSeconds", timeoutSeconds));
  }

  static Map<String, Object> command(List<String> argv, int timeoutSeconds) {
    return Map.of(
        "executor", Map.of("kind", "command", "command", argv, "timeoutSeconds", timeoutSeconds));
  }

  static void configure(Api who, Team t, String env, Map<String, Object> body) {
    Api.Response r =
        who.put("/api/v1/products/" + t.product + "/environments/" + env + "/automation", body);
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
  }

  static JsonNode step(Api who, String release, String key) {
    JsonNode steps = ok(who.get(path(release))).json().path("steps");
    return steps
        .valueStream()
        .filter(s -> key.equals(s.path("key").asString()))
        .findFirst()
        .orElseThrow();
  }

  /** Starts a step; answers the deployment's id. */
  static String start(Api who, String release, String step) {
    Api.Response r = who.post(path(release) + "/steps/" + step + "/start");
    assertThat(r.status()).as(r.toString()).isEqualTo(202);
    return r.json().path("deployment").path("id").asString();
  }

  static JsonNode deployment(Api who, String id) {
    return ok(who.get("/api/v1/deployments/" + id)).json();
  }

  static JsonNode awaitDeployment(Api who, String id, Predicate<JsonNode> until) {
    return await()
        .atMost(Duration.ofSeconds(20))
        .pollInterval(Duration.ofMillis(50))
        .until(() -> deployment(who, id), until);
  }

  static JsonNode awaitStep(Api who, String release, String key, String status) {
    return await()
        .atMost(Duration.ofSeconds(20))
        .pollInterval(Duration.ofMillis(50))
        .until(() -> step(who, release, key), s -> status.equals(s.path("status").asString()));
  }

  static List<String> lines(JsonNode deployment) {
    return deployment.path("log").valueStream().map(l -> l.path("line").asString()).toList();
  }

  static Map<String, Object> meetEvidence(String url) {
    return evidence(url);
  }
}
