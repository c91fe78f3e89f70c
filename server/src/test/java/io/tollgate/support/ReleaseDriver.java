package io.tollgate.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

/**
 * Drives a release through the built-in process, each role acting as itself, asserting each call.
 */
public final class ReleaseDriver {
  private ReleaseDriver() {}

  public static String plan(Team t, String type) {
    Api.Response r = t.rm.post("/api/v1/products/" + t.product + "/releases", Map.of("type", type));
    assertThat(r.status()).as(r.toString()).isEqualTo(201);
    return r.text("id");
  }

  /** Plans a minor release with this window ({@code null}: that end not given). */
  public static String plan(Team t, java.time.Instant start, java.time.Instant end) {
    Map<String, Object> window = new java.util.LinkedHashMap<>();
    window.put("start", start == null ? null : start.toString());
    window.put("end", end == null ? null : end.toString());
    Api.Response r =
        t.rm.post(
            "/api/v1/products/" + t.product + "/releases",
            Map.of("type", "minor", "window", window));
    assertThat(r.status()).as(r.toString()).isEqualTo(201);
    return r.text("id");
  }

  public static Api.Response ok(Api.Response r) {
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    return r;
  }

  public static String path(String id) {
    return "/api/v1/releases/" + id;
  }

  /** Meets every requirement and completes every step before the decision. */
  public static Api.Response prepare(Team t, String id) {
    String r = path(id);
    ok(
        t.rm.put(
            r + "/notes",
            Map.of(
                "summary",
                "Faster checkout",
                "notableChanges",
                List.of("One-page checkout"),
                "migrationSteps",
                List.of("Run the 2.0 migration"))));
    ok(t.qa.put(r + "/notes", Map.of("knownIssues", List.of("None known"))));
    ok(
        t.qa.post(
            r + "/requirements/acceptance-criteria/meet",
            evidence("https://tracker.example/epic/1")));
    ok(
        t.devops.post(
            r + "/requirements/ci-security/meet", evidence("https://ci.example/builds/7")));
    ok(t.rm.post(r + "/requirements/release-notes/meet", Map.of()));
    ok(
        t.devops.post(
            r + "/requirements/rollback-plan/meet", evidence("https://wiki.example/rollback")));
    ok(
        t.rm.post(
            r + "/requirements/support-trained/meet",
            Map.of("evidence", Map.of("note", "session held"))));
    ok(
        t.support.post(
            r + "/requirements/support-trained/meet",
            Map.of("evidence", Map.of("note", "attended"))));
    ok(t.rm.post(r + "/steps/schedule-window/complete", Map.of("note", "Tuesday 10:00")));
    ok(t.devops.post(r + "/steps/backup/complete", Map.of("note", "snapshot db-2026-11-26")));
    ok(t.qa.post(r + "/steps/quality-gate/complete", Map.of("note", "signed off")));
    ok(t.devops.post(r + "/steps/deploy-staging/complete", Map.of("outcome", "succeeded")));
    return ok(t.qa.post(r + "/steps/smoke-staging/complete", Map.of("outcome", "succeeded")));
  }

  public static Api.Response go(Team t, String id) {
    return ok(
        t.rm.post(path(id) + "/decision", Map.of("decision", "go", "rationale", "all gates met")));
  }

  /** Prepares, decides go and deploys to production successfully with verification. */
  public static void release(Team t, String id) {
    prepare(t, id);
    go(t, id);
    ok(
        t.devops.post(
            path(id) + "/steps/deploy-production/complete", Map.of("outcome", "succeeded")));
    ok(
        t.devops.post(
            path(id) + "/steps/verify-production/complete", Map.of("outcome", "succeeded")));
  }

  public static Map<String, Object> evidence(String url) {
    return Map.of("evidence", Map.of("url", url));
  }
}
