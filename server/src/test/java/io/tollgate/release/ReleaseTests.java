package io.tollgate.release;

import static io.tollgate.release.ReleaseFixtures.NOW;
import static io.tollgate.release.ReleaseFixtures.OCTOACME;
import static io.tollgate.release.ReleaseFixtures.aClosedRelease;
import static io.tollgate.release.ReleaseFixtures.aPlannedRelease;
import static io.tollgate.release.ReleaseFixtures.aRejectedRelease;
import static io.tollgate.release.ReleaseFixtures.aReleaseAwaitingDecision;
import static io.tollgate.release.ReleaseFixtures.aReleaseInStaging;
import static io.tollgate.release.ReleaseFixtures.aReleaseReadyForStaging;
import static io.tollgate.release.ReleaseFixtures.aReleaseWhoseProductionDeploymentFailed;
import static io.tollgate.release.ReleaseFixtures.aReleaseWithCompleteNotes;
import static io.tollgate.release.ReleaseFixtures.aReleasedRelease;
import static io.tollgate.release.ReleaseFixtures.aScheduledRelease;
import static io.tollgate.release.ReleaseFixtures.admin;
import static io.tollgate.release.ReleaseFixtures.anAnnouncedRelease;
import static io.tollgate.release.ReleaseFixtures.anApprovedRelease;
import static io.tollgate.release.ReleaseFixtures.developer;
import static io.tollgate.release.ReleaseFixtures.devops;
import static io.tollgate.release.ReleaseFixtures.evidence;
import static io.tollgate.release.ReleaseFixtures.handoff;
import static io.tollgate.release.ReleaseFixtures.meetEveryRequirementButSmokeTests;
import static io.tollgate.release.ReleaseFixtures.person;
import static io.tollgate.release.ReleaseFixtures.qaLead;
import static io.tollgate.release.ReleaseFixtures.releaseManager;
import static io.tollgate.release.ReleaseFixtures.requirement;
import static io.tollgate.release.ReleaseFixtures.step;
import static io.tollgate.release.ReleaseFixtures.support;
import static io.tollgate.release.ReleaseFixtures.writeCompleteNotes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

import io.tollgate.notes.ReleaseNotes;
import io.tollgate.process.ReleaseType;
import io.tollgate.process.StepDef;
import io.tollgate.release.Decision.Verdict;
import io.tollgate.release.ReleaseEvent.DecisionRecorded;
import io.tollgate.release.ReleaseEvent.DeploymentRecorded;
import io.tollgate.release.ReleaseEvent.HandoffAcknowledged;
import io.tollgate.release.ReleaseEvent.HandoffHanded;
import io.tollgate.release.ReleaseEvent.ReleaseFailed;
import io.tollgate.release.ReleaseEvent.ReleasePlanned;
import io.tollgate.release.ReleaseEvent.RequirementMet;
import io.tollgate.release.ReleaseEvent.RequirementSigned;
import io.tollgate.release.ReleaseEvent.StepCompleted;
import io.tollgate.release.ReleaseEvent.StepSkipped;
import io.tollgate.release.ReleaseEvent.VerificationRecorded;
import io.tollgate.shared.BadRequest;
import io.tollgate.shared.Blocker;
import io.tollgate.shared.Forbidden;
import io.tollgate.shared.Invalid;
import io.tollgate.shared.NotFound;
import io.tollgate.shared.Refused;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** The rules of a release's lifecycle, on the built-in OctoAcme process. */
class ReleaseTests {

  private static final List<String> REQUIREMENTS =
      List.of(
          "acceptance-criteria",
          "ci-security",
          "release-notes",
          "rollback-plan",
          "smoke-tests",
          "support-trained");
  private static final List<String> STEPS_BEFORE_DECISION =
      List.of("schedule-window", "backup", "quality-gate", "deploy-staging", "smoke-staging");

  // ---------------------------------------------------------------- planning

  @Test
  void plansEveryRequirementStepAndHandoffOfTheGuideOpen() {
    Planning.Planned planned =
        Planning.plan(
            ReleaseId.random(),
            "checkout",
            ReleaseFixtures.OCTOACME_V1,
            OCTOACME,
            ReleaseType.MAJOR,
            SemanticVersion.of(2, 0, 0),
            "Checkout",
            null,
            null,
            releaseManager(),
            NOW);

    Release release = planned.release();
    assertThat(release.status()).isEqualTo(ReleaseStatus.PLANNED);
    assertThat(release.requirements())
        .extracting(RequirementState::key)
        .containsExactlyElementsOf(REQUIREMENTS);
    assertThat(release.requirements()).noneMatch(RequirementState::met);
    assertThat(release.steps())
        .extracting(StepState::key)
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
    assertThat(release.steps())
        .allMatch(s -> s.status() == StepStatus.PENDING && s.attempts() == 0);
    assertThat(release.handoffs())
        .extracting(HandoffState::key, HandoffState::status)
        .containsExactly(
            tuple("qa-to-rm", HandoffStatus.WAITING),
            tuple("rm-to-devops", HandoffStatus.WAITING),
            tuple("devops-to-rm", HandoffStatus.WAITING),
            tuple("rm-to-support", HandoffStatus.WAITING));
    assertThat(release.notes()).isEqualTo(ReleaseNotes.empty());
    assertThat(release.latestDecision()).isNull();
    assertThat(release.revision()).isZero();
    assertThat(release.createdBy()).isEqualTo("rita");
    assertThat(planned.events())
        .containsExactly(new ReleasePlanned(release.id(), "checkout", "2.0.0", "major"));
  }

  @Test
  void onlyTheReleaseManagerPlansARelease() {
    for (Participant other : List.of(admin(), qaLead(), devops(), developer(), support())) {
      assertThatThrownBy(() -> plan(other, null))
          .isInstanceOf(Forbidden.class)
          .hasMessageContaining("needs the role 'release-manager'")
          .hasMessageContaining(other.username());
    }
  }

  @Test
  void refusesADeploymentWindowThatEndsBeforeItStarts() {
    Instant start = Instant.parse("2026-03-10T18:00:00Z");

    assertThatThrownBy(() -> plan(releaseManager(), new Window(start, start.minusSeconds(60))))
        .isInstanceOf(Invalid.class)
        .hasMessageContaining("window");
    assertThatThrownBy(() -> plan(releaseManager(), new Window(start, start)))
        .isInstanceOf(Invalid.class);
  }

  private static Release plan(Participant by, Window window) {
    return Planning.plan(
            ReleaseId.random(),
            "checkout",
            ReleaseFixtures.OCTOACME_V1,
            OCTOACME,
            ReleaseType.MINOR,
            SemanticVersion.of(1, 4, 0),
            null,
            window,
            null,
            by,
            NOW)
        .release();
  }

  // ---------------------------------------------------------------- roles

