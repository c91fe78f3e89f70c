package io.tollgate.release;

import static io.tollgate.release.ReleaseFixtures.NOW;
import static io.tollgate.release.ReleaseFixtures.aPlannedRelease;
import static io.tollgate.release.ReleaseFixtures.aReleaseReadyForStaging;
import static io.tollgate.release.ReleaseFixtures.anApprovedRelease;
import static io.tollgate.release.ReleaseFixtures.requirement;
import static io.tollgate.release.ReleaseFixtures.step;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tollgate.release.Decision.Verdict;
import io.tollgate.release.ReleaseEvent.RequirementMet;
import io.tollgate.shared.Actor;
import io.tollgate.shared.Forbidden;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Actors that are not people act only through what the process grants them. */
class GrantsTests {
  static final Participant SYSTEM = Participant.of(Actor.SYSTEM, Set.of(), Set.of());
  static final Participant GITHUB =
      Participant.of(Actor.integration("github"), Set.of("release-manager"), Set.of());
  static final Participant STAGING_AUTOMATION =
      Participant.of(Actor.SYSTEM, Set.of(), Set.of("staging"));

  @Test
  void anIntegrationHoldsNoRoleEvenWhenRolesAreOffered() {
    assertThat(GITHUB.roles()).isEmpty();
    assertThat(GITHUB.actor().kind()).isEqualTo(Actor.Kind.INTEGRATION);
  }

  @Test
  void aRequirementIsMetAutomaticallyOnlyThroughAnEventKindItDeclares() {
    Release release = aPlannedRelease();

    assertThat(release.canMeet("ci-security", GITHUB).refusal()).isInstanceOf(Forbidden.class);
    assertThat(release.canMeet("ci-security", GITHUB, "ci.failed").refusal())
        .isInstanceOf(Forbidden.class);
    assertThat(release.canMeet("acceptance-criteria", GITHUB, "ci.succeeded").refusal())
        .isInstanceOf(Forbidden.class);

    List<ReleaseEvent> events =
        release.meetOnEvent(
            "ci-security", "ci.succeeded", ReleaseFixtures.evidence("https://ci/1"), GITHUB, NOW);

    assertThat(events).containsExactly(new RequirementMet(release.id(), "ci-security", true));
    assertThat(requirement(release, "ci-security").by()).isEqualTo("github");
  }

  @Test
  void aNonPersonCannotMeetARequirementThroughThePersonsCommand() {
    Release release = aPlannedRelease();

    assertThatThrownBy(() -> release.meet("ci-security", Evidence.NONE, SYSTEM, NOW))
        .isInstanceOf(Forbidden.class)
        .hasMessageContaining("autoMet");
  }

  @Test
  void automationRunsOnlyTheDeployAndCheckStepsOfItsEnvironment() {
    Release release = aReleaseReadyForStaging();

    assertThat(release.canStart("deploy-staging", SYSTEM).refusal()).isInstanceOf(Forbidden.class);
    assertThat(release.canStart("deploy-staging", STAGING_AUTOMATION).isOffered()).isTrue();
    assertThat(release.canComplete("backup", STAGING_AUTOMATION).refusal())
        .as("a manual step")
        .isInstanceOf(Forbidden.class);

    release.start("deploy-staging", STAGING_AUTOMATION, NOW);
    release.complete("deploy-staging", null, null, Outcome.SUCCEEDED, STAGING_AUTOMATION, NOW);

    assertThat(step(release, "deploy-staging").by()).isEqualTo("system");
  }

  @Test
  void productionIsNotTheStagingAutomationsToDeploy() {
    Release release = anApprovedRelease();

    assertThat(release.canStart("deploy-production", STAGING_AUTOMATION).refusal())
        .isInstanceOf(Forbidden.class);
  }

  @Test
  void aNonPersonDecidesNothingSkipsNothingAndHandsNothingOver() {
    Release release = aPlannedRelease();

    assertThat(release.canDecide(Verdict.NO_GO, STAGING_AUTOMATION).refusal())
        .isInstanceOf(Forbidden.class);
    assertThat(release.canSkip("backup", STAGING_AUTOMATION).refusal())
        .isInstanceOf(Forbidden.class);
    assertThat(release.canAcknowledge("qa-to-rm", STAGING_AUTOMATION).refusal())
        .isInstanceOf(Forbidden.class);
    assertThat(release.canEditNotes("summary", STAGING_AUTOMATION).refusal())
        .isInstanceOf(Forbidden.class);
    assertThat(release.canCancel(STAGING_AUTOMATION).refusal()).isInstanceOf(Forbidden.class);
    assertThatThrownBy(
            () -> release.updateNotes(Map.of("summary", List.of("x")), STAGING_AUTOMATION))
        .isInstanceOf(Forbidden.class);
    assertThat(release.actionsFor(SYSTEM).all()).noneMatch(Action::isShown);
  }

  @Test
  void aFailureCausedByAnActorIsRecordedWithItsKind() {
    Release release = aReleaseReadyForStaging();
    Participant production = Participant.of(Actor.SYSTEM, Set.of(), Set.of("staging"));
    release.start("deploy-staging", production, NOW);

    List<ReleaseEvent> events =
        release.complete("deploy-staging", null, null, Outcome.FAILED, production, NOW);

    assertThat(events).isNotEmpty();
    assertThat(production.actor().kind()).isEqualTo(Actor.Kind.SYSTEM);
  }
}
