package io.tollgate.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The audit timeline says each event as a sentence, with its raw payload kept. */
class AuditSentencesTests {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Function<String, String> NO_TITLES = key -> null;

  private static String say(String type, String actor, String payload) {
    return say(type, actor, payload, NO_TITLES);
  }

  private static String say(
      String type, String actor, String payload, Function<String, String> titles) {
    JsonNode node = JSON.readTree(payload);
    return AuditSentences.of(type, actor, node, titles);
  }

  @Test
  void aCompletedStepNamesItsTitleAndNote() {
    assertThat(
            say(
                "step.completed",
                "rita",
                "{\"step\":\"schedule-window\",\"title\":\"Deployment window scheduled\","
                    + "\"note\":\"window agreed with stakeholders\",\"attempt\":1}"))
        .isEqualTo(
            "rita completed 'Deployment window scheduled' — window agreed with stakeholders");
  }

  @Test
  void theEventsOfPipelinesAndIntegrationsReadAsSentences() {
    assertThat(say("changes.added", "dev", "{\"count\":3,\"source\":\"api\"}"))
        .isEqualTo("dev added 3 commits");
    assertThat(say("changes.added", "github", "{\"count\":1,\"source\":\"push\"}"))
        .isEqualTo("github added 1 commit pushed on the release's ref");
    assertThat(
            say(
                "pull-request.merged",
                "github",
                "{\"number\":42,\"title\":\"Saved carts\",\"url\":\"https://x/42\"}"))
        .isEqualTo("github listed the merged pull request #42 — Saved carts");
    assertThat(
            say(
                "test-report.attached",
                "quinn",
                "{\"report\":\"r1\",\"step\":\"quality-gate\",\"tests\":9,\"failures\":6,"
                    + "\"errors\":1,\"skipped\":0}",
                key -> key.equals("quality-gate") ? "Quality gate" : null))
        .isEqualTo("quinn attached test results to 'Quality gate' — 9 tests, 6 failures, 1 error");
    assertThat(
            say(
                "decision.went-stale",
                "github",
                "{\"number\":1,\"because\":\"2 commits were pushed after go\"}"))
        .isEqualTo("The go decision #1 went stale — 2 commits were pushed after go");
    assertThat(
            say(
                "release.source-changed",
                "github",
                "{\"commit\":\"0d1a26e67d8f5eaf1f6ba5c57fc3c7d91ac0fd1c\",\"ref\":\"main\","
                    + "\"pushedCommits\":2}"))
        .isEqualTo("github moved the release to commit 0d1a26e (2 commits pushed on main)");
    assertThat(
            say(
                "release.source-changed",
                "rita",
                "{\"commit\":\"1111111111111111111111111111111111111111\",\"ref\":\"main\"}"))
        .isEqualTo("rita set the release's source to 1111111 on main");
    assertThat(
            say(
                "integration.configured",
                "dana",
                "{\"integration\":\"github\",\"repository\":\"octo/shop\","
                    + "\"secretChanged\":true}"))
        .isEqualTo(
            "dana connected the product to the GitHub repository octo/shop with a new webhook"
                + " secret");
    assertThat(say("integration.removed", "dana", "{\"integration\":\"github\"}"))
        .isEqualTo("dana disconnected the product from GitHub");
    assertThat(
            say(
                "automation.configured",
                "dana",
                "{\"environment\":\"staging\",\"executor\":\"webhook\"}"))
        .isEqualTo("dana set up the automation of staging (webhook executor)");
    assertThat(
            say(
                "environment.locked",
                "system",
                "{\"environment\":\"production\",\"reason\":\"rolled back\"}"))
        .isEqualTo("production was locked for new deployments — rolled back");
    assertThat(say("stakeholders.changed", "rita", "{\"count\":2}"))
        .isEqualTo("rita set the stakeholders (2 addresses)");
    assertThat(
            say(
                "protection-rule.decided",
                "github",
                "{\"environment\":\"production\",\"sha\":\"ec26c3e57ca3a959ca5aad62de7213c562f8c821\","
                    + "\"verdict\":\"approved\"}"))
        .isEqualTo("github approved the GitHub deployment of ec26c3e to production");
    assertThat(
            say(
                "protection-rule.decided",
                "github",
                "{\"environment\":\"production\",\"sha\":\"ec26c3e\",\"verdict\":\"waiting\"}"))
        .isEqualTo("github held until go the GitHub deployment of ec26c3e to production");
    assertThat(say("something.new", "rita", "{}")).isEqualTo("rita recorded: something new");
  }

