package io.tollgate.release;

import static io.tollgate.release.ReleaseFixtures.NOW;
import static io.tollgate.release.ReleaseFixtures.devops;
import static io.tollgate.release.ReleaseFixtures.person;
import static io.tollgate.release.ReleaseFixtures.releaseManager;
import static io.tollgate.release.SeparationOfDutiesTests.QUINCY;
import static io.tollgate.release.SeparationOfDutiesTests.STRICT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.tollgate.process.ProcessParser;
import io.tollgate.process.ReleaseType;
import io.tollgate.release.Decision.Verdict;
import io.tollgate.shared.Actor;
import io.tollgate.shared.Blocker;
import io.tollgate.shared.Forbidden;
import io.tollgate.shared.Invalid;
import io.tollgate.shared.Refused;
import io.tollgate.shared.TollgateException;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Approval policies ({@link Approvals}) on the shipped strict process, without Spring: go waits for
 * a quorum per role, from distinct people who are not the requester; a decision keeps the approvals
 * it was made with.
 */
class ApprovalsTests {
  /** Everything before the decision done, nobody has approved yet. */
  private static Release awaitingApprovals() {
    Release r = SeparationOfDutiesTests.planned(STRICT);
    ReleaseFixtures.writeCompleteNotes(r);
    r.meet("acceptance-criteria", ReleaseFixtures.evidence("https://t.example/1"), QUINCY, NOW);
    r.meet("ci-security", ReleaseFixtures.evidence("https://ci.example/1"), devops(), NOW);
    r.meet("release-notes", Evidence.NONE, releaseManager(), NOW);
    r.meet("rollback-plan", ReleaseFixtures.evidence("https://wiki.example/rb"), devops(), NOW);
    r.meet("support-trained", new Evidence(null, "held"), releaseManager(), NOW);
    r.meet("support-trained", new Evidence(null, "attended"), ReleaseFixtures.support(), NOW);
    r.complete("schedule-window", "mail sent", null, null, releaseManager(), NOW);
    r.complete("backup", "snapshot", null, null, devops(), NOW);
    r.complete("quality-gate", "all green", null, null, ReleaseFixtures.qaLead(), NOW);
    r.complete("deploy-staging", null, null, Outcome.SUCCEEDED, devops(), NOW);
    r.complete("smoke-staging", "ok", null, Outcome.SUCCEEDED, ReleaseFixtures.qaLead(), NOW);
    return r;
  }

  @Test
  void goWaitsUntilEveryRoleHasItsQuorum() {
    Release r = awaitingApprovals();
    assertThat(r.goBlockers())
        .containsExactly(
            new Blocker("approval", "qa-lead", "QA Lead: 0 of 1 approval(s)"),
            new Blocker("approval", "devops", "DevOps Engineer: 0 of 1 approval(s)"));
    assertThat(r.status()).isEqualTo(ReleaseStatus.PREPARING);
    Action go = r.canDecide(Verdict.GO, releaseManager());
    assertThat(go.isBlocked()).isTrue();
    assertThat(go.reason()).startsWith("Go is refused: 2 item(s) not done yet");

    assertThat(r.canApprove(null, QUINCY).key()).isEqualTo("qa-lead");
    assertThat(r.approve(null, "tested on staging", QUINCY, NOW))
        .containsExactly(new ReleaseEvent.ApprovalGiven(r.id(), "qa-lead", 1, 1));
    assertThat(r.goBlockers())
        .containsExactly(new Blocker("approval", "devops", "DevOps Engineer: 0 of 1 approval(s)"));
    r.approve(null, null, devops(), NOW);
    assertThat(r.goBlockers()).isEmpty();
    assertThat(r.status()).isEqualTo(ReleaseStatus.AWAITING_DECISION);

    r.decide(Verdict.GO, "approved and green", releaseManager(), NOW);
    assertThat(r.latestDecision().snapshot().approvals())
        .containsExactly(
            new Approval("qa-lead", "quincy", NOW, "tested on staging"),
            new Approval("devops", "dora", NOW, null));
    assertThat(r.approvals()).as("the next decision starts with none").isEmpty();
    TollgateException late = r.canApprove(null, person("dave", "devops")).refusal();
    assertThat(late).isInstanceOf(Refused.class);
    assertThat(late.getMessage()).contains("Go was already decided");
  }

  @Test
  void theRequesterMayNotApproveEvenHoldingTheRole() {
    Release r = awaitingApprovals();
    Participant rita = person("rita", "release-manager", "qa-lead");
    Action approve = r.canApprove(null, rita);
    assertThat(approve.isShown()).isFalse();
    assertThat(approve.refusal()).isInstanceOf(Forbidden.class);
    assertThat(approve.reason())
        .isEqualTo(
            "You requested this release (you planned it); its approvals must come from other"
                + " people.");
    assertThat(catchThrowableOfType(Forbidden.class, () -> r.approve(null, null, rita, NOW)))
        .isNotNull();
    assertThat(r.approvals()).isEmpty();
  }

