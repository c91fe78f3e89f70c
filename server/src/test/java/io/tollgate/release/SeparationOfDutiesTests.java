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
    return Planning.plan(
            ReleaseId.random(),
            ReleaseFixtures.PRODUCT,
            new ProcessRef(process.id(), 1),
            process,
            ReleaseType.MINOR,
            SemanticVersion.of(1, 4, 0),
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
    return r;
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

  @Test
  void theStandardProcessLetsOnePersonDecideAndDeploy() {
    Release r = awaitingDecision(ProcessParser.builtIn());
    r.decide(Verdict.GO, "all green", RITA_BOTH, NOW);
    assertThat(r.canComplete("deploy-production", RITA_BOTH).isOffered()).isTrue();
  }
}