  @Test
  void eventsOfTheVocabularyReadAsSentences() {
    assertThat(say("step.failed", "dana", "{\"title\":\"Deploy to staging\",\"note\":\"timeout\"}"))
        .isEqualTo("dana recorded 'Deploy to staging' as failed — timeout");
    assertThat(say("step.skipped", "rita", "{\"title\":\"Smoke test\",\"reason\":\"docs only\"}"))
        .isEqualTo("rita skipped 'Smoke test' — docs only");
    assertThat(say("step.started", "github", "{\"title\":\"Deploy to production\"}"))
        .isEqualTo("github started 'Deploy to production'");
    assertThat(say("decision.recorded", "rob", "{\"decision\":\"go\",\"rationale\":\"all green\"}"))
        .isEqualTo("rob decided go — all green");
    assertThat(
            say(
                "approval.given",
                "quinn",
                "{\"role\":\"qa-lead\",\"count\":1,\"quorum\":2,\"comment\":\"staging ok\"}"))
        .isEqualTo("quinn approved as qa-lead (1 of 2) — staging ok");
    assertThat(
            say(
                "requirement.met",
                "quinn",
                "{\"title\":\"QA sign-off\",\"evidence\":{\"url\":\"https://ci/1\"}}"))
        .isEqualTo("quinn met 'QA sign-off' — https://ci/1");
    assertThat(say("requirement.met", "system", "{\"title\":\"CI green\",\"automatic\":true}"))
        .isEqualTo("'CI green' was met automatically");
    assertThat(
            say(
                "requirement.signed",
                "sam",
                "{\"title\":\"Security review\",\"role\":\"security\"}"))
        .isEqualTo("sam signed 'Security review' as security");
    assertThat(
            say(
                "handoff.acknowledged",
                "dev",
                "{\"handoff\":\"qa-to-ops\",\"from\":\"qa\",\"to\":\"devops\"}"))
        .isEqualTo("dev acknowledged the handoff from qa to devops");
    assertThat(say("release.planned", "rob", "{\"type\":\"minor\",\"version\":\"1.4.0\"}"))
        .isEqualTo("rob planned the minor release 1.4.0");
    assertThat(
            say(
                "deployment.succeeded",
                "dev",
                "{\"environment\":\"production\",\"version\":\"1.4.0\"}"))
        .isEqualTo("dev deployed 1.4.0 to production");
    assertThat(
            say(
                "release.rolled-back",
                "dev",
                "{\"environment\":\"production\",\"toVersion\":\"1.3.2\"}"))
        .isEqualTo("dev rolled production back to 1.3.2");
    assertThat(say("notes.updated", "rob", "{\"fields\":[\"summary\",\"knownIssues\"]}"))
        .isEqualTo("rob updated the release notes (summary, knownIssues)");
    assertThat(
            say("incident.opened", "sue", "{\"severity\":\"sev1\",\"summary\":\"checkout down\"}"))
        .isEqualTo("sue opened a sev1 incident — checkout down");
    assertThat(
            say(
                "environment.rolled-back",
                "dev",
                "{\"environment\":\"production\",\"fromVersion\":\"1.4.0\",\"toVersion\":\"1.3.2\"}"))
        .isEqualTo("dev rolled production back from 1.4.0 to 1.3.2");
    assertThat(
            say(
                "incident.step-completed",
                "dev",
                "{\"step\":\"execute-rollback\",\"title\":\"Execute rollback\",\"note\":\"done\"}"))
        .isEqualTo("dev completed 'Execute rollback' of the incident — done");
    assertThat(say("incident.step-skipped", "dev", "{\"step\":\"notify\",\"reason\":\"no users\"}"))
        .isEqualTo("dev skipped 'notify' of the incident — no users");
    assertThat(say("incident.resolved", "rob", "{\"rootCause\":\"bad index\"}"))
        .isEqualTo("rob resolved the incident — bad index");
    assertThat(say("membership.changed", "admin", "{\"username\":\"quinn\",\"roles\":[\"qa\"]}"))
        .isEqualTo("admin gave quinn the roles qa");
    assertThat(say("membership.changed", "admin", "{\"username\":\"quinn\",\"roles\":[]}"))
        .isEqualTo("admin removed quinn from the product");
    assertThat(
            say("process.published", "system", "{\"process\":\"octoacme-standard\",\"version\":3}"))
        .isEqualTo("system published the process octoacme-standard version 3");
  }

