package io.tollgate.release;

import static io.tollgate.release.ReleaseFixtures.aPlannedRelease;
import static io.tollgate.release.ReleaseFixtures.aReleaseAwaitingDecision;
import static io.tollgate.release.ReleaseFixtures.admin;
import static io.tollgate.release.ReleaseFixtures.devops;
import static io.tollgate.release.ReleaseFixtures.qaLead;
import static io.tollgate.release.ReleaseFixtures.releaseManager;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tollgate.release.Action.Availability;
import io.tollgate.release.Decision.Verdict;
import io.tollgate.shared.Blocker;
import io.tollgate.shared.Forbidden;
import io.tollgate.shared.NotFound;
import io.tollgate.shared.Refused;
import org.junit.jupiter.api.Test;

/** Each command's check, as the command and the pages both use it, without running the command. */
class ActionsTests {

  @Test
  void anActionIsOfferedBlockedWithItsBlockersOrNotOfferedWithItsReason() {
    Release release = aPlannedRelease();

    Action meet = release.canMeet("acceptance-criteria", qaLead());
    assertThat(meet.availability()).isEqualTo(Availability.OFFERED);
    assertThat(meet.reason()).isEmpty();

    Action gate = release.canComplete("quality-gate", qaLead());
    assertThat(gate.availability()).isEqualTo(Availability.BLOCKED);
    assertThat(gate.blockers()).extracting(Blocker::key).containsExactly("schedule-window");

    Action notMine = release.canComplete("schedule-window", qaLead());
    assertThat(notMine.availability()).isEqualTo(Availability.NOT_OFFERED);
    assertThat(notMine.refusal()).isInstanceOf(Forbidden.class);
    assertThat(notMine.reason()).contains("release-manager");

    Action unknown = release.canComplete("no-such-step", releaseManager());
    assertThat(unknown.refusal()).isInstanceOf(NotFound.class);
  }

  @Test
  void goIsTheReleaseManagersButBlockedUntilEverythingIsDoneWhileNoGoIsOffered() {
    Release release = aPlannedRelease();

    Action go = release.canDecide(Verdict.GO, releaseManager());
    assertThat(go.isBlocked()).isTrue();
    assertThat(go.isShown()).isTrue();
    assertThat(go.blockers()).isEqualTo(release.goBlockers());
    assertThat(release.canDecide(Verdict.NO_GO, releaseManager()).isOffered()).isTrue();
    assertThat(release.canDecide(Verdict.GO, qaLead()).isShown()).isFalse();

    assertThat(aReleaseAwaitingDecision().canDecide(Verdict.GO, releaseManager()).isOffered())
        .isTrue();
  }

  @Test
  void theCommandThrowsExactlyWhatItsCheckSays() {
    Release release = aPlannedRelease();
    Action gate = release.canComplete("quality-gate", qaLead());

    assertThatThrownBy(
            () -> release.complete("quality-gate", null, null, null, qaLead(), ReleaseFixtures.NOW))
        .isInstanceOf(Refused.class)
        .hasMessage(gate.reason())
        .extracting(e -> ((Refused) e).blockers())
        .isEqualTo(gate.blockers());
  }

  @Test
  void checkingEveryActionChangesNothing() {
    Release release = aPlannedRelease();
    ReleaseData before = release.toData();

    Actions all = release.actionsFor(releaseManager());
    release.actionsFor(qaLead());
    release.actionsFor(devops());

    assertThat(release.toData()).isEqualTo(before);
    assertThat(all.offered("complete", "schedule-window")).isTrue();
    assertThat(all.shown("decide", "go")).isTrue();
    assertThat(all.offered("decide", "go")).isFalse();
    assertThat(all.blockers("decide", "go")).isNotEmpty();
    assertThat(all.offered("cancel", "")).isTrue();
    assertThat(all.anyShown("notes")).isTrue();
  }

  @Test
  void theAdminAndOtherRolesSeeNothingOfAnotherRolesWork() {
    Release release = aPlannedRelease();

    assertThat(release.actionsFor(admin()).all()).noneMatch(Action::isShown);
    assertThat(release.actionsFor(devops()).all())
        .filteredOn(Action::isShown)
        .extracting(a -> a.kind() + ":" + a.key())
        .contains("meet:ci-security", "complete:backup", "skip:backup", "start:deploy-staging")
        .doesNotContain("complete:schedule-window", "decide:go", "cancel:");
  }

  @Test
  void aSignatureAlreadyGivenByTheRoleShowsWhatTheRequirementStillNeeds() {
    Release release = aPlannedRelease();
    release.meet("support-trained", Evidence.NONE, releaseManager(), ReleaseFixtures.NOW);

    Action again = release.canMeet("support-trained", releaseManager());

    assertThat(again.isBlocked()).isTrue();
    assertThat(again.blockers()).extracting(Blocker::key).containsExactly("support");
  }
}
