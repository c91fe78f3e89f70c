package io.tollgate.release;

import static io.tollgate.release.ReleaseFixtures.NOW;
import static io.tollgate.release.ReleaseFixtures.PLANNED_AT;
import static io.tollgate.release.ReleaseFixtures.devops;
import static io.tollgate.release.ReleaseFixtures.evidence;
import static io.tollgate.release.ReleaseFixtures.person;
import static io.tollgate.release.ReleaseFixtures.qaLead;
import static io.tollgate.release.ReleaseFixtures.releaseManager;
import static io.tollgate.release.ReleaseFixtures.support;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.tollgate.notes.ReleaseNotes;
import io.tollgate.process.ProcessDefinition;
import io.tollgate.process.ProcessParser;
import io.tollgate.process.ReleaseType;
import io.tollgate.release.Decision.Verdict;
import io.tollgate.shared.Blocker;
import io.tollgate.shared.Refused;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** {@link SeparationOfDutiesPolicy} on the shipped strict process, without Spring. */
class SeparationOfDutiesTests {
  static final ProcessDefinition STRICT = strict();

  /** Holds both the release-manager and the devops role: may decide, may deploy, not both. */
  static final Participant RITA_BOTH = person("rita", "release-manager", "devops");

  static final Participant QUINCY = person("quincy", "qa-lead");

