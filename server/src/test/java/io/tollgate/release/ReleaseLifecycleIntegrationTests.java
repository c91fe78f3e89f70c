package io.tollgate.release;

import static io.tollgate.support.ReleaseDriver.evidence;
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

/** The guide's happy path through HTTP: planned to closed, each role acting as itself. */
class ReleaseLifecycleIntegrationTests extends IntegrationTest {

  @Test
  void takesAReleaseFromPlannedToClosedWithEveryRoleActingAsItself() {
    Team t = team();
    Api.Response created =
        t.rm.post(
            "/api/v1/products/" + t.product + "/releases",
            Map.of(
                "type",
                "major",
                "name",
                "Checkout",
                "window",
                Map.of("start", "2026-12-01T10:00:00Z", "end", "2026-12-01T12:00:00Z")));
    assertThat(created.status()).isEqualTo(201);
    assertThat(created.headers().firstValue("Location"))
        .hasValue("/api/v1/releases/" + created.text("id"));
    JsonNode release = created.json();
    assertThat(release.path("version").asString()).isEqualTo("1.0.0");
    assertThat(release.path("status").asString()).isEqualTo("planned");
    assertThat(release.path("process").path("id").asString()).isEqualTo("octoacme-standard");
    assertThat(keys(release.path("requirements")))
        .containsExactly(
            "acceptance-criteria",
            "ci-security",
            "release-notes",
            "rollback-plan",
            "smoke-tests",
            "support-trained");
    assertThat(keys(release.path("steps")))
        .containsExactly(
            "schedule-window",
            "backup",
            "quality-gate",
            "deploy-staging",
            "smoke-staging",
            "go-no-go",
            "deploy-production",
            "verify-production",
            "announce",
            "monitor-customers");
    assertThat(keys(release.path("handoffs")))
        .containsExactly("qa-to-rm", "rm-to-devops", "devops-to-rm", "rm-to-support");
    String id = created.text("id");
    String r = path(id);

    JsonNode afterPrepare = ReleaseDriver.prepare(t, id).json();
    assertThat(afterPrepare.path("status").asString()).isEqualTo("awaiting-decision");
    JsonNode smoke = find(afterPrepare.path("requirements"), "smoke-tests");
    assertThat(smoke.path("status").asString())
        .as("smoke tests met by the staging smoke step")
        .isEqualTo("met");
    assertThat(smoke.path("by").asString()).isEqualTo(t.usernames.get("qa-lead"));
    JsonNode trained = find(afterPrepare.path("requirements"), "support-trained");
    assertThat(trained.path("status").asString()).isEqualTo("met");
    assertThat(trained.path("signatures")).hasSize(2);
    assertThat(find(afterPrepare.path("handoffs"), "qa-to-rm").path("status").asString())
        .isEqualTo("handed");

    ok(t.rm.post(r + "/handoffs/qa-to-rm/acknowledge"));
    JsonNode approved = ReleaseDriver.go(t, id).json();
    assertThat(approved.path("status").asString()).isEqualTo("approved");
    assertThat(approved.path("decision").path("decision").asString()).isEqualTo("go");
    assertThat(approved.path("decision").path("by").asString())
        .isEqualTo(t.usernames.get("release-manager"));
    assertThat(approved.path("decision").path("snapshot").path("requirements")).hasSize(6);
    assertThat(
            find(approved.path("decision").path("snapshot").path("steps"), "smoke-staging")
                .path("status")
                .asString())
        .isEqualTo("done");
    assertThat(find(approved.path("handoffs"), "rm-to-devops").path("status").asString())
        .isEqualTo("handed");

    ok(t.devops.post(r + "/handoffs/rm-to-devops/acknowledge"));
    JsonNode released =
        ok(t.devops.post(
                r + "/steps/deploy-production/complete",
                Map.of(
                    "outcome",
                    "succeeded",
                    "evidence",
                    Map.of("url", "https://ci.example/deploy/9"))))
            .json();
    assertThat(released.path("status").asString()).isEqualTo("released");
    ok(
        t.devops.post(
            r + "/steps/verify-production/complete",
            Map.of("outcome", "succeeded", "note", "error rate flat")));
    ok(t.rm.post(r + "/handoffs/devops-to-rm/acknowledge"));
    ok(
        t.rm.post(
            r + "/steps/announce/complete", Map.of("note", "mail to stakeholders and support")));
    ok(t.support.post(r + "/handoffs/rm-to-support/acknowledge"));
    JsonNode closed =
        ok(t.support.post(r + "/steps/monitor-customers/complete", Map.of("note", "no tickets")))
            .json();

    assertThat(closed.path("status").asString()).isEqualTo("closed");
    for (JsonNode h : closed.path("handoffs")) {
      assertThat(h.path("status").asString()).as(h.toString()).isEqualTo("acknowledged");
      assertThat(h.path("acknowledgedAt").isNull()).isFalse();
    }
    assertThat(closed.path("deployments")).hasSize(2);
    assertThat(closed.path("deployments").valueStream().map(d -> d.path("step").asString()))
        .as("each deployment names the step that deploys to its environment")
        .containsExactly("deploy-staging", "deploy-production");
    Api.Response product = t.rm.get("/api/v1/products/" + t.product);
    JsonNode production = find(product.json().path("environments"), "production", "name");
    assertThat(production.path("currentVersion").asString()).isEqualTo("1.0.0");
    assertThat(production.path("lastKnownGood").asString()).isEqualTo("1.0.0");

    List<String> actions =
        t.rm.get(r + "/audit").json().valueStream().map(e -> e.path("action").asString()).toList();
    assertThat(actions).first().isEqualTo("release.planned");
    assertThat(actions)
        .contains(
            "decision.recorded",
            "step.completed",
            "requirement.met",
            "requirement.signed",
            "handoff.handed",
            "handoff.acknowledged",
            "notes.updated",
            "deployment.succeeded");
    assertThat(actions).doesNotContain("decision", "step.complete", "requirement.meet");
    assertThat(admin.get("/api/v1/audit/verify").json().path("ok").asBoolean()).isTrue();
  }

