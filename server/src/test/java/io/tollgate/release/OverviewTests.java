package io.tollgate.release;

import static io.tollgate.release.ReleaseFixtures.NOW;
import static io.tollgate.release.ReleaseFixtures.aClosedRelease;
import static io.tollgate.release.ReleaseFixtures.aPlannedRelease;
import static io.tollgate.release.ReleaseFixtures.aReleaseReadyForStaging;
import static io.tollgate.release.ReleaseFixtures.aReleaseWhoseProductionDeploymentFailed;
import static io.tollgate.release.ReleaseFixtures.devops;
import static io.tollgate.release.ReleaseFixtures.person;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

/** What the board filters on, kept beside each release: computed from the release's own actions. */
class OverviewTests {

  @Test
  void aPlannedReleaseWaitsOnTheReleaseManager() {
    Overview o = Overview.of(aPlannedRelease());
    assertThat(o.active()).isTrue();
    assertThat(o.waitingRoles()).contains("release-manager").doesNotContain("developer");
    assertThat(o.deploying()).isEmpty();
    assertThat(o.failedStep()).isFalse();
  }

  @Test
  void aRoleIsWaitedOnExactlyWhenOneOfItsHoldersHasAWaitingAction() {
    Release r = aReleaseReadyForStaging();
    Overview o = Overview.of(r);
    for (io.tollgate.process.Role role : r.process().roles()) {
      boolean waits =
          r.actionsFor(person("someone", role.key())).all().stream().anyMatch(Action::isWaiting);
      assertThat(o.waitingRoles().contains(role.key())).as(role.key()).isEqualTo(waits);
    }
    assertThat(o.waitingRoles()).as("deploy-staging is the DevOps engineer's").contains("devops");
  }

  @Test
  void aRunningDeployStepNamesItsEnvironment() {
    Release r = aReleaseReadyForStaging();
    r.start("deploy-staging", devops(), NOW);
    assertThat(Overview.of(r).deploying()).containsExactly("staging");
  }

  @Test
  void aFailedReleaseIsNotMarkedBlockedAndAFinishedOneWaitsOnNobody() {
    Overview failed = Overview.of(aReleaseWhoseProductionDeploymentFailed());
    assertThat(failed.active()).isTrue();
    assertThat(failed.failedStep()).as("the release itself failed: shown as failed").isFalse();

    Overview closed = Overview.of(aClosedRelease());
    assertThat(closed.active()).isFalse();
    assertThat(closed.waitingRoles()).isEmpty();
    assertThat(closed.deploying()).isEmpty();
  }

  @Test
  void setsAreStoredSoThatOneMemberCanBeFoundWithLike() {
    assertThat(Overview.column(Set.of("qa-lead", "devops"))).isEqualTo(",devops,qa-lead,");
    assertThat(Overview.column(Set.of())).isNull();
  }
}
