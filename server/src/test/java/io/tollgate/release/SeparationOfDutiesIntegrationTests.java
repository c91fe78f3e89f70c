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

/** The shipped strict process through HTTP: separation of duties refused with a reason. */
class SeparationOfDutiesIntegrationTests extends IntegrationTest {

  @Test
  void theStrictProcessIsShippedNextToTheStandardOne() {
    Api.Response list = ok(admin.get("/api/v1/processes"));
    assertThat(list.json().valueStream().map(p -> p.path("id").asString()).toList())
        .contains("octoacme-standard", "octoacme-strict");
  }

  @Test
  void whoDecidedGoMayNotDeployToProduction() {
    Team t = team("octoacme-strict");
    Api both = t.person("rmops-" + t.product, List.of("release-manager", "devops"));
    Api qa2 = t.person("qa2-" + t.product, List.of("qa-lead"));
    String id = ReleaseDriver.plan(t, "minor");
    prepare(t, qa2, id);
    ok(both.post(path(id) + "/decision", Map.of("decision", "go", "rationale", "all gates met")));

    Api.Response refused =
        both.post(path(id) + "/steps/deploy-production/complete", Map.of("outcome", "succeeded"));
    assertThat(refused.status()).as(refused.toString()).isEqualTo(409);
    assertThat(refused.contentType()).startsWith("application/problem+json");
    assertThat(refused.text("detail"))
        .isEqualTo(
            "You decided go on this release; another devops member must deploy"
                + " (separation of duties: decider-not-deployer).");
    assertThat(refused.json().path("blockers").get(0).path("kind").asString())
        .isEqualTo("separation-of-duties");
    assertThat(refused.json().path("blockers").get(0).path("key").asString())
        .isEqualTo("decider-not-deployer");

    ok(
        t.devops.post(
            path(id) + "/steps/deploy-production/complete", Map.of("outcome", "succeeded")));
  }

  @Test
  void whoPassedTheQualityGateMayNotAcceptTheCriteria() {
    Team t = team("octoacme-strict");
    String id = ReleaseDriver.plan(t, "minor");
    ok(t.rm.post(path(id) + "/steps/schedule-window/complete", Map.of("note", "Tuesday 10:00")));
    ok(t.qa.post(path(id) + "/steps/quality-gate/complete", Map.of("note", "signed off")));
    Api.Response refused =
        t.qa.post(
            path(id) + "/requirements/acceptance-criteria/meet",
            evidence("https://tracker.example/epic/1"));
    assertThat(refused.status()).as(refused.toString()).isEqualTo(409);
    assertThat(refused.text("detail")).contains("another qa-lead member must meet or sign");
  }

  @Test
  void theStandardProcessLetsOnePersonDecideAndDeploy() {
    Team t = team();
    Api both = t.person("rmops-" + t.product, List.of("release-manager", "devops"));
    String id = ReleaseDriver.plan(t, "minor");
    ReleaseDriver.prepare(t, id);
    ok(both.post(path(id) + "/decision", Map.of("decision", "go", "rationale", "all gates met")));
    ok(both.post(path(id) + "/steps/deploy-production/complete", Map.of("outcome", "succeeded")));
  }

  /** As {@link ReleaseDriver#prepare}, with a second QA lead accepting the criteria. */
  private static void prepare(Team t, Api qa2, String id) {
    String r = path(id);
    ok(
        t.rm.put(
            r + "/notes",
            Map.of(
                "summary", "Faster checkout",
                "notableChanges", List.of("One-page checkout"),
                "migrationSteps", List.of("Run the 2.0 migration"))));
    ok(t.qa.put(r + "/notes", Map.of("knownIssues", List.of("None known"))));
    ok(
        qa2.post(
            r + "/requirements/acceptance-criteria/meet",
            evidence("https://tracker.example/epic/1")));
    ok(t.devops.post(r + "/requirements/ci-security/meet", evidence("https://ci.example/b/7")));
    ok(t.rm.post(r + "/requirements/release-notes/meet", Map.of()));
    ok(t.devops.post(r + "/requirements/rollback-plan/meet", evidence("https://wiki.example/rb")));
    ok(
        t.rm.post(
            r + "/requirements/support-trained/meet",
            Map.of("evidence", Map.of("note", "session held"))));
    ok(
        t.support.post(
            r + "/requirements/support-trained/meet",
            Map.of("evidence", Map.of("note", "attended"))));
    ok(t.rm.post(r + "/steps/schedule-window/complete", Map.of("note", "Tuesday 10:00")));
    ok(t.devops.post(r + "/steps/backup/complete", Map.of("note", "snapshot")));
    ok(t.qa.post(r + "/steps/quality-gate/complete", Map.of("note", "signed off")));
    ok(t.devops.post(r + "/steps/deploy-staging/complete", Map.of("outcome", "succeeded")));
    ok(t.qa.post(r + "/steps/smoke-staging/complete", Map.of("outcome", "succeeded")));
    // the strict process's approvals: a QA lead and a DevOps engineer
    Api.Response approved = qa2.post(r + "/approvals", Map.of());
    org.assertj.core.api.Assertions.assertThat(approved.status())
        .as(approved.toString())
        .isEqualTo(201);
    org.assertj.core.api.Assertions.assertThat(t.devops.post(r + "/approvals", Map.of()).status())
        .isEqualTo(201);
  }
}
