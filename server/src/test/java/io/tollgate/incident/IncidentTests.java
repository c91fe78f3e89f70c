package io.tollgate.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

import io.tollgate.process.Playbook;
import io.tollgate.process.PlaybookStepDef;
import io.tollgate.process.ProcessParser;
import io.tollgate.release.Action;
import io.tollgate.release.Participant;
import io.tollgate.release.ProcessRef;
import io.tollgate.shared.BadRequest;
import io.tollgate.shared.Blocker;
import io.tollgate.shared.Forbidden;
import io.tollgate.shared.Invalid;
import io.tollgate.shared.NotFound;
import io.tollgate.shared.Refused;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The incident playbook of the built-in process: who does which step, in which order, and
 * resolving.
 */
class IncidentTests {
  private static final Playbook PLAYBOOK = ProcessParser.builtIn().playbook();
  private static final Instant OPENED = Instant.parse("2026-03-10T18:42:00Z");
  private static final Instant NOW = OPENED.plusSeconds(600);

  @Test
  void offersEachPersonOnlyTheStepsOfTheirRoleAndResolvingToTheReleaseManager() {
    Incident incident = aCriticalIncident();

    assertThat(shown(incident, devops()))
        .containsExactly("complete:execute-rollback", "complete:notify-oncall");
    assertThat(shown(incident, qaLead()))
        .as("verify-rollback is the QA lead's, shown blocked until the rollback is done")
        .containsExactly("complete:verify-rollback");
    Action verify = incident.canComplete("verify-rollback", qaLead());
    assertThat(verify.isBlocked()).isTrue();
    assertThat(verify.blockers()).extracting(Blocker::key).containsExactly("execute-rollback");
    assertThat(shown(incident, releaseManager()))
        .containsExactly("complete:trigger-incident", "complete:root-cause", "resolve:");
    assertThat(shown(incident, admin())).isEmpty();
    assertThat(incident.canComplete("notify-oncall", qaLead()).refusal())
        .isInstanceOf(io.tollgate.shared.Forbidden.class);

    incident.complete("notify-oncall", null, devops(), NOW);
    assertThat(shown(incident, devops())).containsExactly("complete:execute-rollback");
    assertThat(step(incident, "execute-rollback").status())
        .as("checking changes nothing")
        .isEqualTo("pending");

    incident.resolve("cause", List.of("follow up"), releaseManager(), NOW);
    assertThat(shown(incident, releaseManager())).isEmpty();
    assertThat(step(incident, "root-cause").status())
        .as("the playbook's action: resolve step is done by resolving")
        .isEqualTo("done");
  }

  private static List<String> shown(Incident incident, io.tollgate.release.Participant p) {
    return incident.actionsFor(p).all().stream()
        .filter(a -> a.isShown() && !a.kind().equals("skip"))
        .map(a -> a.kind() + ":" + a.key())
        .toList();
  }

  @Test
  void opensWithEveryPlaybookStepPending() {
    Incident incident = aCriticalIncident();

    assertThat(incident.status()).isEqualTo("open");
    assertThat(incident.isOpen()).isTrue();
    assertThat(incident.data().steps())
        .extracting(IncidentStep::key, IncidentStep::status)
        .containsExactly(
            tuple("trigger-incident", "pending"),
            tuple("execute-rollback", "pending"),
            tuple("notify-oncall", "pending"),
            tuple("verify-rollback", "pending"),
            tuple("root-cause", "pending"),
            tuple("customer-comms", "pending"));
    assertThat(incident.pendingSteps()).hasSize(6);
    assertThat(incident.data().severity()).isEqualTo("critical");
    assertThat(incident.data().summary()).isEqualTo("Checkout returns 500");
    assertThat(incident.data().timeline())
        .singleElement()
        .satisfies(e -> assertThat(e.entry()).contains("Checkout returns 500"));
  }

  @Test
  void anIncidentOpenedByAFailureSaysSo() {
    Incident incident =
        Incident.open(
            "r-1",
            "checkout",
            "1.4.0",
            new ProcessRef("octoacme-standard", 1),
            PLAYBOOK,
            "release-manager",
            "critical",
            "deploy-production failed",
            "deploy-production",
            "dora",
            OPENED);

    assertThat(incident.data().cause()).isEqualTo("deploy-production");
    assertThat(incident.data().timeline().get(0).entry()).startsWith("Opened automatically");
  }

