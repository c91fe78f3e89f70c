package io.tollgate.release;

import static io.tollgate.support.ReleaseDriver.ok;
import static io.tollgate.support.ReleaseDriver.path;
import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.support.Api;
import io.tollgate.support.IntegrationTest;
import io.tollgate.support.ReleaseDriver;
import io.tollgate.support.Team;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Every refusal of the contract: status, problem details, and nothing changed. */
class RefusalsIntegrationTests extends IntegrationTest {

  @Test
  void malformedJsonIs400AndChangesNothing() {
    Team t = team();
    String id = ReleaseDriver.plan(t, "minor");
    long events = auditCount(id);
    Api.Response r =
        t.qa.raw(
            "POST",
            path(id) + "/requirements/acceptance-criteria/meet",
            "application/json",
            "{\"evidence\": ");
    assertProblem(r, 400);
    assertThat(auditCount(id)).isEqualTo(events);
    assertThat(t.qa.get(path(id)).json().path("revision").asLong()).isZero();
  }

  @Test
  void missingRequiredFieldIs400() {
    Team t = team();
    assertProblem(t.rm.post("/api/v1/products/" + t.product + "/releases", Map.of()), 400);
    String id = ReleaseDriver.plan(t, "minor");
    assertProblem(t.rm.post(path(id) + "/decision", Map.of("decision", "no-go")), 400);
    assertProblem(t.devops.post(path(id) + "/steps/backup/skip", Map.of()), 400);
    assertProblem(admin.post("/api/v1/users", Map.of("username", "nobody-name")), 400);
  }

  @Test
  void missingOrUnknownTokenIs401() {
    Api anonymous = admin.as(null);
    assertProblem(anonymous.get("/api/v1/me"), 401);
    assertProblem(admin.as("tg_not-a-real-token").get("/api/v1/me"), 401);
    assertProblem(anonymous.post("/api/v1/products", Map.of("key", "x", "name", "x")), 401);
  }

  @Test
  void wrongRoleIs403AndTheAdminHoldsNoProcessRole() {
    Team t = team();
    String id = ReleaseDriver.plan(t, "minor");
    Api.Response byDeveloper =
        t.developer.post(path(id) + "/requirements/acceptance-criteria/meet", Map.of());
    assertProblem(byDeveloper, 403);
    assertThat(byDeveloper.text("detail")).contains("qa-lead");
    assertProblem(admin.post(path(id) + "/requirements/acceptance-criteria/meet", Map.of()), 403);
    assertProblem(
        admin.post("/api/v1/products/" + t.product + "/releases", Map.of("type", "minor")), 403);
    assertProblem(
        t.qa.post("/api/v1/products/" + t.product + "/releases", Map.of("type", "minor")), 403);
    assertProblem(t.rm.post("/api/v1/users", Map.of("username", "eve", "displayName", "Eve")), 403);
    assertProblem(
        t.qa.put(path(id) + "/notes", Map.of("summary", "QA may not write the summary")), 403);
    assertProblem(
        t.rm.put(
            path(id) + "/notes", Map.of("knownIssues", List.of("RM may not write known issues"))),
        403);
    assertProblem(t.rm.get("/api/v1/audit/verify"), 403);
    Api outsider = team().rm;
    assertProblem(outsider.get(path(id)), 404);
    assertThat(auditActions(id)).containsExactly("release.planned");
  }

  @Test
  void anOutsiderLearnsNothingAboutAReleaseThroughCommands() {
    Team t = team();
    String id = ReleaseDriver.plan(t, "minor");
    ok(
        t.qa.post(
            path(id) + "/requirements/acceptance-criteria/meet",
            ReleaseDriver.evidence("https://tracker.example/1")));
    Api outsider = team().qa; // a QA lead, but of another product
    long events = auditCount(id);
    for (Api.Response r :
        List.of(
            outsider.get(path(id)),
            outsider.post(path(id) + "/requirements/acceptance-criteria/meet", Map.of()),
            outsider.post(path(id) + "/steps/no-such-step/complete", Map.of()),
            outsider.post(path(id) + "/steps/quality-gate/complete", Map.of()),
            outsider.post(path(id) + "/decision", Map.of("decision", "go", "rationale", "x")),
            outsider.put(path(id) + "/notes", Map.of("knownIssues", List.of("x"))),
            outsider.get(path(id) + "/audit"),
            outsider.get(path(id) + "/notes"))) {
      assertProblem(r, 404);
      assertThat(r.text("detail"))
          .doesNotContain("already met")
          .doesNotContain(t.usernames.get("qa-lead"))
          .doesNotContain("schedule-window")
          .isEqualTo("No release '" + id + "'.");
    }
    assertThat(auditCount(id)).isEqualTo(events);
  }