  @Test
  void aReleaseIsPreparingOnceAnythingIsDone() {
    Team t = team();
    String id = ReleaseDriver.plan(t, "minor");
    assertThat(t.rm.get(path(id)).text("status")).isEqualTo("planned");
    ok(
        t.qa.post(
            path(id) + "/requirements/acceptance-criteria/meet",
            evidence("https://tracker.example/1")));
    assertThat(t.rm.get(path(id)).text("status")).isEqualTo("preparing");
  }

  @Test
  void rendersTheNotesFromTheTemplateAsMarkdownAndHtml() {
    Team t = team();
    String id = ReleaseDriver.plan(t, "minor");
    ok(
        t.rm.put(
            path(id) + "/notes",
            Map.of(
                "summary",
                "Gift cards <script>alert(1)</script>",
                "notableChanges",
                List.of("Gift cards at checkout", "Balance page"))));
    ok(t.qa.put(path(id) + "/notes", Map.of("knownIssues", "Balance lags by a minute")));

    Api.Response md = t.support.get(path(id) + "/notes", "text/markdown");
    assertThat(md.status()).isEqualTo(200);
    assertThat(md.contentType()).startsWith("text/markdown");
    assertThat(md.body())
        .contains(
            "**Release name / number:**",
            "0.1.0",
            "**Date:**",
            "**Release Manager:**",
            "- Gift cards at checkout",
            "- Balance page",
            "Balance lags by a minute",
            "## Migration steps (if any)");

    Api.Response html = t.support.get(path(id) + "/notes", "text/html");
    assertThat(html.contentType()).startsWith("text/html");
    assertThat(html.body())
        .contains("<li>Gift cards at checkout</li>", "<h2>Known issues (from QA Lead)</h2>");
    assertThat(html.body()).doesNotContain("<script>").contains("&lt;script&gt;");
  }

  @Test
  void proposesTheNextVersionFromTheReleaseType() {
    Team t = team();
    assertThat(version(t, Map.of("type", "minor"))).isEqualTo("0.1.0");
    assertThat(version(t, Map.of("type", "patch"))).isEqualTo("0.1.1");
    assertThat(version(t, Map.of("type", "major"))).isEqualTo("1.0.0");
    assertThat(version(t, Map.of("type", "minor"))).isEqualTo("1.1.0");
    assertThat(version(t, Map.of("type", "patch", "version", "1.0.1"))).isEqualTo("1.0.1");
    assertThat(version(t, Map.of("type", "major", "version", "3.0.0"))).isEqualTo("3.0.0");
    Api.Response page = t.developer.get("/api/v1/products/" + t.product + "/releases?size=2");
    assertThat(page.json().path("total").asInt()).isEqualTo(6);
    assertThat(keys(page.json().path("items"), "version")).containsExactly("3.0.0", "1.0.1");
  }

  @Test
  void checksAGivenVersionAgainstItsLineAndTheSameCore() {
    Team t = team();
    String releases = "/api/v1/products/" + t.product + "/releases";
    assertThat(version(t, Map.of("type", "major"))).isEqualTo("1.0.0");
    assertThat(version(t, Map.of("type", "patch"))).isEqualTo("1.0.1");
    assertThat(version(t, Map.of("type", "minor"))).isEqualTo("1.1.0");
    assertThat(version(t, Map.of("type", "patch", "version", "1.0.2"))).isEqualTo("1.0.2");
    assertThat(t.rm.post(releases, Map.of("type", "patch", "version", "1.0.2")).status())
        .isEqualTo(409);
    assertThat(t.rm.post(releases, Map.of("type", "patch", "version", "1.0.2+build.7")).status())
        .as("same version but for build metadata")
        .isEqualTo(409);
    assertThat(version(t, Map.of("type", "patch", "version", "1.1.3"))).isEqualTo("1.1.3");
    assertThat(t.rm.post(releases, Map.of("type", "patch", "version", "1.1.2")).status())
        .as("a patch must raise its line's highest patch")
        .isEqualTo(422);
    assertThat(version(t, Map.of("type", "patch"))).isEqualTo("1.1.4");
  }