  @ParameterizedTest
  @ValueSource(strings = {"blocker", "Critical", "sev1", "urgent"})
  void refusesAnUnknownSeverity(String severity) {
    assertThatThrownBy(() -> open(severity, "Checkout returns 500"))
        .isInstanceOf(Invalid.class)
        .hasMessageContaining("critical, high, medium, low");
  }

  @Test
  void needsASeverityAndASummary() {
    assertThatThrownBy(() -> open(null, "Checkout returns 500")).isInstanceOf(BadRequest.class);
    assertThatThrownBy(() -> open("high", " "))
        .isInstanceOf(BadRequest.class)
        .hasMessageContaining("summary");
  }

  @ParameterizedTest
  @ValueSource(strings = {"critical", "high", "medium", "low"})
  void acceptsEveryKnownSeverity(String severity) {
    assertThat(open(severity, "Slow checkout").data().severity()).isEqualTo(severity);
  }

  @Test
  void theSeveritiesAreThoseThePlaybookDeclares() {
    Playbook declared =
        new Playbook(PLAYBOOK.trigger(), PLAYBOOK.steps(), List.of("major", "minor"));

    Incident major = openWith(declared, "major");
    assertThat(major.data().severity()).isEqualTo("major");
    assertThatThrownBy(() -> openWith(declared, "critical"))
        .isInstanceOf(Invalid.class)
        .hasMessageContaining("Unknown severity 'critical': use major, minor.");
  }

  @Test
  void aNewIncidentIsWrittenInTheCurrentSchemaVersion() {
    assertThat(aCriticalIncident().data().schemaVersion())
        .isEqualTo(IncidentData.SCHEMA_VERSION)
        .isEqualTo(2);
  }

  private static Incident openWith(Playbook playbook, String severity) {
    return Incident.open(
        "r-1",
        "checkout",
        "1.4.0",
        new ProcessRef("octoacme-standard", 1),
        playbook,
        "release-manager",
        severity,
        "Checkout slow",
        null,
        "rita",
        OPENED);
  }

  // ---------------------------------------------------------------- steps

  @ParameterizedTest(name = "{0} by {1}")
  @CsvSource({
    "trigger-incident, release-manager",
    "execute-rollback, devops",
    "notify-oncall, devops",
    "root-cause, release-manager",
    "customer-comms, support"
  })
  void aPlaybookStepIsCompletedOnlyByItsRole(String key, String role) {
    Incident incident = aCriticalIncident();

    for (Participant other :
        List.of(admin(), person("dev", "developer"), person("quinn", "qa-lead"))) {
      assertThatThrownBy(() -> incident.complete(key, null, other, NOW))
          .isInstanceOf(Forbidden.class)
          .hasMessageContaining("needs the role '" + role + "'");
    }
    assertThat(incident.pendingSteps()).contains(key);

    PlaybookStepDef def = incident.complete(key, " done it ", person("owner", role), NOW);

    assertThat(def.key()).isEqualTo(key);
    assertThat(step(incident, key))
        .isEqualTo(new IncidentStep(key, "done", "owner", NOW, "done it"));
    assertThat(incident.pendingSteps()).doesNotContain(key);
    assertThat(incident.data().timeline())
        .last()
        .satisfies(e -> assertThat(e.entry()).contains("done: done it"));
  }

  @Test
  void theQaLeadVerifiesTheRollback() {
    Incident incident = aCriticalIncident();
    incident.complete("execute-rollback", null, devops(), NOW);

    assertThatThrownBy(() -> incident.complete("verify-rollback", null, devops(), NOW))
        .isInstanceOf(Forbidden.class);
    incident.complete("verify-rollback", "1.3.0 serving, error rate back to 0.1%", qaLead(), NOW);

    assertThat(step(incident, "verify-rollback").status()).isEqualTo("done");
  }

  @Test
  void verifyRollbackWaitsForExecuteRollback() {
    Incident incident = aCriticalIncident();

    Refused refused =
        catchThrowableOfType(
            Refused.class, () -> incident.complete("verify-rollback", null, qaLead(), NOW));

    assertThat(refused).isNotNull();
    assertThat(refused.blockers())
        .extracting(Blocker::kind, Blocker::key)
        .containsExactly(tuple("playbook-step", "execute-rollback"));
    assertThat(step(incident, "verify-rollback").status()).isEqualTo("pending");
  }

