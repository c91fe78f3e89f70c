package io.tollgate.release;

import static io.tollgate.release.ReleaseFixtures.NOW;
import static io.tollgate.release.ReleaseFixtures.aReleaseReadyForStaging;
import static io.tollgate.release.ReleaseFixtures.devops;
import static io.tollgate.release.ReleaseFixtures.qaLead;
import static io.tollgate.release.ReleaseFixtures.releaseManager;
import static io.tollgate.release.ReleaseFixtures.step;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.tollgate.release.ReleaseEvent.StepStarted;
import io.tollgate.shared.Actor;
import io.tollgate.shared.Blocker;
import io.tollgate.shared.Refused;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A step's state machine: pending → running → done | failed, and what is refused on the way. */
class StepLifecycleTests {
  static final Participant AUTOMATION =
      new Participant("system", Set.of(), Actor.Kind.SYSTEM, Set.of("staging"));

  @Test
  void startingADeployStepMakesItRunningAndTheRunEndsItWithAnOutcome() {
    Release release = aReleaseReadyForStaging();

    assertThat(release.start("deploy-staging", devops(), NOW))
        .containsExactly(new StepStarted(release.id(), "deploy-staging"));
    assertThat(step(release, "deploy-staging").status()).isEqualTo(StepStatus.RUNNING);
    assertThat(step(release, "deploy-staging").by()).isEqualTo("dora");

    release.complete("deploy-staging", "rolled out", null, Outcome.SUCCEEDED, AUTOMATION, NOW);

    assertThat(step(release, "deploy-staging").status()).isEqualTo(StepStatus.DONE);
    assertThat(step(release, "deploy-staging").attempts()).isEqualTo(1);
  }

  @Test
  void aPersonCannotCompleteOrSkipARunningStep() {
    Release release = aReleaseReadyForStaging();
    release.start("deploy-staging", devops(), NOW);

    Refused complete =
        catchThrowableOfType(
            Refused.class,
            () -> release.complete("deploy-staging", null, null, Outcome.SUCCEEDED, devops(), NOW));
    assertThat(complete).hasMessageContaining("is running");
    assertThat(release.canStart("deploy-staging", devops()).reason()).contains("already running");
    assertThat(step(release, "deploy-staging").status()).isEqualTo(StepStatus.RUNNING);
  }

  @Test
  void skippingARunningOptionalStepIsRefused() {
    Release release = ReleaseFixtures.aScheduledRelease();
    // backup is optional and has no outcome; a running step is reached only by starting one,
    // so a stored running backup stands for a run begun elsewhere
    ReleaseData data = release.toData();
    ReleaseData running =
        new ReleaseData(
            data.schemaVersion(),
            data.id(),
            data.product(),
            data.process(),
            data.type(),
            data.version(),
            data.name(),
            data.window(),
            data.createdBy(),
            data.createdAt(),
            data.requirements(),
            data.steps().stream()
                .map(s -> s.key().equals("backup") ? s.started("dora", NOW) : s)
                .toList(),
            data.handoffs(),
            data.decisions(),
            data.approvals(),
            data.notes(),
            data.cancellation(),
            data.rollback(),
            data.revision(),
            data.source());
    Release restored = Release.restore(running, ReleaseFixtures.OCTOACME);

    assertThat(restored.canSkip("backup", devops()).reason()).contains("running");
  }

  @Test
  void aRunningStepHoldsBackWhatWaitsForItAndOnlyStepsWithAnOutcomeStart() {
    Release release = aReleaseReadyForStaging();
    release.start("deploy-staging", devops(), NOW);

    assertThat(release.canComplete("smoke-staging", qaLead()).blockers())
        .extracting(Blocker::key)
        .containsExactly("deploy-staging");
    assertThat(release.canStart("schedule-window", releaseManager()).reason())
        .contains("completed, not started");
  }

  @Test
  void aFailedStepMayBeStartedAgain() {
    Release release = aReleaseReadyForStaging();
    release.complete("deploy-staging", null, null, Outcome.FAILED, devops(), NOW);

    assertThat(release.canStart("deploy-staging", devops()).isOffered()).isTrue();
    release.start("deploy-staging", devops(), NOW);
    assertThat(step(release, "deploy-staging").status()).isEqualTo(StepStatus.RUNNING);
  }

  @Test
  void startingIsInOrder() {
    Release release = ReleaseFixtures.aPlannedRelease();

    assertThat(release.canStart("deploy-staging", devops()).blockers())
        .extracting(Blocker::key)
        .containsExactly("backup", "quality-gate");
  }
}