  static Stream<Arguments> everyCommandWithTheRoleItNeeds() {
    return Stream.of(
        command(
            "meet acceptance-criteria",
            "qa-lead",
            aPlannedRelease(),
            (r, p) -> r.meet("acceptance-criteria", Evidence.NONE, p, NOW)),
        command(
            "meet ci-security",
            "devops",
            aPlannedRelease(),
            (r, p) -> r.meet("ci-security", Evidence.NONE, p, NOW)),
        command(
            "meet release-notes",
            "release-manager",
            aReleaseWithCompleteNotes(ReleaseType.MINOR),
            (r, p) -> r.meet("release-notes", Evidence.NONE, p, NOW)),
        command(
            "sign support-trained",
            "release-manager' or 'support",
            aPlannedRelease(),
            (r, p) -> r.meet("support-trained", Evidence.NONE, p, NOW)),
        command(
            "complete schedule-window",
            "release-manager",
            aPlannedRelease(),
            (r, p) -> r.complete("schedule-window", null, null, null, p, NOW)),
        command(
            "complete quality-gate",
            "qa-lead",
            aScheduledRelease(),
            (r, p) -> r.complete("quality-gate", null, null, null, p, NOW)),
        command(
            "complete deploy-staging",
            "devops",
            aReleaseReadyForStaging(),
            (r, p) -> r.complete("deploy-staging", null, null, Outcome.SUCCEEDED, p, NOW)),
        command(
            "complete monitor-customers",
            "support",
            anAnnouncedRelease(),
            (r, p) -> r.complete("monitor-customers", null, null, null, p, NOW)),
        command(
            "skip backup",
            "devops",
            aScheduledRelease(),
            (r, p) -> r.skip("backup", "no schema change", p, NOW)),
        command(
            "decide go",
            "release-manager",
            aReleaseAwaitingDecision(),
            (r, p) -> r.decide(Verdict.GO, "all green", p, NOW)),
        command(
            "decide no-go",
            "release-manager",
            aPlannedRelease(),
            (r, p) -> r.decide(Verdict.NO_GO, "not ready", p, NOW)),
        command(
            "acknowledge qa-to-rm",
            "release-manager",
            aReleaseAwaitingDecision(),
            (r, p) -> r.acknowledge("qa-to-rm", p, NOW)),
        command(
            "acknowledge rm-to-devops",
            "devops",
            anApprovedRelease(),
            (r, p) -> r.acknowledge("rm-to-devops", p, NOW)),
        command(
            "edit the summary",
            "release-manager",
            aPlannedRelease(),
            (r, p) -> r.updateNotes(Map.of("summary", List.of("x")), p)),
        command(
            "edit the known issues",
            "qa-lead",
            aPlannedRelease(),
            (r, p) -> r.updateNotes(Map.of("knownIssues", List.of("x")), p)),
        command(
            "cancel",
            "release-manager",
            aPlannedRelease(),
            (r, p) -> r.cancel("budget cut", p, NOW)));
  }