  @Test
  void approvalsComeFromDistinctPeople() {
    Release r = awaitingApprovals();
    Participant dana = person("dana", "qa-lead", "devops");
    r.approve(null, null, dana, NOW);
    assertThat(r.approvals()).extracting(Approval::role).containsExactly("qa-lead");
    Refused twice = catchThrowableOfType(Refused.class, () -> r.approve("devops", null, dana, NOW));
    assertThat(twice.status()).isEqualTo(409);
    assertThat(twice.getMessage())
        .startsWith("You already approved this release as qa-lead")
        .endsWith("each approval must come from a different person.");
    assertThat(r.goBlockers()).extracting(Blocker::key).containsExactly("devops");
  }

  @Test
  void whoMayApproveAndForWhichRole() {
    Release r = awaitingApprovals();
    Action support = r.canApprove(null, ReleaseFixtures.support());
    assertThat(support.refusal()).isInstanceOf(Forbidden.class);
    assertThat(support.reason())
        .isEqualTo(
            "Approving this release needs the role of one of qa-lead, devops; sam holds support.");
    assertThat(r.canApprove("developer", person("dev", "developer")).refusal())
        .as("developers approve major releases only")
        .isInstanceOf(Invalid.class);
    assertThat(r.canApprove("devops", QUINCY).refusal()).isInstanceOf(Forbidden.class);
    r.approve("qa-lead", null, QUINCY, NOW);
    Action full = r.canApprove(null, ReleaseFixtures.qaLead());
    assertThat(full.refusal()).isInstanceOf(Refused.class);
    assertThat(full.reason())
        .isEqualTo(
            "The role you approve as has all the approvals it needs (qa-lead 1 of 1: quincy).");
    Participant pipeline =
        new Participant("pipeline", Set.of(), Actor.Kind.INTEGRATION, Set.of("production"));
    assertThat(r.canApprove(null, pipeline).refusal()).isInstanceOf(Forbidden.class);
  }

  @Test
  void aMajorReleaseNeedsTwoDevelopersToo() {
    Release r = SeparationOfDutiesTests.planned(STRICT, ReleaseType.MAJOR);
    assertThat(r.approvalsRequired())
        .extracting(a -> a.role() + "×" + a.quorum())
        .containsExactly("qa-lead×1", "devops×1", "developer×2");
    r.approve(null, null, person("dev1", "developer"), NOW);
    assertThat(r.goBlockers())
        .contains(new Blocker("approval", "developer", "Developer: 1 of 2 approval(s), by dev1"));
    r.approve(null, null, person("dev2", "developer"), NOW);
    assertThat(r.goBlockers()).extracting(Blocker::key).doesNotContain("developer");
    assertThat(r.canApprove(null, person("dev3", "developer")).isOffered()).isFalse();
  }

  @Test
  void aNoGoKeepsTheApprovalsInItsSnapshotAndTheNextGoNeedsNewOnes() {
    Release r = awaitingApprovals();
    r.approve(null, null, QUINCY, NOW);
    r.decide(Verdict.NO_GO, "wait for the freeze", releaseManager(), NOW);
    assertThat(r.latestDecision().snapshot().approvals())
        .extracting(Approval::by)
        .containsExactly("quincy");
    assertThat(r.approvals()).isEmpty();
    assertThat(r.goBlockers()).extracting(Blocker::key).containsExactly("qa-lead", "devops");
    assertThat(r.canApprove(null, QUINCY).isOffered()).as("approves again").isTrue();
  }

  @Test
  void aProcessWithoutApprovalsAsksForNone() {
    Release r = ReleaseFixtures.aReleaseAwaitingDecision();
    assertThat(r.approvalsRequired()).isEmpty();
    assertThat(r.goBlockers()).isEmpty();
    assertThat(r.canApprove(null, ReleaseFixtures.qaLead()).reason())
        .isEqualTo(
            "This release needs no approvals: its process (octoacme-standard) asks for none on a"
                + " minor release.");
    assertThat(r.actionsFor(ReleaseFixtures.qaLead()).first("approve")).isEmpty();
    assertThat(ProcessParser.builtIn().approvals()).isEmpty();
  }

  @Test
  void thePagesOfferTheApprovalToWhoMayGiveIt() {
    Release r = awaitingApprovals();
    assertThat(r.actionsFor(QUINCY).first("approve"))
        .hasValueSatisfying(a -> assertThat(a.isOffered()).isTrue())
        .hasValueSatisfying(a -> assertThat(a.key()).isEqualTo("qa-lead"));
    assertThat(r.actionsFor(releaseManager()).first("approve"))
        .hasValueSatisfying(a -> assertThat(a.isShown()).isFalse());
  }
}