  private static ProcessDefinition strict() {
    try (InputStream in = ProcessParser.class.getResourceAsStream(ProcessParser.STRICT + ".yaml")) {
      return ProcessParser.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  static Release planned(ProcessDefinition process) {
    return planned(process, ReleaseType.MINOR);
  }

  static Release planned(ProcessDefinition process, ReleaseType type) {
    return Planning.plan(
            ReleaseId.random(),
            ReleaseFixtures.PRODUCT,
            new ProcessRef(process.id(), 1),
            process,
            type,
            type == ReleaseType.MAJOR ? SemanticVersion.of(2, 0, 0) : SemanticVersion.of(1, 4, 0),
            "Faster checkout",
            new Window(
                Instant.parse("2026-03-10T18:00:00Z"), Instant.parse("2026-03-10T20:00:00Z")),
            ReleaseNotes.empty(),
            releaseManager(),
            PLANNED_AT)
        .release();
  }

  /** Everything before the decision done; quinn passes the gate, quincy accepts the criteria. */
  static Release awaitingDecision(ProcessDefinition process) {
    Release r = planned(process);
    ReleaseFixtures.writeCompleteNotes(r);
    r.meet("acceptance-criteria", evidence("https://jira.octoacme.example/CHK-12"), QUINCY, NOW);
    r.meet("ci-security", evidence("https://ci.octoacme.example/builds/1842"), devops(), NOW);
    r.meet("release-notes", Evidence.NONE, releaseManager(), NOW);
    r.meet("rollback-plan", evidence("https://wiki.octoacme.example/rb"), devops(), NOW);
    r.meet("support-trained", new Evidence(null, "training held"), releaseManager(), NOW);
    r.meet("support-trained", new Evidence(null, "attended"), support(), NOW);
    r.complete("schedule-window", "mail sent", null, null, releaseManager(), NOW);
    r.complete("backup", "snapshot", null, null, devops(), NOW);
    r.complete("quality-gate", "all green", null, null, qaLead(), NOW);
    r.complete("deploy-staging", null, null, Outcome.SUCCEEDED, devops(), NOW);
    r.complete("smoke-staging", "12/12 passed", null, Outcome.SUCCEEDED, qaLead(), NOW);
    approve(r);
    return r;
  }

  /** The approvals the process asks for, if any: a QA lead and a DevOps engineer. */
  static void approve(Release r) {
    if (r.approvalsRequired().isEmpty()) return;
    r.approve(null, "fine by QA", QUINCY, NOW);
    r.approve(null, "fine by ops", devops(), NOW);
  }

  @Test
  void whoDecidedGoMayNotDeployToProduction() {
    Release r = awaitingDecision(STRICT);
    r.decide(Verdict.GO, "all green", RITA_BOTH, NOW);

    String expected =
        "You decided go on this release; another devops member must deploy"
            + " (separation of duties: decider-not-deployer).";
    Action complete = r.canComplete("deploy-production", RITA_BOTH);
    assertThat(complete.isBlocked()).isTrue();
    assertThat(complete.reason()).isEqualTo(expected);
    assertThat(complete.blockers())
        .containsExactly(new Blocker("separation-of-duties", "decider-not-deployer", expected));
    assertThat(r.canStart("deploy-production", RITA_BOTH).reason()).isEqualTo(expected);

    Refused refused =
        catchThrowableOfType(
            Refused.class,
            () -> r.complete("deploy-production", null, null, Outcome.SUCCEEDED, RITA_BOTH, NOW));
    assertThat(refused.getMessage()).isEqualTo(expected);
    assertThat(refused.status()).isEqualTo(409);
    assertThat(ReleaseFixtures.step(r, "deploy-production").status()).isEqualTo(StepStatus.PENDING);

    assertThat(r.canComplete("deploy-production", devops()).isOffered()).isTrue();
    r.complete("deploy-production", null, null, Outcome.SUCCEEDED, devops(), NOW);
  }

  @Test
  void thePagesShowTheDeployDisabledWithTheReason() {
    Release r = awaitingDecision(STRICT);
    r.decide(Verdict.GO, "all green", RITA_BOTH, NOW);
    Actions actions = r.actionsFor(RITA_BOTH);
    assertThat(actions.shown("complete", "deploy-production")).isTrue();
    assertThat(actions.offered("complete", "deploy-production")).isFalse();
    assertThat(actions.blockers("complete", "deploy-production"))
        .extracting(Blocker::kind)
        .containsExactly("separation-of-duties");
  }

  @Test
  void aNoGoIsNoActTheRuleNames() {
    Release r = awaitingDecision(STRICT);
    r.decide(Verdict.NO_GO, "freeze", RITA_BOTH, NOW);
    assertThat(SeparationOfDutiesPolicy.doneBy(r, SeparationOfDutiesPolicy.GO)).isEmpty();
    approve(r); // approvals are given for one decision
    r.decide(Verdict.GO, "freeze lifted", 1, RITA_BOTH, NOW);
    assertThat(SeparationOfDutiesPolicy.doneBy(r, SeparationOfDutiesPolicy.GO))
        .containsExactly("rita");
  }

  @Test
  void whoPassedTheQualityGateMayNotAcceptTheCriteria() {
    Release r = planned(STRICT);
    r.complete("schedule-window", "mail sent", null, null, releaseManager(), NOW);
    r.complete(
        "quality-gate", "all green", evidence("https://qa.example/311"), null, qaLead(), NOW);
    Action meet = r.canMeet("acceptance-criteria", qaLead());
    assertThat(meet.isBlocked()).isTrue();
    assertThat(meet.reason())
        .isEqualTo(
            "You did step 'quality-gate' on this release; another qa-lead member must meet or"
                + " sign requirement 'acceptance-criteria' (separation of duties:"
                + " evidence-not-signer).");
    assertThat(r.canMeet("acceptance-criteria", QUINCY).isOffered()).isTrue();
  }

  /**
   * The built-in process with two rules on its step-met requirement and its optional step: whoever
   * deployed to staging may not meet smoke-tests (which the staging smoke test meets), and whoever
   * wrote the rollback plan may not take or skip the backup.
   */
  static final ProcessDefinition GAPS =
      ProcessParser.parse(
          ProcessParser.builtInYaml()
              + "separationOfDuties:\n"
              + "  - rule: deployer-not-tester\n"
              + "    notSamePerson: [step:deploy-staging, requirement:smoke-tests]\n"
              + "  - rule: planner-not-backup\n"
              + "    notSamePerson: [requirement:rollback-plan, step:backup]\n");

  /** Holds devops and qa-lead: may deploy to staging and run the smoke tests, not both. */
  static final Participant DANA_BOTH = person("dana", "devops", "qa-lead");

  @Test
  void aStepThatMeetsARequirementIsThatRequirementsActToo() {
    Release r = planned(GAPS);
    r.complete("schedule-window", "mail sent", null, null, releaseManager(), NOW);
    r.complete("backup", "snapshot", null, null, devops(), NOW);
    r.complete("quality-gate", "all green", null, null, qaLead(), NOW);
    r.complete("deploy-staging", null, null, Outcome.SUCCEEDED, DANA_BOTH, NOW);

    String expected =
        "You deployed to staging on this release; another qa-lead member must do step"
            + " 'smoke-staging', which meets requirement 'smoke-tests' (separation of duties:"
            + " deployer-not-tester).";
    Action complete = r.canComplete("smoke-staging", DANA_BOTH);
    assertThat(complete.isBlocked()).isTrue();
    assertThat(complete.reason()).isEqualTo(expected);
    assertThat(complete.blockers())
        .containsExactly(new Blocker("separation-of-duties", "deployer-not-tester", expected));
    Refused refused =
        catchThrowableOfType(
            Refused.class,
            () -> r.complete("smoke-staging", "12/12", null, Outcome.SUCCEEDED, DANA_BOTH, NOW));
    assertThat(refused.getMessage()).isEqualTo(expected);
    assertThat(ReleaseFixtures.requirement(r, "smoke-tests").met()).isFalse();
    assertThat(r.canMeet("smoke-tests", DANA_BOTH).isBlocked())
        .as("meeting it directly was already guarded")
        .isTrue();

    r.complete("smoke-staging", "12/12", null, Outcome.SUCCEEDED, qaLead(), NOW);
    assertThat(ReleaseFixtures.requirement(r, "smoke-tests").by()).isEqualTo("quinn");
  }

  @Test
  void aStepWhoseRequirementIsAlreadyMetIsOnlyItsOwnAct() {
    Release r = planned(GAPS);
    r.complete("schedule-window", "mail sent", null, null, releaseManager(), NOW);
    r.complete("backup", "snapshot", null, null, devops(), NOW);
    r.complete("quality-gate", "all green", null, null, qaLead(), NOW);
    r.complete("deploy-staging", null, null, Outcome.SUCCEEDED, DANA_BOTH, NOW);
    r.meet("smoke-tests", evidence("https://qa.example/smoke/7"), qaLead(), NOW);
    assertThat(r.canComplete("smoke-staging", DANA_BOTH).isOffered()).isTrue();
  }

  @Test
  void skippingIsGuardedAndCountsAsTheStepsAct() {
    Release r = planned(GAPS);
    r.complete("schedule-window", "mail sent", null, null, releaseManager(), NOW);
    r.meet("rollback-plan", evidence("https://wiki.example/rb"), devops(), NOW);

    Action skip = r.canSkip("backup", devops());
    assertThat(skip.isBlocked()).isTrue();
    assertThat(skip.reason())
        .isEqualTo(
            "You met or signed requirement 'rollback-plan' on this release; another devops member"
                + " must do step 'backup' (separation of duties: planner-not-backup).");
    assertThat(r.actionsFor(devops()).blockers("skip", "backup"))
        .extracting(Blocker::kind)
        .containsExactly("separation-of-duties");
    assertThat(
            catchThrowableOfType(
                    Refused.class, () -> r.skip("backup", "no data changes", devops(), NOW))
                .status())
        .isEqualTo(409);
    assertThat(ReleaseFixtures.step(r, "backup").status()).isEqualTo(StepStatus.PENDING);

    Participant dave = person("dave", "devops");
    r.skip("backup", "no data changes", dave, NOW);
    assertThat(SeparationOfDutiesPolicy.doneBy(r, SeparationOfDutiesPolicy.step("backup")))
        .containsExactly("dave");
  }

  @Test
  void whoSkippedAStepMayNotDoTheOtherActOfItsRule() {
    Release r = planned(GAPS);
    r.complete("schedule-window", "mail sent", null, null, releaseManager(), NOW);
    r.skip("backup", "no data changes", devops(), NOW);
    Action meet = r.canMeet("rollback-plan", devops());
    assertThat(meet.isBlocked()).isTrue();
    assertThat(meet.reason())
        .isEqualTo(
            "You skipped step 'backup' on this release; another devops member must meet or sign"
                + " requirement 'rollback-plan' (separation of duties: planner-not-backup).");
  }

  @Test
  void theStandardProcessLetsOnePersonDecideAndDeploy() {
    Release r = awaitingDecision(ProcessParser.builtIn());
    r.decide(Verdict.GO, "all green", RITA_BOTH, NOW);
    assertThat(r.canComplete("deploy-production", RITA_BOTH).isOffered()).isTrue();
  }
}