  private static Arguments command(
      String name, String role, Release release, BiConsumer<Release, Participant> call) {
    return Arguments.of(name, role, release, call);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("everyCommandWithTheRoleItNeeds")
  void refusesTheAdminWhoHoldsNoProcessRoleNamingTheRoleNeeded(
      String name, String role, Release release, BiConsumer<Release, Participant> call) {
    ReleaseData before = release.toData();

    assertThatThrownBy(() -> call.accept(release, admin()))
        .isInstanceOf(Forbidden.class)
        .hasMessageContaining("needs the role '" + role + "'")
        .hasMessageContaining("admin holds no role");
    assertThat(release.toData()).as("a refused command changes nothing").isEqualTo(before);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("everyCommandWithTheRoleItNeeds")
  void refusesAPersonWithAnotherRole(
      String name, String role, Release release, BiConsumer<Release, Participant> call) {
    Participant other =
        role.startsWith("qa-lead") ? developer() : person("quinn", "qa-lead", "developer");

    assertThatThrownBy(() -> call.accept(release, other))
        .isInstanceOf(Forbidden.class)
        .hasMessageContaining("needs the role '" + role + "'")
        .hasMessageContaining(other.username() + " holds ");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("everyCommandWithTheRoleItNeeds")
  void letsTheHolderOfTheOwningRoleAct(
      String name, String role, Release release, BiConsumer<Release, Participant> call) {
    Participant owner = person("owner", role.split("' or '"));

    call.accept(release, owner);
  }

  // ---------------------------------------------------------------- order of steps

  @Test
  void waitsForTheWindowBeforeTheQualityGate() {
    Release release = aPlannedRelease();

    Refused refused =
        refused(() -> release.complete("quality-gate", null, null, null, qaLead(), NOW));

    assertThat(refused.blockers())
        .extracting(Blocker::kind, Blocker::key)
        .containsExactly(tuple("step", "schedule-window"));
    assertThat(refused).hasMessageContaining("schedule-window");
  }

  @Test
  void deploysToStagingOnlyAfterTheQualityGateAndTheBackup() {
    Release release = aScheduledRelease();

    Refused refused =
        refused(
            () -> release.complete("deploy-staging", null, null, Outcome.SUCCEEDED, devops(), NOW));

    assertThat(refused.blockers())
        .extracting(Blocker::kind, Blocker::key)
        .containsExactly(tuple("step", "backup"), tuple("step", "quality-gate"));
    assertThat(step(release, "deploy-staging").status()).isEqualTo(StepStatus.PENDING);
  }

  @Test
  void listsOnlyTheDependenciesStillMissing() {
    Release release = aScheduledRelease();
    release.complete("quality-gate", null, null, null, qaLead(), NOW);

    Refused refused =
        refused(
            () -> release.complete("deploy-staging", null, null, Outcome.SUCCEEDED, devops(), NOW));

    assertThat(refused.blockers())
        .extracting(Blocker::kind, Blocker::key)
        .containsExactly(tuple("step", "backup"));
  }

  @Test
  void countsASkippedOptionalStepAsSettled() {
    Release release = aScheduledRelease();
    List<ReleaseEvent> skipped =
        release.skip("backup", "  no schema change in this release ", devops(), NOW);
    release.complete("quality-gate", null, null, null, qaLead(), NOW);

    release.complete("deploy-staging", null, null, Outcome.SUCCEEDED, devops(), NOW);

    assertThat(skipped)
        .containsExactly(
            new StepSkipped(release.id(), "backup", "no schema change in this release"));
    assertThat(step(release, "backup").status()).isEqualTo(StepStatus.SKIPPED);
    assertThat(step(release, "backup").note()).isEqualTo("no schema change in this release");
    assertThat(step(release, "deploy-staging").status()).isEqualTo(StepStatus.DONE);
  }

  @Test
  void refusesToSkipAStepThatIsNotOptional() {
    Release release = aScheduledRelease();

    Refused refused = refused(() -> release.skip("quality-gate", "in a hurry", qaLead(), NOW));

    assertThat(refused).hasMessageContaining("not optional");
    assertThat(step(release, "quality-gate").status()).isEqualTo(StepStatus.PENDING);
  }

  @Test
  void skippingNeedsAReason() {
    Release release = aScheduledRelease();

    for (String reason : new String[] {null, "", "   "}) {
      assertThatThrownBy(() -> release.skip("backup", reason, devops(), NOW))
          .isInstanceOf(BadRequest.class)
          .hasMessageContaining("reason");
    }
    assertThat(step(release, "backup").status()).isEqualTo(StepStatus.PENDING);
  }

  @Test
  void refusesToSkipAStepAlreadyDone() {
    Release release = aReleaseReadyForStaging();

    assertThatThrownBy(() -> release.skip("backup", "changed my mind", devops(), NOW))
        .isInstanceOf(Refused.class);
    assertThat(step(release, "backup").status()).isEqualTo(StepStatus.DONE);
  }

  @Test
  void refusesToCompleteAStepTwice() {
    Release release = aScheduledRelease();

    assertThatThrownBy(
            () -> release.complete("schedule-window", null, null, null, releaseManager(), NOW))
        .isInstanceOf(Refused.class)
        .hasMessageContaining("already done");
    assertThat(step(release, "schedule-window").attempts()).isOne();
  }

  @Test
  void refusesToCompleteASkippedStep() {
    Release release = aScheduledRelease();
    release.skip("backup", "no schema change", devops(), NOW);

    assertThatThrownBy(() -> release.complete("backup", null, null, null, devops(), NOW))
        .isInstanceOf(Refused.class)
        .hasMessageContaining("skipped");
  }

  @Test
  void theDecisionStepIsTakenOnlyByTheDecisionCall() {
    Release release = aReleaseAwaitingDecision();

    assertThatThrownBy(() -> release.complete("go-no-go", null, null, null, releaseManager(), NOW))
        .isInstanceOf(Refused.class)
        .hasMessageContaining("/decision");
  }

  @Test
  void aStepOrRequirementNotInTheProcessIsNotFound() {
    Release release = aPlannedRelease();

    assertThatThrownBy(() -> release.complete("deploy-moon", null, null, null, devops(), NOW))
        .isInstanceOf(NotFound.class)
        .hasMessageContaining("schedule-window");
    assertThatThrownBy(() -> release.meet("fun", Evidence.NONE, qaLead(), NOW))
        .isInstanceOf(NotFound.class);
    assertThatThrownBy(() -> release.acknowledge("qa-to-ceo", qaLead(), NOW))
        .isInstanceOf(NotFound.class);
  }

  @Test
  void offersTheStepsSomeoneCanActOnNow() {
    Release release = aPlannedRelease();
    assertThat(release.actionableSteps())
        .extracting(StepDef::key)
        .containsExactly("schedule-window");

    release.complete("schedule-window", null, null, null, releaseManager(), NOW);
    assertThat(release.actionableSteps())
        .extracting(StepDef::key)
        .containsExactly("backup", "quality-gate");

    release.skip("backup", "no schema change", devops(), NOW);
    assertThat(release.actionableSteps()).extracting(StepDef::key).containsExactly("quality-gate");
  }

  // ---------------------------------------------------------------- outcomes

  @Test
  void deploySmokeTestAndVerificationStepsNeedAnOutcome() {
    Release inStaging = aReleaseInStaging();
    Release ready = aReleaseReadyForStaging();
    Release released = aReleasedRelease();

    assertThatThrownBy(() -> ready.complete("deploy-staging", null, null, null, devops(), NOW))
        .isInstanceOf(BadRequest.class)
        .hasMessageContaining("outcome");
    assertThatThrownBy(() -> inStaging.complete("smoke-staging", null, null, null, qaLead(), NOW))
        .isInstanceOf(BadRequest.class)
        .hasMessageContaining("outcome");
    assertThatThrownBy(
            () -> released.complete("verify-production", null, null, null, devops(), NOW))
        .isInstanceOf(BadRequest.class)
        .hasMessageContaining("outcome");
    assertThatThrownBy(
            () ->
                anApprovedRelease().complete("deploy-production", null, null, null, devops(), NOW))
        .isInstanceOf(BadRequest.class);
  }

  @Test
  void manualStepsRefuseAnOutcome() {
    Release release = aPlannedRelease();

    assertThatThrownBy(
            () ->
                release.complete(
                    "schedule-window", null, null, Outcome.SUCCEEDED, releaseManager(), NOW))
        .isInstanceOf(Invalid.class)
        .hasMessageContaining("takes no outcome");
    assertThat(step(release, "schedule-window").status()).isEqualTo(StepStatus.PENDING);
  }

  @Test
  void aFailedStepMayBeCompletedAgainAndTheLatestOutcomeCounts() {
    Release release = aReleaseReadyForStaging();

    List<ReleaseEvent> first =
        release.complete(
            "deploy-staging", "image pull failed", null, Outcome.FAILED, devops(), NOW);
    assertThat(step(release, "deploy-staging").status()).isEqualTo(StepStatus.FAILED);
    assertThat(release.actionableSteps())
        .extracting(StepDef::key)
        .contains("deploy-staging")
        .doesNotContain("smoke-staging");

    List<ReleaseEvent> second =
        release.complete(
            "deploy-staging", "retried", null, Outcome.SUCCEEDED, devops(), NOW.plusSeconds(600));

    StepState state = step(release, "deploy-staging");
    assertThat(state.status()).isEqualTo(StepStatus.DONE);
    assertThat(state.outcome()).isEqualTo(Outcome.SUCCEEDED);
    assertThat(state.attempts()).isEqualTo(2);
    assertThat(state.at()).isEqualTo(NOW.plusSeconds(600));
    assertThat(first).contains(new StepCompleted(release.id(), "deploy-staging", "failed", 1));
    assertThat(second).contains(new StepCompleted(release.id(), "deploy-staging", "succeeded", 2));
    assertThat(java.util.stream.Stream.concat(first.stream(), second.stream()))
        .filteredOn(e -> e instanceof DeploymentRecorded)
        .map(e -> (DeploymentRecorded) e)
        .extracting(DeploymentRecorded::environment, DeploymentRecorded::outcome)
        .containsExactly(tuple("staging", "failed"), tuple("staging", "succeeded"));
    release.complete("smoke-staging", null, null, Outcome.SUCCEEDED, qaLead(), NOW);
  }

  @Test
  void aFailedStepHoldsBackWhatDependsOnIt() {
    Release release = aReleaseReadyForStaging();
    release.complete("deploy-staging", null, null, Outcome.FAILED, devops(), NOW);

    Refused refused =
        refused(
            () -> release.complete("smoke-staging", null, null, Outcome.SUCCEEDED, qaLead(), NOW));

    assertThat(refused.blockers())
        .extracting(Blocker::kind, Blocker::key)
        .containsExactly(tuple("step", "deploy-staging"));
  }

  @Test
  void recordsEveryDeploymentWithItsEnvironmentAndVersion() {
    Release release = aReleaseReadyForStaging();

    List<ReleaseEvent> events =
        release.complete(
            "deploy-staging",
            null,
            evidence("https://ci.octoacme.example/deploy/41"),
            Outcome.SUCCEEDED,
            devops(),
            NOW);

    assertThat(events)
        .contains(
            new DeploymentRecorded(
                release.id(), "checkout", "staging", "1.4.0", "succeeded", "dora", NOW));
    assertThat(step(release, "deploy-staging").evidence().url())
        .isEqualTo("https://ci.octoacme.example/deploy/41");
  }

  // ---------------------------------------------------------------- smoke tests

  @Test
  void succeedingSmokeTestsInStagingMeetTheSmokeTestsRequirement() {
    Release release = aReleaseInStaging();

    List<ReleaseEvent> events =
        release.complete("smoke-staging", "12/12 passed", null, Outcome.SUCCEEDED, qaLead(), NOW);

    RequirementState smoke = requirement(release, "smoke-tests");
    assertThat(smoke.met()).isTrue();
    assertThat(smoke.by()).isEqualTo("quinn");
    assertThat(smoke.evidence().note()).contains("smoke-staging").contains("12/12 passed");
    assertThat(events).contains(new RequirementMet(release.id(), "smoke-tests", true));
  }

  @Test
  void failedSmokeTestsInStagingDoNotMeetTheSmokeTestsRequirement() {
    Release release = aReleaseInStaging();

    List<ReleaseEvent> events =
        release.complete(
            "smoke-staging", "checkout button missing", null, Outcome.FAILED, qaLead(), NOW);

    assertThat(requirement(release, "smoke-tests").met()).isFalse();
    assertThat(events).noneMatch(e -> e instanceof RequirementMet);
    assertThat(step(release, "smoke-staging").status()).isEqualTo(StepStatus.FAILED);
  }

  @Test
  void aRetriedSmokeTestThatSucceedsMeetsTheSmokeTestsRequirement() {
    Release release = aReleaseInStaging();
    release.complete(
        "smoke-staging", "checkout button missing", null, Outcome.FAILED, qaLead(), NOW);

    release.complete(
        "smoke-staging", "fixed config, 12/12 passed", null, Outcome.SUCCEEDED, qaLead(), NOW);

    assertThat(requirement(release, "smoke-tests").met()).isTrue();
    assertThat(step(release, "smoke-staging").attempts()).isEqualTo(2);
  }

  @Test
  void theQaLeadMayMeetTheSmokeTestsRequirementByHand() {
    Release release = aPlannedRelease();

    release.meet("smoke-tests", evidence("https://qa.octoacme.example/smoke/7"), qaLead(), NOW);

    assertThat(requirement(release, "smoke-tests").met()).isTrue();
    assertThat(requirement(release, "smoke-tests").evidence().url())
        .isEqualTo("https://qa.octoacme.example/smoke/7");
  }

  @Test
  void refusesToMeetARequirementTwice() {
    Release release = aPlannedRelease();
    release.meet("ci-security", Evidence.NONE, devops(), NOW);

    assertThatThrownBy(
            () -> release.meet("ci-security", Evidence.NONE, devops(), NOW.plusSeconds(5)))
        .isInstanceOf(Refused.class)
        .hasMessageContaining("already met");
    assertThat(requirement(release, "ci-security").at()).isEqualTo(NOW);
  }

  // ---------------------------------------------------------------- go / no-go

  @Test
  void refusesGoUntilEveryRequirementIsMetAndEveryEarlierStepIsDone() {
    Release release = aPlannedRelease();

    Refused refused = refused(() -> release.decide(Verdict.GO, "ship it", releaseManager(), NOW));

    List<Tuple2> expected = new java.util.ArrayList<>();
    REQUIREMENTS.forEach(r -> expected.add(new Tuple2("requirement", r)));
    STEPS_BEFORE_DECISION.forEach(s -> expected.add(new Tuple2("step", s)));
    assertThat(refused.blockers())
        .extracting(b -> new Tuple2(b.kind(), b.key()))
        .containsExactlyElementsOf(expected);
    assertThat(release.decisions()).isEmpty();
    assertThat(step(release, "go-no-go").status()).isEqualTo(StepStatus.PENDING);
    assertThat(release.goBlockers()).isEqualTo(refused.blockers());
  }

  private record Tuple2(String kind, String key) {}

  @Test
  void refusesGoNamingOnlyWhatIsStillMissing() {
    Release release = aPlannedRelease();
    writeCompleteNotes(release);
    meetEveryRequirementButSmokeTests(release);
    release.complete("schedule-window", null, null, null, releaseManager(), NOW);
    release.skip("backup", "no schema change", devops(), NOW);
    release.complete("quality-gate", null, null, null, qaLead(), NOW);

    Refused refused = refused(() -> release.decide(Verdict.GO, "ship it", releaseManager(), NOW));

    assertThat(refused.blockers())
        .extracting(Blocker::kind, Blocker::key)
        .containsExactly(
            tuple("requirement", "smoke-tests"),
            tuple("step", "deploy-staging"),
            tuple("step", "smoke-staging"));
  }

  @Test
  void refusesGoWhileSmokeTestsFailed() {
    Release release = aPlannedRelease();
    writeCompleteNotes(release);
    meetEveryRequirementButSmokeTests(release);
    release.meet("smoke-tests", new Evidence(null, "suite prepared"), qaLead(), NOW);
    release.complete("schedule-window", null, null, null, releaseManager(), NOW);
    release.complete("backup", null, null, null, devops(), NOW);
    release.complete("quality-gate", null, null, null, qaLead(), NOW);
    release.complete("deploy-staging", null, null, Outcome.SUCCEEDED, devops(), NOW);
    release.complete(
        "smoke-staging", "checkout button missing", null, Outcome.FAILED, qaLead(), NOW);

    Refused refused = refused(() -> release.decide(Verdict.GO, "ship it", releaseManager(), NOW));

    assertThat(refused.blockers())
        .extracting(Blocker::kind, Blocker::key)
        .containsExactly(tuple("step", "smoke-staging"));
    assertThat(refused.blockers().get(0).title()).contains("failed");
    assertThat(release.status()).isEqualTo(ReleaseStatus.PREPARING);
  }

  @Test
  void refusesGoWhileSupportTrainingLacksASignature() {
    Release release = aPlannedRelease();
    writeCompleteNotes(release);
    release.meet("support-trained", Evidence.NONE, releaseManager(), NOW);

    Refused refused = refused(() -> release.decide(Verdict.GO, "ship it", releaseManager(), NOW));

    assertThat(refused.blockers())
        .filteredOn(b -> b.key().equals("support-trained"))
        .singleElement()
        .satisfies(b -> assertThat(b.title()).endsWith("(support)"));
  }

  @Test
  void goesOnceEverythingIsDoneAndHandsOverToDevops() {
    Release release = aReleaseAwaitingDecision();

    List<ReleaseEvent> events =
        release.decide(Verdict.GO, "  All gates green ", releaseManager(), NOW);

    assertThat(release.status()).isEqualTo(ReleaseStatus.APPROVED);
    Decision decision = release.latestDecision();
    assertThat(decision.decision()).isEqualTo(Verdict.GO);
    assertThat(decision.rationale()).isEqualTo("All gates green");
    assertThat(decision.by()).isEqualTo("rita");
    assertThat(decision.at()).isEqualTo(NOW);
    assertThat(step(release, "go-no-go").status()).isEqualTo(StepStatus.DONE);
    assertThat(events)
        .containsExactly(
            new DecisionRecorded(release.id(), "go", "All gates green"),
            new HandoffHanded(release.id(), "rm-to-devops", "release-manager", "devops"));
  }

  @Test
  void allowsNoGoAtAnyTimeAndGoOnceTheWorkIsDone() {
    Release release = aPlannedRelease();

    List<ReleaseEvent> noGo =
        release.decide(Verdict.NO_GO, "Nothing tested yet", releaseManager(), NOW);
    assertThat(noGo)
        .containsExactly(new DecisionRecorded(release.id(), "no-go", "Nothing tested yet"));
    assertThat(release.status()).isEqualTo(ReleaseStatus.NO_GO);

    writeCompleteNotes(release);
    meetEveryRequirementButSmokeTests(release);
    release.complete("schedule-window", null, null, null, releaseManager(), NOW);
    release.complete("backup", null, null, null, devops(), NOW);
    release.complete("quality-gate", null, null, null, qaLead(), NOW);
    release.complete("deploy-staging", null, null, Outcome.SUCCEEDED, devops(), NOW);
    release.complete("smoke-staging", null, null, Outcome.SUCCEEDED, qaLead(), NOW);
    assertThat(release.status())
        .as("still no-go until decided again")
        .isEqualTo(ReleaseStatus.NO_GO);

    release.decide(Verdict.GO, "Everything green now", releaseManager(), NOW.plusSeconds(3600));

    assertThat(release.status()).isEqualTo(ReleaseStatus.APPROVED);
    assertThat(release.decisions())
        .extracting(Decision::decision)
        .containsExactly(Verdict.NO_GO, Verdict.GO);
    assertThat(release.latestDecision().rationale()).isEqualTo("Everything green now");
    assertThat(step(release, "go-no-go").attempts()).isEqualTo(2);
  }

  @Test
  void aDecisionNeedsARationale() {
    Release release = aReleaseAwaitingDecision();

    for (String rationale : new String[] {null, "", "  "}) {
      assertThatThrownBy(() -> release.decide(Verdict.GO, rationale, releaseManager(), NOW))
          .isInstanceOf(BadRequest.class)
          .hasMessageContaining("rationale");
      assertThatThrownBy(() -> release.decide(Verdict.NO_GO, rationale, releaseManager(), NOW))
          .isInstanceOf(BadRequest.class);
    }
    assertThat(release.decisions()).isEmpty();
  }

  @Test
  void refusesANewDecisionOnceProductionWasDeployed() {
    Release release = aReleasedRelease();

    assertThatThrownBy(
            () -> release.decide(Verdict.NO_GO, "second thoughts", releaseManager(), NOW))
        .isInstanceOf(Refused.class);
    assertThat(release.decisions()).hasSize(1);
  }

  @Test
  void aDecisionKeepsASnapshotOfEveryRequirementAndStep() {
    Release release = aReleaseInStaging();
    release.decide(Verdict.NO_GO, "Smoke tests not run yet", releaseManager(), NOW);
    Decision.Snapshot snapshot = release.latestDecision().snapshot();

    assertThat(snapshot.requirements())
        .extracting(RequirementState::key)
        .containsExactlyElementsOf(REQUIREMENTS);
    assertThat(snapshot.requirements()).noneMatch(RequirementState::met);
    assertThat(snapshot.steps()).hasSize(10);
    assertThat(snapshot.steps())
        .filteredOn(s -> s.key().equals("deploy-staging"))
        .singleElement()
        .extracting(StepState::status)
        .isEqualTo(StepStatus.DONE);
    assertThat(snapshot.steps())
        .filteredOn(s -> s.key().equals("smoke-staging"))
        .singleElement()
        .extracting(StepState::status)
        .isEqualTo(StepStatus.PENDING);
    Decision.Snapshot copy = new Decision.Snapshot(snapshot.requirements(), snapshot.steps());

    release.complete("smoke-staging", null, null, Outcome.SUCCEEDED, qaLead(), NOW);
    writeCompleteNotes(release);
    meetEveryRequirementButSmokeTests(release);
    release.decide(Verdict.GO, "All green", releaseManager(), NOW);

    Decision first = release.decisions().get(0);
    assertThat(first.snapshot()).isEqualTo(copy);
    assertThat(first.snapshot().steps())
        .filteredOn(s -> s.key().equals("smoke-staging"))
        .singleElement()
        .extracting(StepState::status)
        .isEqualTo(StepStatus.PENDING);
    assertThat(release.decisions().get(1).snapshot().requirements())
        .allMatch(RequirementState::met);
  }

  // ---------------------------------------------------------------- production

  @Test
  void refusesProductionDeploymentBeforeGo() {
    Release release = aReleaseAwaitingDecision();

    Refused refused =
        refused(
            () ->
                release.complete(
                    "deploy-production", null, null, Outcome.SUCCEEDED, devops(), NOW));

    assertThat(refused.blockers())
        .extracting(Blocker::kind, Blocker::key)
        .containsExactly(tuple("decision", "go-no-go"));
    assertThat(step(release, "deploy-production").attempts()).isZero();
  }

  @Test
  void refusesProductionDeploymentAfterNoGo() {
    Release release = aRejectedRelease();

    Refused refused =
        refused(
            () ->
                release.complete(
                    "deploy-production", null, null, Outcome.SUCCEEDED, devops(), NOW));

    assertThat(refused.blockers())
        .extracting(Blocker::kind, Blocker::key)
        .containsExactly(tuple("decision", "go-no-go"));
    assertThat(refused.blockers().get(0).title())
        .contains("no-go")
        .contains("Payment provider freeze");
  }

  @Test
  void refusesProductionDeploymentWhenGoWasRevokedByANoGo() {
    Release release = anApprovedRelease();
    release.decide(Verdict.NO_GO, "Incident on the payment provider", releaseManager(), NOW);

    Refused refused =
        refused(
            () ->
                release.complete(
                    "deploy-production", null, null, Outcome.SUCCEEDED, devops(), NOW));

    assertThat(refused.blockers()).extracting(Blocker::kind).containsExactly("decision");
    assertThat(release.status()).isEqualTo(ReleaseStatus.NO_GO);
  }

  @Test
  void deploysToProductionAfterGo() {
    Release release = anApprovedRelease();

    List<ReleaseEvent> events =
        release.complete("deploy-production", null, null, Outcome.SUCCEEDED, devops(), NOW);

    assertThat(events)
        .contains(
            new DeploymentRecorded(
                release.id(), "checkout", "production", "1.4.0", "succeeded", "dora", NOW));
    assertThat(events).noneMatch(e -> e instanceof ReleaseFailed);
    assertThat(release.status()).isEqualTo(ReleaseStatus.RELEASED);
  }

  @Test
  void aFailedProductionDeploymentEmitsReleaseFailed() {
    Release release = anApprovedRelease();

    List<ReleaseEvent> events =
        release.complete(
            "deploy-production", "pods crash-looping", null, Outcome.FAILED, devops(), NOW);

    assertThat(events)
        .contains(
            new ReleaseFailed(
                release.id(),
                "checkout",
                "1.4.0",
                ReleaseFixtures.OCTOACME_V1,
                "deploy-production",
                "production",
                new io.tollgate.shared.Actor("dora", false)));
    assertThat(release.status()).isEqualTo(ReleaseStatus.FAILED);
  }

  @Test
  void aFailedVerificationEmitsReleaseFailed() {
    Release release = aReleasedRelease();

    List<ReleaseEvent> events =
        release.complete(
            "verify-production", "error rate 12%", null, Outcome.FAILED, devops(), NOW);

    assertThat(events)
        .contains(
            new VerificationRecorded(release.id(), "checkout", "production", "1.4.0", "failed"),
            new ReleaseFailed(
                release.id(),
                "checkout",
                "1.4.0",
                ReleaseFixtures.OCTOACME_V1,
                "verify-production",
                "production",
                new io.tollgate.shared.Actor("dora", false)));
    assertThat(release.status()).isEqualTo(ReleaseStatus.FAILED);
    assertThat(handoff(release, "devops-to-rm").status().id())
        .as("nothing to hand over")
        .isEqualTo("waiting");
  }

  @Test
  void aFailedStagingDeploymentDoesNotEmitReleaseFailed() {
    Release release = aReleaseReadyForStaging();

    List<ReleaseEvent> events =
        release.complete(
            "deploy-staging", "image pull failed", null, Outcome.FAILED, devops(), NOW);

    assertThat(events).noneMatch(e -> e instanceof ReleaseFailed);
    assertThat(events)
        .contains(
            new DeploymentRecorded(
                release.id(), "checkout", "staging", "1.4.0", "failed", "dora", NOW));
    assertThat(release.status()).isEqualTo(ReleaseStatus.PREPARING);
  }

  @Test
  void aFailedStagingSmokeTestDoesNotEmitReleaseFailed() {
    Release release = aReleaseInStaging();

    List<ReleaseEvent> events =
        release.complete("smoke-staging", null, null, Outcome.FAILED, qaLead(), NOW);

    assertThat(events).noneMatch(e -> e instanceof ReleaseFailed);
  }

  // ---------------------------------------------------------------- notes

  @Test
  void releaseNotesCanBeMetOnlyWhenComplete() {
    Release release = aPlannedRelease(ReleaseType.MINOR);

    Refused refused =
        refused(() -> release.meet("release-notes", Evidence.NONE, releaseManager(), NOW));

    assertThat(refused.blockers())
        .extracting(Blocker::kind, Blocker::key, Blocker::title)
        .containsExactly(
            tuple("notes-field", "summary", "Summary"),
            tuple("notes-field", "notableChanges", "Notable changes"));
    assertThat(requirement(release, "release-notes").met()).isFalse();
  }

  @Test
  void releaseNotesNeedAtLeastOneNotableChange() {
    Release release = aPlannedRelease(ReleaseType.PATCH);
    release.updateNotes(
        Map.of("summary", List.of("Fixes double charges"), "notableChanges", List.of(" ", "")),
        releaseManager());

    Refused refused =
        refused(() -> release.meet("release-notes", Evidence.NONE, releaseManager(), NOW));

    assertThat(refused.blockers())
        .extracting(Blocker::kind, Blocker::key)
        .containsExactly(tuple("notes-field", "notableChanges"));
  }

  @Test
  void aMajorReleasesNotesNeedMigrationSteps() {
    Release release = aPlannedRelease(ReleaseType.MAJOR);
    release.updateNotes(
        Map.of("summary", List.of("New checkout"), "notableChanges", List.of("One-page checkout")),
        releaseManager());

    Refused refused =
        refused(() -> release.meet("release-notes", Evidence.NONE, releaseManager(), NOW));
    assertThat(refused.blockers())
        .extracting(Blocker::kind, Blocker::key)
        .containsExactly(tuple("notes-field", "migrationSteps"));

    release.updateNotes(
        Map.of("migrationSteps", List.of("Run the card-vault migration")), releaseManager());
    List<ReleaseEvent> events = release.meet("release-notes", Evidence.NONE, releaseManager(), NOW);

    assertThat(events).containsExactly(new RequirementMet(release.id(), "release-notes", false));
    assertThat(requirement(release, "release-notes").met()).isTrue();
  }

  @ParameterizedTest
  @EnumSource(
      value = ReleaseType.class,
      names = {"MINOR", "PATCH"})
  void minorAndPatchReleasesNeedNoMigrationSteps(ReleaseType type) {
    Release release = aPlannedRelease(type);
    release.updateNotes(
        Map.of("summary", List.of("Faster checkout"), "notableChanges", List.of("Saved cards")),
        releaseManager());

    release.meet("release-notes", Evidence.NONE, releaseManager(), NOW);

    assertThat(requirement(release, "release-notes").met()).isTrue();
  }

  @Test
  void knownIssuesBelongToTheQaLead() {
    Release release = aPlannedRelease();

    assertThatThrownBy(
            () ->
                release.updateNotes(Map.of("knownIssues", List.of("Slow on IE")), releaseManager()))
        .isInstanceOf(Forbidden.class)
        .hasMessageContaining("'qa-lead'");
    release.updateNotes(
        Map.of("knownIssues", List.of("Slow on IE 11", "Apple Pay later")), qaLead());

    assertThat(release.notes().get("knownIssues"))
        .containsExactly("Slow on IE 11", "Apple Pay later");
  }

  @Test
  void theOtherNotesFieldsBelongToTheReleaseManager() {
    Release release = aPlannedRelease();

    for (String field : List.of("summary", "notableChanges", "migrationSteps")) {
      assertThatThrownBy(() -> release.updateNotes(Map.of(field, List.of("x")), qaLead()))
          .isInstanceOf(Forbidden.class)
          .hasMessageContaining("'release-manager'")
          .hasMessageContaining(field);
    }
    assertThat(release.notes()).isEqualTo(ReleaseNotes.empty());
  }

  @Test
  void aNotesChangeWithOneForbiddenFieldChangesNoField() {
    Release release = aPlannedRelease();
    Map<String, List<String>> changes = new java.util.LinkedHashMap<>();
    changes.put("summary", List.of("Faster checkout"));
    changes.put("knownIssues", List.of("Slow on IE 11"));

    assertThatThrownBy(() -> release.updateNotes(changes, releaseManager()))
        .isInstanceOf(Forbidden.class);

    assertThat(release.notes()).isEqualTo(ReleaseNotes.empty());
  }

  @Test
  void refusesUnknownNotesFieldsAndSeveralSummaries() {
    Release release = aPlannedRelease();

    assertThatThrownBy(() -> release.updateNotes(Map.of("jokes", List.of("x")), releaseManager()))
        .isInstanceOf(Invalid.class)
        .hasMessageContaining("knownIssues");
    assertThatThrownBy(
            () -> release.updateNotes(Map.of("summary", List.of("one", "two")), releaseManager()))
        .isInstanceOf(Invalid.class);
    assertThatThrownBy(() -> release.updateNotes(Map.of(), releaseManager()))
        .isInstanceOf(BadRequest.class);
  }

  // ---------------------------------------------------------------- support training

  @Test
  void supportTrainingIsMetOnlyOnceBothRolesHaveSigned() {
    Release release = aPlannedRelease();

    List<ReleaseEvent> first =
        release.meet("support-trained", new Evidence(null, "training held"), releaseManager(), NOW);
    assertThat(first)
        .containsExactly(new RequirementSigned(release.id(), "support-trained", "release-manager"));
    assertThat(requirement(release, "support-trained").met()).isFalse();
    assertThat(requirement(release, "support-trained").signatures())
        .containsExactly(new Signature("release-manager", "rita", NOW));
    assertThat(release.status()).isEqualTo(ReleaseStatus.PREPARING);

    List<ReleaseEvent> second =
        release.meet("support-trained", Evidence.NONE, support(), NOW.plusSeconds(60));

    assertThat(second)
        .containsExactly(
            new RequirementSigned(release.id(), "support-trained", "support"),
            new RequirementMet(release.id(), "support-trained", false));
    RequirementState trained = requirement(release, "support-trained");
    assertThat(trained.met()).isTrue();
    assertThat(trained.signatures())
        .extracting(Signature::role, Signature::by)
        .containsExactly(tuple("release-manager", "rita"), tuple("support", "sam"));
  }

  @Test
  void supportMaySignFirst() {
    Release release = aPlannedRelease();

    release.meet("support-trained", Evidence.NONE, support(), NOW);
    release.meet("support-trained", Evidence.NONE, releaseManager(), NOW);

    assertThat(requirement(release, "support-trained").met()).isTrue();
  }

  @Test
  void theSameRoleCannotSignTwice() {
    Release release = aPlannedRelease();
    release.meet("support-trained", Evidence.NONE, releaseManager(), NOW);

    Refused byTheSamePerson =
        refused(() -> release.meet("support-trained", Evidence.NONE, releaseManager(), NOW));
    Refused byAnotherReleaseManager =
        refused(
            () ->
                release.meet(
                    "support-trained", Evidence.NONE, person("rob", "release-manager"), NOW));

    assertThat(byTheSamePerson.blockers())
        .extracting(Blocker::kind, Blocker::key)
        .containsExactly(tuple("signature", "support"));
    assertThat(byAnotherReleaseManager.blockers())
        .extracting(Blocker::kind, Blocker::key)
        .containsExactly(tuple("signature", "support"));
    assertThat(requirement(release, "support-trained").signatures()).hasSize(1);
    assertThat(requirement(release, "support-trained").met()).isFalse();
  }

  @Test
  void aPersonHoldingBothRolesCannotSignBothAlone() {
    Release release = aPlannedRelease();
    Participant both = person("alex", "release-manager", "support");

    release.meet("support-trained", Evidence.NONE, both, NOW);
    assertThat(requirement(release, "support-trained").signatures()).hasSize(1);

    assertThatThrownBy(() -> release.meet("support-trained", Evidence.NONE, both, NOW))
        .isInstanceOf(Refused.class)
        .hasMessageContaining("another person");
    assertThat(requirement(release, "support-trained").met()).isFalse();

    Participant other =
        requirement(release, "support-trained").signedBy("release-manager")
            ? support()
            : releaseManager();
    release.meet("support-trained", Evidence.NONE, other, NOW);
    assertThat(requirement(release, "support-trained").met()).isTrue();
  }

  @Test
  void refusesToSignASignedRequirementAgain() {
    Release release = aReleaseAwaitingDecision();

    assertThatThrownBy(() -> release.meet("support-trained", Evidence.NONE, support(), NOW))
        .isInstanceOf(Refused.class)
        .hasMessageContaining("already met");
  }

  // ---------------------------------------------------------------- handoffs

  @Test
  void handsQaToReleaseManagerWhenTheQualityGateCompletes() {
    Release release = aScheduledRelease();

    List<ReleaseEvent> events = release.complete("quality-gate", null, null, null, qaLead(), NOW);

    assertThat(events)
        .contains(new HandoffHanded(release.id(), "qa-to-rm", "qa-lead", "release-manager"));
    assertThat(handoff(release, "qa-to-rm").status().id()).isEqualTo("handed");
    assertThat(handoff(release, "qa-to-rm").handedAt()).isEqualTo(NOW);
    assertThat(handoff(release, "rm-to-devops").status().id()).isEqualTo("waiting");
  }

  @Test
  void handsReleaseManagerToDevopsOnlyOnGo() {
    Release release = aReleaseAwaitingDecision();
    release.decide(Verdict.NO_GO, "Payment provider freeze", releaseManager(), NOW);
    assertThat(handoff(release, "rm-to-devops").status().id()).isEqualTo("waiting");

    release.decide(Verdict.GO, "Freeze lifted", releaseManager(), NOW);

    assertThat(handoff(release, "rm-to-devops").status().id()).isEqualTo("handed");
  }

  @Test
  void handsOverAfterVerificationAndAnnouncement() {
    Release release = aReleasedRelease();
    release.complete("verify-production", null, null, Outcome.SUCCEEDED, devops(), NOW);
    assertThat(handoff(release, "devops-to-rm").status().id()).isEqualTo("handed");
    assertThat(handoff(release, "rm-to-support").status().id()).isEqualTo("waiting");

    release.complete("announce", null, null, null, releaseManager(), NOW);

    assertThat(handoff(release, "rm-to-support").status().id()).isEqualTo("handed");
  }

  @Test
  void onlyTheReceivingRoleAcknowledgesAHandoff() {
    Release release = aReleaseAwaitingDecision();

    assertThatThrownBy(() -> release.acknowledge("qa-to-rm", qaLead(), NOW))
        .as("the handing role")
        .isInstanceOf(Forbidden.class)
        .hasMessageContaining("'release-manager'");
    assertThatThrownBy(() -> release.acknowledge("qa-to-rm", devops(), NOW))
        .isInstanceOf(Forbidden.class);

    List<ReleaseEvent> events =
        release.acknowledge("qa-to-rm", releaseManager(), NOW.plusSeconds(30));

    assertThat(events).containsExactly(new HandoffAcknowledged(release.id(), "qa-to-rm"));
    HandoffState state = handoff(release, "qa-to-rm");
    assertThat(state.status()).isEqualTo(HandoffStatus.ACKNOWLEDGED);
    assertThat(state.acknowledgedBy()).isEqualTo("rita");
    assertThat(state.acknowledgedAt()).isEqualTo(NOW.plusSeconds(30));
  }

  @Test
  void refusesToAcknowledgeAHandoffBeforeItIsHanded() {
    Release release = aReleaseAwaitingDecision();

    Refused refused = refused(() -> release.acknowledge("rm-to-devops", devops(), NOW));

    assertThat(refused.blockers())
        .extracting(Blocker::kind, Blocker::key)
        .containsExactly(tuple("step", "go-no-go"));
    assertThat(refused).hasMessageContaining("with a go");
    Refused qa = refused(() -> aScheduledRelease().acknowledge("qa-to-rm", releaseManager(), NOW));
    assertThat(qa.blockers())
        .extracting(Blocker::kind, Blocker::key)
        .containsExactly(tuple("step", "quality-gate"));
  }

  @Test
  void refusesToAcknowledgeAHandoffTwice() {
    Release release = anApprovedRelease();
    release.acknowledge("rm-to-devops", devops(), NOW);

    assertThatThrownBy(
            () -> release.acknowledge("rm-to-devops", person("dana", "devops"), NOW.plusSeconds(5)))
        .isInstanceOf(Refused.class)
        .hasMessageContaining("already acknowledged");
    assertThat(handoff(release, "rm-to-devops").acknowledgedBy()).isEqualTo("dora");
  }

  // ---------------------------------------------------------------- status

  @Test
  void derivesItsStatusFromWhatWasDone() {
    Release release = aPlannedRelease();
    assertThat(release.status()).isEqualTo(ReleaseStatus.PLANNED);

    release.complete("schedule-window", null, null, null, releaseManager(), NOW);
    assertThat(release.status()).isEqualTo(ReleaseStatus.PREPARING);

    writeCompleteNotes(release);
    meetEveryRequirementButSmokeTests(release);
    release.complete("backup", null, null, null, devops(), NOW);
    release.complete("quality-gate", null, null, null, qaLead(), NOW);
    release.complete("deploy-staging", null, null, Outcome.SUCCEEDED, devops(), NOW);
    assertThat(release.status()).isEqualTo(ReleaseStatus.PREPARING);
    release.complete("smoke-staging", null, null, Outcome.SUCCEEDED, qaLead(), NOW);
    assertThat(release.status()).isEqualTo(ReleaseStatus.AWAITING_DECISION);

    release.decide(Verdict.NO_GO, "Freeze", releaseManager(), NOW);
    assertThat(release.status()).isEqualTo(ReleaseStatus.NO_GO);
    release.decide(Verdict.GO, "Freeze lifted", releaseManager(), NOW);
    assertThat(release.status()).isEqualTo(ReleaseStatus.APPROVED);

    release.complete("deploy-production", null, null, Outcome.SUCCEEDED, devops(), NOW);
    assertThat(release.status()).isEqualTo(ReleaseStatus.RELEASED);
    release.complete("verify-production", null, null, Outcome.SUCCEEDED, devops(), NOW);
    release.complete("announce", null, null, null, releaseManager(), NOW);
    assertThat(release.status()).isEqualTo(ReleaseStatus.RELEASED);
    release.complete("monitor-customers", null, null, null, support(), NOW);
    assertThat(release.status()).isEqualTo(ReleaseStatus.CLOSED);
    assertThat(release.status().isActive()).isFalse();
  }

  @Test
  void closesOnceEveryStepIsDoneOrSkipped() {
    Release release = aPlannedRelease();
    writeCompleteNotes(release);
    meetEveryRequirementButSmokeTests(release);
    release.complete("schedule-window", null, null, null, releaseManager(), NOW);
    release.skip("backup", "no schema change", devops(), NOW);
    release.complete("quality-gate", null, null, null, qaLead(), NOW);
    release.complete("deploy-staging", null, null, Outcome.SUCCEEDED, devops(), NOW);
    release.complete("smoke-staging", null, null, Outcome.SUCCEEDED, qaLead(), NOW);
    release.decide(Verdict.GO, "All green", releaseManager(), NOW);
    release.complete("deploy-production", null, null, Outcome.SUCCEEDED, devops(), NOW);
    release.complete("verify-production", null, null, Outcome.SUCCEEDED, devops(), NOW);
    release.complete("announce", null, null, null, releaseManager(), NOW);
    assertThat(release.status()).isEqualTo(ReleaseStatus.RELEASED);

    release.complete("monitor-customers", null, null, null, support(), NOW);

    assertThat(release.status()).isEqualTo(ReleaseStatus.CLOSED);
    assertThat(aClosedRelease().status()).isEqualTo(ReleaseStatus.CLOSED);
  }

  @Test
  void isFailedWhileProductionDeploymentOrVerificationFailedAndReleasedOnceARetrySucceeds() {
    Release release = aReleaseWhoseProductionDeploymentFailed();
    assertThat(release.status()).isEqualTo(ReleaseStatus.FAILED);

    release.complete("deploy-production", "fixed config", null, Outcome.SUCCEEDED, devops(), NOW);
    assertThat(release.status()).isEqualTo(ReleaseStatus.RELEASED);

    release.complete("verify-production", null, null, Outcome.FAILED, devops(), NOW);
    assertThat(release.status()).isEqualTo(ReleaseStatus.FAILED);
  }

  @Test
  void isRolledBackOnceTheIncidentRolledItBack() {
    Release release = aReleaseWhoseProductionDeploymentFailed();

    List<ReleaseEvent> events = release.rolledBack("inc-1", "production", "1.3.0", "dora", NOW);

    assertThat(release.status()).isEqualTo(ReleaseStatus.ROLLED_BACK);
    assertThat(events)
        .containsExactly(
            new ReleaseEvent.ReleaseRolledBack(release.id(), "inc-1", "production", "1.3.0"));
    assertThat(release.rollback())
        .isEqualTo(new Rollback("inc-1", "production", "1.3.0", "dora", NOW));
    assertThatThrownBy(() -> release.rolledBack("inc-2", "production", "1.3.0", "dora", NOW))
        .isInstanceOf(Refused.class);
  }

  @Test
  void aRolledBackReleaseRefusesMoreWork() {
    Release release = aReleaseWhoseProductionDeploymentFailed();
    release.rolledBack("inc-1", "production", "1.3.0", "dora", NOW);

    assertThatThrownBy(
            () ->
                release.complete("deploy-production", null, null, Outcome.SUCCEEDED, devops(), NOW))
        .isInstanceOf(Refused.class)
        .hasMessageContaining("rolled back");
    assertThatThrownBy(() -> release.acknowledge("rm-to-devops", devops(), NOW))
        .isInstanceOf(Refused.class);
  }

  // ---------------------------------------------------------------- cancel

  @Test
  void theReleaseManagerCancelsWithAReason() {
    Release release = aReleaseAwaitingDecision();

    List<ReleaseEvent> events = release.cancel("  Superseded by 1.5.0 ", releaseManager(), NOW);

    assertThat(release.status()).isEqualTo(ReleaseStatus.CANCELLED);
    assertThat(release.cancellation())
        .isEqualTo(new Cancellation("Superseded by 1.5.0", "rita", NOW));
    assertThat(events)
        .containsExactly(new ReleaseEvent.ReleaseCancelled(release.id(), "Superseded by 1.5.0"));
    assertThat(release.status().isActive()).isFalse();
  }

  @Test
  void cancellingNeedsAReason() {
    Release release = aPlannedRelease();

    assertThatThrownBy(() -> release.cancel(" ", releaseManager(), NOW))
        .isInstanceOf(BadRequest.class);
    assertThat(release.status()).isEqualTo(ReleaseStatus.PLANNED);
  }

  @Test
  void refusesToCancelOnceProductionDeploymentWasAttempted() {
    for (Release release :
        List.of(aReleasedRelease(), aReleaseWhoseProductionDeploymentFailed(), aClosedRelease())) {
      ReleaseStatus before = release.status();

      assertThatThrownBy(() -> release.cancel("changed our minds", releaseManager(), NOW))
          .isInstanceOf(Refused.class)
          .hasMessageContaining("roll back");
      assertThat(release.status()).isEqualTo(before);
    }
  }

  @Test
  void mayCancelAfterGoAsLongAsProductionWasNotTouched() {
    Release release = anApprovedRelease();

    release.cancel("Customer asked to wait", releaseManager(), NOW);

    assertThat(release.status()).isEqualTo(ReleaseStatus.CANCELLED);
  }

  static Stream<Arguments> everyCommandOnACancelledRelease() {
    Stream<Consumer<Release>> commands =
        Stream.of(
            r -> r.meet("acceptance-criteria", Evidence.NONE, qaLead(), NOW),
            r -> r.meet("support-trained", Evidence.NONE, support(), NOW),
            r -> r.complete("backup", null, null, null, devops(), NOW),
            r -> r.complete("deploy-staging", null, null, Outcome.SUCCEEDED, devops(), NOW),
            r -> r.skip("backup", "no schema change", devops(), NOW),
            r -> r.decide(Verdict.NO_GO, "cancelled anyway", releaseManager(), NOW),
            r -> r.acknowledge("qa-to-rm", releaseManager(), NOW),
            r -> r.updateNotes(Map.of("summary", List.of("x")), releaseManager()),
            r -> r.cancel("again", releaseManager(), NOW),
            r -> r.rolledBack("inc-1", "production", "1.3.0", "dora", NOW));
    return commands.map(Arguments::of);
  }

  @ParameterizedTest
  @MethodSource("everyCommandOnACancelledRelease")
  void aCancelledReleaseRefusesEveryCommand(Consumer<Release> command) {
    Release release = aReleaseReadyForStaging();
    release.cancel("Superseded by 1.5.0", releaseManager(), NOW);
    ReleaseData before = release.toData();

    assertThatThrownBy(() -> command.accept(release))
        .isInstanceOf(Refused.class)
        .hasMessageContaining("cancelled");
    assertThat(release.toData()).isEqualTo(before);
  }

  // ---------------------------------------------------------------- storage

  @Test
  void restoresEverythingFromItsData() {
    Release release = aReleaseWhoseProductionDeploymentFailed();
    release.acknowledge("qa-to-rm", releaseManager(), NOW);
    release.updateNotes(Map.of("knownIssues", List.of("Slow on IE 11")), qaLead());
    release.rolledBack("inc-1", "production", "1.3.0", "dora", NOW);
    ReleaseData data = release.toData().withRevision(7);

    Release restored = Release.restore(data, OCTOACME);

    assertThat(restored.toData()).isEqualTo(data);
    assertThat(restored.revision()).isEqualTo(7);
    assertThat(restored.status()).isEqualTo(ReleaseStatus.ROLLED_BACK);
    assertThat(restored.id()).isEqualTo(release.id());
    assertThat(restored.version()).isEqualTo(SemanticVersion.of(1, 4, 0));
    assertThat(restored.type()).isEqualTo(ReleaseType.MINOR);
    assertThat(restored.window()).isEqualTo(release.window());
    assertThat(restored.decisions()).isEqualTo(release.decisions());
    assertThat(restored.notes()).isEqualTo(release.notes());
    assertThat(restored.processRef()).isEqualTo(ReleaseFixtures.OCTOACME_V1);
  }

  @Test
  void aRestoredReleaseGoesOnWhereItStopped() {
    for (Release release :
        List.of(
            aPlannedRelease(),
            aReleaseAwaitingDecision(),
            aRejectedRelease(),
            aReleasedRelease(),
            aClosedRelease())) {
      Release restored = Release.restore(release.toData().withRevision(3), OCTOACME);

      assertThat(restored.status()).isEqualTo(release.status());
      assertThat(restored.goBlockers()).isEqualTo(release.goBlockers());
      assertThat(restored.actionableSteps()).isEqualTo(release.actionableSteps());
    }
    Release restored = Release.restore(aReleaseAwaitingDecision().toData(), OCTOACME);
    restored.decide(Verdict.GO, "All green", releaseManager(), NOW);
    assertThat(restored.status()).isEqualTo(ReleaseStatus.APPROVED);
  }

  @Test
  void restoresACancelledRelease() {
    Release release = aPlannedRelease();
    release.cancel("Superseded", releaseManager(), NOW);

    Release restored = Release.restore(release.toData(), OCTOACME);

    assertThat(restored.status()).isEqualTo(ReleaseStatus.CANCELLED);
    assertThat(restored.cancellation()).isEqualTo(release.cancellation());
  }

  private static Refused refused(ThrowingCallable call) {
    Refused refused = catchThrowableOfType(Refused.class, call);
    assertThat(refused).as("expected the command to be refused (409)").isNotNull();
    return refused;
  }
}