  @Test
  void titlesComeFromTheProcessWhenThePayloadHasOnlyAKey() {
    Function<String, String> titles = Map.of("smoke-test", "Smoke test passed")::get;

    assertThat(say("step.completed", "dev", "{\"step\":\"smoke-test\"}", titles))
        .isEqualTo("dev completed 'Smoke test passed'");
    assertThat(say("step.completed", "dev", "{\"step\":\"unknown-step\"}", titles))
        .isEqualTo("dev completed 'unknown-step'");
  }

  @Test
  void rowsFromBeforeTheVocabularyReadAsTheEventTheyRecorded() {
    Function<String, String> titles = Map.of("deploy-prod", "Deploy to production")::get;

    assertThat(
            say(
                "step.complete",
                "dev",
                "{\"step\":\"deploy-prod\",\"note\":\"done\",\"status\":\"deploying\"}",
                titles))
        .isEqualTo("dev completed 'Deploy to production' — done");
    assertThat(
            say(
                "step.complete",
                "dev",
                "{\"step\":\"deploy-prod\",\"outcome\":\"failed\"}",
                titles))
        .isEqualTo("dev recorded 'Deploy to production' as failed");
    assertThat(say("decision", "rob", "{\"decision\":\"no-go\",\"rationale\":\"flaky\"}"))
        .isEqualTo("rob decided no-go — flaky");
    assertThat(say("release.cancel", "rob", "{\"reason\":\"superseded\"}"))
        .isEqualTo("rob cancelled the release — superseded");
    assertThat(
            say("member.set", "admin", "{\"username\":\"quinn\",\"roles\":[\"qa\",\"developer\"]}"))
        .isEqualTo("admin gave quinn the roles qa, developer");
  }

  @Test
  void anUnknownTypeFallsBackToAGenericSentence() {
    assertThat(say("environment.frozen", "dev", "{\"whatever\":1}"))
        .isEqualTo("dev recorded: environment frozen");
    assertThat(say("", "dev", "{}")).isEqualTo("dev recorded: a change");
    assertThat(say("step.completed", null, "{}")).isEqualTo("someone completed a step");
  }

  @Test
  void longOrMultiLineTextIsFlattenedAndShortened() {
    String note = "line one\n\nline two " + "x".repeat(400);

    String sentence =
        say("step.completed", "rita", JSON.writeValueAsString(Map.of("title", "T", "note", note)));

    assertThat(sentence).startsWith("rita completed 'T' — line one line two x").endsWith("…");
    assertThat(sentence.length()).isLessThan(300);
  }

  @Test
  void theTimelineIsNewestFirstWithTheRawPayloadKept() {
    List<AuditTimeline.Entry> entries =
        AuditTimeline.of(
            List.of(
                event(1, "release.planned", "{\"type\":\"minor\",\"version\":\"1.4.0\"}"),
                event(2, "decision.recorded", "{\"decision\":\"go\",\"rationale\":\"ok\"}")),
            NO_TITLES);

    assertThat(entries).extracting(AuditTimeline.Entry::seq).containsExactly(2L, 1L);
    assertThat(entries.get(0).sentence()).isEqualTo("rob decided go — ok");
    assertThat(entries.get(0).payload()).contains("\"rationale\" : \"ok\"");
    assertThat(entries.get(0).type()).isEqualTo("decision.recorded");
  }

  @Test
  void aPayloadThatIsNotJsonIsShownAsItIs() {
    AuditTimeline.Entry entry = AuditTimeline.entry(event(1, "odd.thing", "not json"), NO_TITLES);

    assertThat(entry.sentence()).isEqualTo("rob recorded: odd thing");
    assertThat(entry.payload()).contains("not json");
  }

  private static AuditEvent event(long seq, String type, String details) {
    return new AuditEvent(
        seq,
        Instant.parse("2026-03-10T18:42:07Z"),
        "rob",
        type,
        "release/1",
        "1",
        details,
        "0".repeat(64),
        "1".repeat(64),
        "person",
        "shop",
        1);
  }
}