  @Test
  void unknownThingsAre404() {
    Team t = team();
    String id = ReleaseDriver.plan(t, "minor");
    assertProblem(t.rm.get("/api/v1/products/no-such-product"), 404);
    assertProblem(
        t.rm.post("/api/v1/products/no-such-product/releases", Map.of("type", "minor")), 404);
    assertProblem(t.rm.get("/api/v1/releases/00000000-0000-0000-0000-000000000000"), 404);
    assertProblem(t.rm.post(path(id) + "/steps/no-such-step/complete", Map.of()), 404);
    assertProblem(t.rm.post(path(id) + "/requirements/no-such-requirement/meet", Map.of()), 404);
    assertProblem(t.rm.post(path(id) + "/handoffs/no-such-handoff/acknowledge"), 404);
    assertProblem(t.rm.get("/api/v1/incidents/nope"), 404);
    assertProblem(admin.post("/api/v1/users/nobody-here/tokens", Map.of("name", "x")), 404);
    assertProblem(
        admin.put(
            "/api/v1/products/" + t.product + "/members/nobody-here",
            Map.of("roles", List.of("qa-lead"))),
        404);
  }

  @Test
  void wrongOrderIs409WithBlockers() {
    Team t = team();
    String id = ReleaseDriver.plan(t, "minor");
    Api.Response r =
        t.devops.post(path(id) + "/steps/deploy-staging/complete", Map.of("outcome", "succeeded"));
    assertProblem(r, 409);
    List<String> blockers =
        r.json()
            .path("blockers")
            .valueStream()
            .map(b -> b.path("kind").asString() + ":" + b.path("key").asString())
            .toList();
    assertThat(blockers).containsExactly("step:backup", "step:quality-gate");
    assertThat(r.json().path("blockers").get(0).path("title").asString()).isNotBlank();
    Api.Response go =
        t.rm.post(path(id) + "/decision", Map.of("decision", "go", "rationale", "ship it"));
    assertProblem(go, 409);
    assertThat(go.json().path("blockers")).hasSize(6 + 5);
    Api.Response production =
        t.devops.post(
            path(id) + "/steps/deploy-production/complete", Map.of("outcome", "succeeded"));
    assertProblem(production, 409);
    Api.Response notes = t.rm.post(path(id) + "/requirements/release-notes/meet", Map.of());
    assertProblem(notes, 409);
    assertThat(
            notes.json().path("blockers").valueStream().map(b -> b.path("key").asString()).toList())
        .containsExactly("summary", "notableChanges");
    assertProblem(t.rm.post(path(id) + "/handoffs/qa-to-rm/acknowledge"), 409);
    assertThat(auditActions(id)).containsExactly("release.planned");
    assertThat(t.rm.get(path(id)).json().path("revision").asLong()).isZero();
  }

  @Test
  void goIsRefusedWhileAnyRequirementIsOpen() {
    Team t = team();
    String id = ReleaseDriver.plan(t, "major");
    String r = path(id);
    ok(t.rm.put(r + "/notes", Map.of("summary", "Big one", "notableChanges", List.of("New API"))));
    Api.Response incomplete = t.rm.post(r + "/requirements/release-notes/meet", Map.of());
    assertProblem(incomplete, 409);
    assertThat(incomplete.json().path("blockers").get(0).path("key").asString())
        .isEqualTo("migrationSteps");
    ReleaseDriver.prepare(t, id);
    ok(t.rm.post(r + "/handoffs/qa-to-rm/acknowledge"));
    assertThat(t.rm.get(r).text("status")).isEqualTo("awaiting-decision");
  }