  @Test
  void aCancelledReleaseRefusesFurtherWorkAndFreesItsVersion() {
    Team t = team();
    String id = ReleaseDriver.plan(t, "minor");
    JsonNode cancelled =
        ok(t.rm.post(path(id) + "/cancel", Map.of("reason", "scope moved to next release"))).json();
    assertThat(cancelled.path("status").asString()).isEqualTo("cancelled");
    Api.Response refused = t.qa.post(path(id) + "/requirements/acceptance-criteria/meet", Map.of());
    assertThat(refused.status()).isEqualTo(409);
    assertThat(refused.text("detail")).contains("cancelled");
    assertThat(version(t, Map.of("type", "minor", "version", "0.1.0"))).isEqualTo("0.1.0");
  }

  @Test
  void cancellingTheHighestReleaseLowersTheNextProposal() {
    Team t = team();
    assertThat(version(t, Map.of("type", "major"))).isEqualTo("1.0.0");
    String rc = created(t, Map.of("type", "major", "version", "2.0.0-rc.1")).text("id");
    String two = created(t, Map.of("type", "major", "version", "2.0.0")).text("id");
    ok(t.rm.post(path(two) + "/cancel", Map.of("reason", "not this time")));
    String patch = created(t, Map.of("type", "patch", "version", "2.0.1")).text("id");
    assertThat(version(t, Map.of("type", "minor")))
        .as("2.0.1 is the highest once 2.0.0 is cancelled")
        .isEqualTo("2.1.0");
    cancelEveryRelease(t, "2.1.0", patch, rc);
    assertThat(version(t, Map.of("type", "minor")))
        .as("with every 2.x cancelled, 1.0.0 is the highest again")
        .isEqualTo("1.1.0");
    assertThat(version(t, Map.of("type", "major"))).isEqualTo("2.0.0");
  }

  private void cancelEveryRelease(Team t, String version, String... ids) {
    JsonNode items =
        ok(t.rm.get("/api/v1/products/" + t.product + "/releases?size=200")).json().path("items");
    String byVersion =
        items
            .valueStream()
            .filter(r -> r.path("version").asString().equals(version))
            .findFirst()
            .orElseThrow()
            .path("id")
            .asString();
    for (String id :
        java.util.stream.Stream.concat(
                java.util.stream.Stream.of(byVersion), java.util.Arrays.stream(ids))
            .toList()) {
      ok(t.rm.post(path(id) + "/cancel", Map.of("reason", "scope moved")));
    }
  }

  @Test
  void aNoGoKeepsTheReleaseOpenForAnotherDecision() {
    Team t = team();
    String id = ReleaseDriver.plan(t, "minor");
    ReleaseDriver.prepare(t, id);
    JsonNode noGo =
        ok(t.rm.post(
                path(id) + "/decision",
                Map.of("decision", "no-go", "rationale", "support not ready")))
            .json();
    assertThat(noGo.path("status").asString()).isEqualTo("no-go");
    Api.Response deploy =
        t.devops.post(
            path(id) + "/steps/deploy-production/complete", Map.of("outcome", "succeeded"));
    assertThat(deploy.status()).isEqualTo(409);
    assertThat(deploy.json().path("blockers").get(0).path("kind").asString()).isEqualTo("decision");
    Api.Response blind =
        t.rm.post(path(id) + "/decision", Map.of("decision", "go", "rationale", "all gates met"));
    assertThat(blind.status())
        .as("nothing happened since the no-go: a new decision must name the one it replaces")
        .isEqualTo(409);
    assertThat(blind.text("detail")).contains("\"replaces\": 1");
    Api.Response stale =
        t.rm.post(
            path(id) + "/decision",
            Map.of("decision", "go", "rationale", "all gates met", "replaces", 0));
    assertThat(stale.status()).isEqualTo(409);
    assertThat(stale.text("detail")).contains("the latest is decision 1");
    JsonNode go =
        ok(t.rm.post(
                path(id) + "/decision",
                Map.of("decision", "go", "rationale", "all gates met", "replaces", 1)))
            .json();
    assertThat(go.path("status").asString()).isEqualTo("approved");
    assertThat(go.path("decisions")).hasSize(2);
    assertThat(go.path("decisions").get(0).path("decision").asString()).isEqualTo("no-go");
  }

  private String version(Team t, Map<String, Object> body) {
    return created(t, body).text("version");
  }

  private Api.Response created(Team t, Map<String, Object> body) {
    Api.Response r = t.rm.post("/api/v1/products/" + t.product + "/releases", body);
    assertThat(r.status()).as(r.toString()).isEqualTo(201);
    return r;
  }

  static List<String> keys(JsonNode array) {
    return keys(array, "key");
  }

  static List<String> keys(JsonNode array, String field) {
    return array.valueStream().map(n -> n.path(field).asString()).toList();
  }

  static JsonNode find(JsonNode array, String key) {
    return find(array, key, "key");
  }

  static JsonNode find(JsonNode array, String key, String field) {
    return array
        .valueStream()
        .filter(n -> key.equals(n.path(field).asString()))
        .findFirst()
        .orElseThrow();
  }
}
