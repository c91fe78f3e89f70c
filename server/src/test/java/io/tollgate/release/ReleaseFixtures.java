package io.tollgate.release;

import io.tollgate.notes.ReleaseNotes;
import io.tollgate.process.ProcessDefinition;
import io.tollgate.process.ProcessParser;
import io.tollgate.process.ReleaseType;
import io.tollgate.release.Decision.Verdict;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Realistic releases of the built-in OctoAcme process, one line each, built through {@link
 * Release#plan} and the real commands, so a fixture can never reach a state the rules forbid.
 */
final class ReleaseFixtures {
  static final ProcessDefinition OCTOACME = ProcessParser.builtIn();
  static final ProcessRef OCTOACME_V1 = new ProcessRef(ProcessParser.BUILT_IN, 1);
  static final String PRODUCT = "checkout";

  /** The moment every fixture release is planned; commands happen at {@link #NOW} unless said. */
  static final Instant PLANNED_AT = Instant.parse("2026-03-02T09:00:00Z");

  static final Instant NOW = PLANNED_AT.plus(Duration.ofHours(1));

  private ReleaseFixtures() {}

  // ---------------------------------------------------------------- people

  static Participant releaseManager() {
    return person("rita", "release-manager");
  }

  static Participant qaLead() {
    return person("quinn", "qa-lead");
  }

  static Participant devops() {
    return person("dora", "devops");
  }

  static Participant developer() {
    return person("dev", "developer");
  }

  static Participant support() {
    return person("sam", "support");
  }

  /** The system administrator: manages users and products, holds no process role. */
  static Participant admin() {
    return person("admin");
  }

  static Participant person(String username, String... roles) {
    return new Participant(username, Set.of(roles));
  }

  static Evidence evidence(String url) {
    return new Evidence(url, null);
  }

  // ---------------------------------------------------------------- releases

  /** A minor release, 1.4.0 "Faster checkout", with nothing done yet. */
  static Release aPlannedRelease() {
    return aPlannedRelease(ReleaseType.MINOR);
  }

  /** A release of the type with nothing done yet: 2.0.0, 1.4.0 or 1.3.1. */
  static Release aPlannedRelease(ReleaseType type) {
    SemanticVersion version =
        switch (type) {
          case MAJOR -> SemanticVersion.of(2, 0, 0);
          case MINOR -> SemanticVersion.of(1, 4, 0);
          case PATCH -> SemanticVersion.of(1, 3, 1);
        };
    return Planning.plan(
            ReleaseId.random(),
            PRODUCT,
            OCTOACME_V1,
            OCTOACME,
            type,
            version,
            "Faster checkout",
            new Window(
                Instant.parse("2026-03-10T18:00:00Z"), Instant.parse("2026-03-10T20:00:00Z")),
            ReleaseNotes.empty(),
            releaseManager(),
            PLANNED_AT)
        .release();
  }

  /** A planned release whose window is scheduled: backup and quality gate may start. */
  static Release aScheduledRelease() {
    Release release = aPlannedRelease();
    release.complete(
        "schedule-window", "mail sent to stakeholders", null, null, releaseManager(), NOW);
    return release;
  }

  /** A release whose notes hold everything its type needs (migration steps for a major). */
  static Release aReleaseWithCompleteNotes(ReleaseType type) {
    Release release = aPlannedRelease(type);
    writeCompleteNotes(release);
    return release;
  }

  /** Ready for deploy-staging: window scheduled, backup taken, quality gate passed. */
  static Release aReleaseReadyForStaging() {
    Release release = aScheduledRelease();
    release.complete("backup", "snapshot db-2026-03-10", null, null, devops(), NOW);
    release.complete(
        "quality-gate",
        "all green",
        evidence("https://qa.octoacme.example/runs/311"),
        null,
        qaLead(),
        NOW);
    return release;
  }

  /** Deployed to staging, smoke tests not run yet. */
  static Release aReleaseInStaging() {
    Release release = aReleaseReadyForStaging();
    release.complete(
        "deploy-staging",
        null,
        evidence("https://ci.octoacme.example/deploy/41"),
        Outcome.SUCCEEDED,
        devops(),
        NOW);
    return release;
  }

  /** Every requirement met and every step before the decision done: the release manager decides. */
  static Release aReleaseAwaitingDecision() {
    return aReleaseAwaitingDecision(ReleaseType.MINOR);
  }

  static Release aReleaseAwaitingDecision(ReleaseType type) {
    Release release = aPlannedRelease(type);
    writeCompleteNotes(release);
    meetEveryRequirementButSmokeTests(release);
    release.complete(
        "schedule-window", "mail sent to stakeholders", null, null, releaseManager(), NOW);
    release.complete("backup", "snapshot db-2026-03-10", null, null, devops(), NOW);
    release.complete("quality-gate", "all green", null, null, qaLead(), NOW);
    release.complete("deploy-staging", null, null, Outcome.SUCCEEDED, devops(), NOW);
    release.complete("smoke-staging", "12/12 passed", null, Outcome.SUCCEEDED, qaLead(), NOW);
    return release;
  }

  static Release anApprovedRelease() {
    Release release = aReleaseAwaitingDecision();
    release.decide(Verdict.GO, "All gates green, support trained", releaseManager(), NOW);
    return release;
  }

  static Release aRejectedRelease() {
    Release release = aReleaseAwaitingDecision();
    release.decide(Verdict.NO_GO, "Payment provider freeze this week", releaseManager(), NOW);
    return release;
  }

  /** Deployed to production successfully; verification still to run. */
  static Release aReleasedRelease() {
    Release release = anApprovedRelease();
    release.complete(
        "deploy-production",
        null,
        evidence("https://ci.octoacme.example/deploy/42"),
        Outcome.SUCCEEDED,
        devops(),
        NOW);
    return release;
  }

  /** Every step of the checklist done. */
  static Release aClosedRelease() {
    Release release = anAnnouncedRelease();
    release.complete("monitor-customers", "no tickets after 48h", null, null, support(), NOW);
    return release;
  }

  /** Verified in production and announced; support monitors for customer issues next. */
  static Release anAnnouncedRelease() {
    Release release = aReleasedRelease();
    release.complete(
        "verify-production", "error rate flat", null, Outcome.SUCCEEDED, devops(), NOW);
    release.complete(
        "announce", "mail to stakeholders and support", null, null, releaseManager(), NOW);
    return release;
  }

  static Release aReleaseWhoseProductionDeploymentFailed() {
    Release release = anApprovedRelease();
    release.complete(
        "deploy-production", "pods crash-looping", null, Outcome.FAILED, devops(), NOW);
    return release;
  }

  // ---------------------------------------------------------------- work on a release

  static void writeCompleteNotes(Release release) {
    release.updateNotes(
        Map.of(
            "summary", List.of("Checkout takes one page instead of three."),
            "notableChanges", List.of("One-page checkout", "Saved cards"),
            "migrationSteps", List.of("Run the card-vault migration before deploying")),
        releaseManager());
  }

  /**
   * Meets every requirement by its owner, except smoke-tests, which the staging smoke step meets.
   */
  static void meetEveryRequirementButSmokeTests(Release release) {
    release.meet(
        "acceptance-criteria", evidence("https://jira.octoacme.example/CHK-12"), qaLead(), NOW);
    release.meet("ci-security", evidence("https://ci.octoacme.example/builds/1842"), devops(), NOW);
    release.meet("release-notes", Evidence.NONE, releaseManager(), NOW);
    release.meet(
        "rollback-plan",
        evidence("https://wiki.octoacme.example/rollback/checkout"),
        devops(),
        NOW);
    release.meet("support-trained", new Evidence(null, "training held"), releaseManager(), NOW);
    release.meet("support-trained", new Evidence(null, "attended"), support(), NOW);
  }

  static RequirementState requirement(Release release, String key) {
    return release.requirements().stream()
        .filter(r -> r.key().equals(key))
        .findFirst()
        .orElseThrow();
  }

  static StepState step(Release release, String key) {
    return release.steps().stream().filter(s -> s.key().equals(key)).findFirst().orElseThrow();
  }

  static HandoffState handoff(Release release, String key) {
    return release.handoffs().stream().filter(h -> h.key().equals(key)).findFirst().orElseThrow();
  }
}