  @Test
  void executeRollbackIsOptionalAndMayBeSkippedWithAReason() {
    Incident incident = aCriticalIncident();

    incident.skip("execute-rollback", " hotfix rolled forward instead ", devops(), NOW);

    assertThat(step(incident, "execute-rollback"))
        .isEqualTo(
            new IncidentStep(
                "execute-rollback", "skipped", "dora", NOW, "hotfix rolled forward instead"));
    incident.complete("verify-rollback", "system state checked", qaLead(), NOW);
    assertThat(step(incident, "verify-rollback").status()).isEqualTo("done");
  }

  @Test
  void skippingNeedsAReasonAndTheOwningRole() {
    Incident incident = aCriticalIncident();

    assertThatThrownBy(() -> incident.skip("execute-rollback", " ", devops(), NOW))
        .isInstanceOf(BadRequest.class);
    assertThatThrownBy(() -> incident.skip("execute-rollback", null, devops(), NOW))
        .isInstanceOf(BadRequest.class);
    assertThatThrownBy(() -> incident.skip("execute-rollback", "not needed", qaLead(), NOW))
        .isInstanceOf(Forbidden.class)
        .hasMessageContaining("'devops'");
    assertThat(step(incident, "execute-rollback").status()).isEqualTo("pending");
  }

  @Test
  void refusesToSkipAStepThatIsNotOptional() {
    Incident incident = aCriticalIncident();

    assertThatThrownBy(() -> incident.skip("notify-oncall", "they know", devops(), NOW))
        .isInstanceOf(Refused.class)
        .hasMessageContaining("not optional");
  }

  @Test
  void refusesToCompleteOrSkipAStepTwice() {
    Incident incident = aCriticalIncident();
    incident.complete("execute-rollback", null, devops(), NOW);

    assertThatThrownBy(() -> incident.complete("execute-rollback", null, devops(), NOW))
        .isInstanceOf(Refused.class)
        .hasMessageContaining("already done");
    assertThatThrownBy(() -> incident.skip("execute-rollback", "after all", devops(), NOW))
        .isInstanceOf(Refused.class);
  }

  @Test
  void anUnknownPlaybookStepIsNotFound() {
    assertThatThrownBy(
            () -> aCriticalIncident().complete("blame-someone", null, releaseManager(), NOW))
        .isInstanceOf(NotFound.class)
        .hasMessageContaining("trigger-incident");
  }

  // ---------------------------------------------------------------- resolve

  @Test
  void theReleaseManagerResolvesWithRootCauseAndActionItems() {
    Incident incident = aCriticalIncident();

    incident.resolve(
        " Missing DB index ",
        List.of("Add the index", " ", "Load-test checkout"),
        releaseManager(),
        NOW);

    assertThat(incident.status()).isEqualTo("resolved");
    assertThat(incident.isOpen()).isFalse();
    assertThat(incident.data().rootCause()).isEqualTo("Missing DB index");
    assertThat(incident.data().actionItems())
        .containsExactly("Add the index", "Load-test checkout");
    assertThat(incident.data().resolvedBy()).isEqualTo("rita");
    assertThat(incident.data().resolvedAt()).isEqualTo(NOW);
    assertThat(step(incident, "root-cause"))
        .isEqualTo(new IncidentStep("root-cause", "done", "rita", NOW, "Missing DB index"));
  }

  @Test
  void resolvingKeepsARootCauseStepAlreadyDone() {
    Incident incident = aCriticalIncident();
    incident.complete("root-cause", "index missing", releaseManager(), OPENED);

    incident.resolve("Missing DB index", List.of("Add the index"), releaseManager(), NOW);

    assertThat(step(incident, "root-cause").at()).isEqualTo(OPENED);
  }

  @Test
  void onlyTheReleaseManagerResolves() {
    for (Participant other : List.of(admin(), devops(), qaLead(), person("sam", "support"))) {
      Incident incident = aCriticalIncident();

      assertThatThrownBy(
              () -> incident.resolve("Missing DB index", List.of("Add the index"), other, NOW))
          .isInstanceOf(Forbidden.class)
          .hasMessageContaining("'release-manager'");
      assertThat(incident.isOpen()).isTrue();
    }
  }

