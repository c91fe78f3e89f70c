package io.tollgate.integration;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.integration.internal.ProtectionStore;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Where a protection rule's answer may go, and what it says, without Spring. */
class ProtectionRulesTests {
  static final String API = "https://api.github.com";

  @Test
  void onlyTheProtectionRuleAddressOfARunOfTheRepositoryInTheApiIsCalled() {
    String repo = "Codertocat/Hello-World";
    assertThat(
            ProtectionRules.callbackProblem(
                API,
                repo,
                API + "/repos/Codertocat/Hello-World/actions/runs/4711/deployment_protection_rule"))
        .isNull();
    assertThat(
            ProtectionRules.callbackProblem(
                API,
                repo,
                API + "/repos/codertocat/hello-world/actions/runs/4711/deployment_protection_rule"))
        .as("owner and name are not case sensitive on GitHub")
        .isNull();
    for (String other :
        new String[] {
          "https://api.github.com.evil.example/repos/Codertocat/Hello-World/actions/runs/1/deployment_protection_rule",
          "https://evil.example/repos/Codertocat/Hello-World/actions/runs/1/deployment_protection_rule",
          API + "/repos/Someone/Else/actions/runs/1/deployment_protection_rule",
          API + "/repos/Codertocat/Hello-World/actions/runs/1/deployment_protection_rule?x=1",
          API + "/repos/Codertocat/Hello-World/actions/runs/abc/deployment_protection_rule",
          API + "/repos/Codertocat/Hello-World/pulls/1",
          "http://api.github.com/repos/Codertocat/Hello-World/actions/runs/1/deployment_protection_rule"
        }) {
      assertThat(ProtectionRules.callbackProblem(API, repo, other)).as(other).isNotNull();
    }
    assertThat(ProtectionRules.callbackProblem(API, repo, null)).contains("no deployment_callback");
  }

  @Test
  void aVerdictIsSentWithItsStateAndAWaitingRunAsAStatusReportWithoutOne() {
    JsonMapper json = JsonMapper.builder().build();
    JsonNode approved = json.readTree(ProtectionCallbacks.body(run("approved")));
    assertThat(approved.path("environment_name").asString()).isEqualTo("production");
    assertThat(approved.path("state").asString()).isEqualTo("approved");
    assertThat(approved.path("comment").asString()).isEqualTo("because");
    assertThat(json.readTree(ProtectionCallbacks.body(run("rejected"))).path("state").asString())
        .isEqualTo("rejected");
    assertThat(json.readTree(ProtectionCallbacks.body(run("waiting"))).has("state")).isFalse();
  }

  @Test
  void aCommentIsCutToWhatGithubShows() {
    String longer = "x".repeat(2000);
    ProtectionVerdicts.Verdict v =
        new ProtectionVerdicts.Verdict(ProtectionVerdicts.Kind.REJECTED, null, longer);
    assertThat(v.comment()).hasSize(ProtectionVerdicts.MAX_COMMENT).endsWith("…");
  }

  private static ProtectionStore.Run run(String verdict) {
    Instant now = Instant.parse("2026-12-01T10:00:00Z");
    return new ProtectionStore.Run(
        1,
        "shop",
        "d-1",
        "production",
        "a".repeat(40),
        API + "/x",
        null,
        verdict,
        "because",
        now,
        now,
        null,
        0,
        now,
        null);
  }
}