  @Test
  void duplicateVersionAndStaleRevisionAre409() {
    Team t = team();
    assertThat(
            t.rm
                .post(
                    "/api/v1/products/" + t.product + "/releases",
                    Map.of("type", "major", "version", "1.0.0"))
                .status())
        .isEqualTo(201);
    assertProblem(
        t.rm.post(
            "/api/v1/products/" + t.product + "/releases",
            Map.of("type", "major", "version", "1.0.0")),
        409);
    String id = ReleaseDriver.plan(t, "minor");
    Api.Response fresh = t.qa.get(path(id));
    assertThat(fresh.headers().firstValue("ETag")).hasValue("\"0\"");
    ok(
        t.qa.postWithIfMatch(
            path(id) + "/requirements/acceptance-criteria/meet", Map.of(), "\"0\""));
    Api.Response stale =
        t.devops.postWithIfMatch(path(id) + "/requirements/ci-security/meet", Map.of(), "\"0\"");
    assertProblem(stale, 409);
    assertThat(stale.text("detail")).contains("revision");
    assertThat(t.qa.get(path(id)).json().path("requirements").get(1).path("status").asString())
        .isEqualTo("open");
    assertProblem(
        t.devops.postWithIfMatch(path(id) + "/requirements/ci-security/meet", Map.of(), "abc"),
        400);
  }

  @Test
  void oversizedBodyIs413AndWrongContentTypeIs415() {
    Team t = team();
    String id = ReleaseDriver.plan(t, "minor");
    String huge = "{\"summary\": \"" + "x".repeat(2 * 1024 * 1024) + "\"}";
    assertProblem(t.rm.raw("PUT", path(id) + "/notes", "application/json", huge), 413);
    assertProblem(t.rm.raw("PUT", path(id) + "/notes", "text/plain", "summary=x"), 415);
    assertProblem(admin.raw("POST", "/api/v1/processes", "application/json", "{}"), 415);
    assertThat(auditActions(id)).containsExactly("release.planned");
  }

  @Test
  void invalidInputIs422() {
    Team t = team();
    String releases = "/api/v1/products/" + t.product + "/releases";
    assertProblem(t.rm.post(releases, Map.of("type", "minor", "version", "v1.2")), 422);
    assertProblem(t.rm.post(releases, Map.of("type", "minor", "version", "1.2")), 422);
    assertProblem(t.rm.post(releases, Map.of("type", "hotfix")), 422);
    assertThat(t.rm.post(releases, Map.of("type", "major")).status()).isEqualTo(201);
    assertProblem(t.rm.post(releases, Map.of("type", "patch", "version", "4.0.1")), 422);
    assertProblem(t.rm.post(releases, Map.of("type", "major", "version", "1.1.0")), 422);
    Api.Response process =
        admin.raw(
            "POST",
            "/api/v1/processes",
            "application/yaml",
            "id: broken\nname: Broken\nroles:\n  - key: a\n    name: A\nsteps:\n  - key: s1\n    title: S1\n    owner: ghost\n");
    assertProblem(process, 422);
    JsonNode errors = process.json().path("errors");
    assertThat(errors.size()).isGreaterThanOrEqualTo(2);
    assertThat(
            errors
                .valueStream()
                .anyMatch(
                    e ->
                        e.path("line").asInt() == 9
                            && e.path("message").asString().contains("ghost")))
        .as(errors.toString())
        .isTrue();
    assertThat(
            errors.valueStream().anyMatch(e -> e.path("message").asString().contains("decision")))
        .as(errors.toString())
        .isTrue();
    assertProblem(t.rm.get(releases + "?status=sideways"), 422);
    String id = ReleaseDriver.plan(t, "minor");
    assertProblem(t.devops.post(path(id) + "/steps/schedule-window/complete", Map.of()), 403);
    assertProblem(
        t.rm.post(path(id) + "/decision", Map.of("decision", "maybe", "rationale", "x")), 422);
  }

  private void assertProblem(Api.Response r, int status) {
    assertThat(r.status()).as(r.toString()).isEqualTo(status);
    assertThat(r.contentType()).as(r.toString()).startsWith("application/problem+json");
    JsonNode body = r.json();
    assertThat(body.path("status").asInt()).isEqualTo(status);
    assertThat(body.path("detail").asString()).as(r.toString()).isNotBlank();
  }

  private long auditCount(String releaseId) {
    auditChained();
    return jdbc.sql("select count(*) from audit_events where release_id = ?")
        .param(releaseId)
        .query(Long.class)
        .single();
  }

  private List<String> auditActions(String releaseId) {
    auditChained();
    return jdbc.sql("select action from audit_events where release_id = ? order by seq")
        .param(releaseId)
        .query(String.class)
        .list();
  }
}