  @Test
  void resolvingNeedsARootCause() {
    Incident incident = aCriticalIncident();

    assertThatThrownBy(
            () -> incident.resolve(null, List.of("Add the index"), releaseManager(), NOW))
        .isInstanceOf(BadRequest.class)
        .hasMessageContaining("rootCause");
    assertThatThrownBy(
            () -> incident.resolve("  ", List.of("Add the index"), releaseManager(), NOW))
        .isInstanceOf(BadRequest.class);
    assertThat(incident.isOpen()).isTrue();
    assertThat(step(incident, "root-cause").status()).isEqualTo("pending");
  }

  @Test
  void resolvingNeedsAtLeastOneActionItem() {
    Incident incident = aCriticalIncident();

    assertThatThrownBy(() -> incident.resolve("Missing DB index", List.of(), releaseManager(), NOW))
        .isInstanceOf(Invalid.class)
        .hasMessageContaining("action item");
    assertThatThrownBy(
            () ->
                incident.resolve(
                    "Missing DB index", Arrays.asList(" ", null), releaseManager(), NOW))
        .isInstanceOf(Invalid.class);
    assertThatThrownBy(() -> incident.resolve("Missing DB index", null, releaseManager(), NOW))
        .isInstanceOf(BadRequest.class);
    assertThat(incident.isOpen()).isTrue();
    assertThat(step(incident, "root-cause").status()).isEqualTo("pending");
  }

  @Test
  void aResolvedIncidentRefusesMoreSteps() {
    Incident incident = aCriticalIncident();
    incident.resolve("Missing DB index", List.of("Add the index"), releaseManager(), NOW);

    assertThatThrownBy(() -> incident.complete("notify-oncall", null, devops(), NOW))
        .isInstanceOf(Refused.class)
        .hasMessageContaining("resolved");
    assertThatThrownBy(() -> incident.skip("execute-rollback", "not needed", devops(), NOW))
        .isInstanceOf(Refused.class);
    assertThatThrownBy(() -> incident.resolve("Other", List.of("x"), releaseManager(), NOW))
        .isInstanceOf(Refused.class);
    assertThat(step(incident, "notify-oncall").status()).isEqualTo("pending");
  }

  @Test
  void recordsTheRollbackOnTheTimeline() {
    Incident incident = aCriticalIncident();
    incident.complete("execute-rollback", null, devops(), NOW);

    incident.rolledBack(new RollbackDone("production", "1.4.0", "1.3.0", "r-0", "dora", NOW));

    assertThat(incident.data().rollback().toVersion()).isEqualTo("1.3.0");
    assertThat(incident.data().timeline())
        .last()
        .satisfies(
            e -> assertThat(e.entry()).isEqualTo("Rolled production back from 1.4.0 to 1.3.0"));
  }

  @Test
  void aRestoredIncidentKeepsItsState() {
    Incident incident = aCriticalIncident();
    incident.complete("trigger-incident", "status page updated", releaseManager(), NOW);

    Incident restored =
        Incident.restore(incident.data().withRevision(4), PLAYBOOK, "release-manager");

    assertThat(restored.data()).isEqualTo(incident.data().withRevision(4));
    assertThat(restored.pendingSteps()).doesNotContain("trigger-incident");
  }

  // ---------------------------------------------------------------- fixtures

  private static Incident aCriticalIncident() {
    return open("critical", "Checkout returns 500");
  }

  private static Incident open(String severity, String summary) {
    return Incident.open(
        "r-1",
        "checkout",
        "1.4.0",
        new ProcessRef("octoacme-standard", 1),
        PLAYBOOK,
        "release-manager",
        severity,
        summary,
        null,
        "rita",
        OPENED);
  }

  private static IncidentStep step(Incident incident, String key) {
    return incident.data().steps().stream()
        .filter(s -> s.key().equals(key))
        .findFirst()
        .orElseThrow();
  }

  private static Participant releaseManager() {
    return person("rita", "release-manager");
  }

  private static Participant qaLead() {
    return person("quinn", "qa-lead");
  }

  private static Participant devops() {
    return person("dora", "devops");
  }

  private static Participant admin() {
    return person("admin");
  }

  private static Participant person(String username, String... roles) {
    return new Participant(username, Set.of(roles));
  }
}
