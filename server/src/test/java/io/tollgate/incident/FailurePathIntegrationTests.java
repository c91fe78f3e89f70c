package io.tollgate.incident;

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

/** The guide's failure path: failed production deployment, incident, rollback, resolution. */
class FailurePathIntegrationTests extends IntegrationTest {

  @Test
  void aFailedProductionDeploymentOpensAnIncidentAndRollbackReturnsProductionToTheLastKnownGood() {
    Team t = team();
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
    assertThat(failed.path("status").asString()).isEqualTo("failed");
    assertThat(failed.path("incidents")).hasSize(1);
    String incidentId = failed.path("incidents").get(0).asString();

    Api.Response opened = t.developer.get("/api/v1/incidents/" + incidentId);
    assertThat(opened.status()).isEqualTo(200);
    JsonNode incident = opened.json();
    assertThat(incident.path("status").asString()).isEqualTo("open");
    assertThat(incident.path("cause").asString()).isEqualTo("deploy-production");
    assertThat(incident.path("rollbackTarget").asString())
        .as("rollback target named before it is done")
        .isEqualTo("0.1.0");
    assertThat(
            incident
                .path("steps")
                .valueStream()
                .map(s -> s.path("key").asString() + ":" + s.path("owner").asString())
                .toList())
        .containsExactly(
            "trigger-incident:release-manager",
            "execute-rollback:devops",
            "notify-oncall:devops",
            "verify-rollback:qa-lead",
            "root-cause:release-manager",
            "customer-comms:support");

    String i = "/api/v1/incidents/" + incidentId;
    ok(t.rm.post(i + "/steps/trigger-incident/complete", Map.of("note", "status page updated")));
    Api.Response early = t.qa.post(i + "/steps/verify-rollback/complete", Map.of());
    assertThat(early.status()).isEqualTo(409);
    assertThat(early.json().path("blockers").get(0).path("key").asString())
        .isEqualTo("execute-rollback");
    Api.Response wrongRole = t.qa.post(i + "/steps/execute-rollback/complete", Map.of());
    assertThat(wrongRole.status()).isEqualTo(403);

    JsonNode rolledBack =
        ok(t.devops.post(
                i + "/steps/execute-rollback/complete", Map.of("note", "pipeline rollback #12")))
            .json();
    assertThat(rolledBack.path("rollback").path("toVersion").asString()).isEqualTo("0.1.0");
    assertThat(t.rm.get(path(bad)).text("status")).isEqualTo("rolled-back");
    JsonNode production =
        t.rm.get("/api/v1/products/" + t.product).json().path("environments").get(1);
    assertThat(production.path("name").asString()).isEqualTo("production");
    assertThat(production.path("currentVersion").asString()).isEqualTo("0.1.0");
    assertThat(production.path("lastKnownGood").asString()).isEqualTo("0.1.0");

    ok(t.devops.post(i + "/steps/notify-oncall/complete", Map.of("note", "paged")));
    ok(t.qa.post(i + "/steps/verify-rollback/complete", Map.of("note", "smoke green on 0.1.0")));
    ok(t.support.post(i + "/steps/customer-comms/complete", Map.of("note", "emailed customers")));
    Api.Response notByQa =
        t.qa.post(i + "/resolve", Map.of("rootCause", "x", "actionItems", List.of("y")));
    assertThat(notByQa.status()).isEqualTo(403);
    JsonNode resolved =
        ok(t.rm.post(
                i + "/resolve",
                Map.of(
                    "rootCause",
                    "Migration locked the orders table",
                    "actionItems",
                    List.of("Run migrations online", "Rehearse on a production-sized copy"))))
            .json();
    assertThat(resolved.path("status").asString()).isEqualTo("resolved");
    assertThat(resolved.path("rootCause").asString())
        .isEqualTo("Migration locked the orders table");
    assertThat(resolved.path("actionItems")).hasSize(2);
    assertThat(
            resolved
                .path("steps")
                .valueStream()
                .allMatch(s -> s.path("status").asString().equals("done")))
        .isTrue();
    assertThat(resolved.path("timeline").size()).isGreaterThanOrEqualTo(7);

    Api.Response again =
        t.devops.post(
            path(bad) + "/steps/deploy-production/complete", Map.of("outcome", "succeeded"));
    assertThat(again.status()).as("a rolled-back release takes no more work").isEqualTo(409);
    List<String> actions =
        t.rm
            .get(path(bad) + "/audit")
            .json()
            .valueStream()
            .map(e -> e.path("action").asString())
            .toList();
    assertThat(actions)
        .contains(
            "incident.opened",
            "incident.step-completed",
            "environment.rolled-back",
            "release.rolled-back",
            "incident.resolved");
    assertThat(admin.get("/api/v1/audit/verify").json().path("ok").asBoolean()).isTrue();
  }

  @Test
  void aFailedVerificationAlsoOpensAnIncidentAndRollbackUndoesTheDeployment() {
    Team t = team();
    String good = ReleaseDriver.plan(t, "major");
    ReleaseDriver.release(t, good);
    String bad = ReleaseDriver.plan(t, "patch");
    ReleaseDriver.prepare(t, bad);
    ReleaseDriver.go(t, bad);
    ok(
        t.devops.post(
            path(bad) + "/steps/deploy-production/complete", Map.of("outcome", "succeeded")));
    JsonNode product = t.rm.get("/api/v1/products/" + t.product).json().path("environments").get(1);
    assertThat(product.path("currentVersion").asString()).isEqualTo("1.0.1");
    JsonNode failed =
        ok(t.devops.post(
                path(bad) + "/steps/verify-production/complete", Map.of("outcome", "failed")))
            .json();
    assertThat(failed.path("status").asString()).isEqualTo("failed");
    String incident = failed.path("incidents").get(0).asString();
    ok(
        t.devops.post(
            "/api/v1/incidents/" + incident + "/steps/execute-rollback/complete", Map.of()));
    JsonNode production =
        t.rm.get("/api/v1/products/" + t.product).json().path("environments").get(1);
    assertThat(production.path("currentVersion").asString()).isEqualTo("1.0.0");
    assertThat(production.path("lastKnownGood").asString()).isEqualTo("1.0.0");
  }

  @Test
  void anyMemberMayOpenAnIncidentByHandButNotAnOutsider() {
    Team t = team();
    String id = ReleaseDriver.plan(t, "minor");
    Api.Response opened =
        t.developer.post(
            path(id) + "/incidents", Map.of("severity", "high", "summary", "Checkout slow"));
    assertThat(opened.status()).isEqualTo(201);
    assertThat(opened.headers().firstValue("Location"))
        .hasValue("/api/v1/incidents/" + opened.text("id"));
    assertThat(opened.json().path("steps")).hasSize(6);
    Api outsider = team().rm;
    assertThat(
            outsider
                .post(path(id) + "/incidents", Map.of("severity", "high", "summary", "x"))
                .status())
        .as("to an outsider the release does not exist")
        .isEqualTo(404);
    assertThat(
            t.developer
                .post(path(id) + "/incidents", Map.of("severity", "apocalyptic", "summary", "x"))
                .status())
        .isEqualTo(422);
    assertThat(t.developer.get("/api/v1/incidents/00000000-0000-0000-0000-000000000000").status())
        .isEqualTo(404);
  }
}
