package io.tollgate.release;

import io.tollgate.process.StepDef;
import io.tollgate.process.StepKind;
import io.tollgate.release.internal.ReleaseStore;
import io.tollgate.shared.Actor;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What an integration (an actor that is not a person, such as {@code github}) does to releases:
 * find the releases under way built from a commit or a ref, meet requirements through the event
 * kinds the process declares ({@code autoMet}), complete the deploy step of an environment it
 * deploys to, and move a release to the commit pushed on its ref. Each command runs like any other
 * ({@link ReleaseCommandRunner}): locked, checked by the aggregate, saved and audited together.
 */
@Service
public class IntegrationCommands {
  private final ReleaseStore store;
  private final ReleaseCommandRunner runner;

  IntegrationCommands(ReleaseStore store, ReleaseCommandRunner runner) {
    this.store = store;
    this.runner = runner;
  }

  /** The product's releases under way (not finished) that match, newest first. */
  @Transactional(readOnly = true)
  public List<Release> underWay(String product, Predicate<Release> matching) {
    return store.active(List.of(product)).stream()
        .map(runner::restore)
        .filter(r -> r.product().equals(product))
        .filter(matching)
        .toList();
  }

  /**
   * The version a release follows: the highest version of the product's other releases (not
   * cancelled) below it; empty for the first.
   */
  @Transactional(readOnly = true)
  public Optional<SemanticVersion> versionBefore(Release release) {
    return store.page(release.product(), null, 0, 500).stream()
        .filter(d -> !d.id().equals(release.id().value()) && d.cancellation() == null)
        .map(d -> SemanticVersion.parse(d.version()).orElse(null))
        .filter(v -> v != null && v.compareTo(release.version()) < 0)
        .max(SemanticVersion::compareTo);
  }

  /** The integration as a participant: it runs the deploys of {@code environment} (or none). */
  public static Participant participant(Actor integration, String environment) {
    return Participant.of(
        integration, Set.of(), environment == null ? Set.of() : Set.of(environment));
  }

  /** The deploy step of an environment in the release's process, when it has one. */
  public static Optional<StepDef> deployStep(Release release, String environment) {
    return release.process().steps().stream()
        .filter(s -> s.kind() == StepKind.DEPLOY && environment.equals(s.environment()))
        .filter(s -> release.steps().stream().anyMatch(st -> st.key().equals(s.key())))
        .findFirst();
  }

  /**
   * Whether the integration may deploy the release with its deploy step {@code step} now: the step
   * is offered to it (in order; after the decision step, a go that still stands) and its
   * environment is not locked. The answer a deployment protection rule gives.
   */
  @Transactional(readOnly = true)
  public Action mayDeploy(Actor integration, Release release, StepDef step) {
    Action can = release.canComplete(step.key(), participant(integration, step.environment()));
    if (!can.isOffered()) return can;
    try {
      LockPolicy.checkDeploy(step, release.product(), runner.lockedEnvironments(release.product()));
    } catch (io.tollgate.shared.Refused locked) {
      return Action.notOffered("complete", step.key(), locked);
    }
    java.time.Instant now = runner.now();
    return FreezePolicy.guard(
        can, step, release.process(), false, runner.frozenNow(release, now), now);
  }

  /** Meets a requirement through an event kind its {@code autoMet} lists. */
  @Transactional
  public Release meetOnEvent(
      Actor by, String releaseId, String requirement, String eventKind, Evidence evidence) {
    return runner.run(
        by,
        releaseId,
        null,
        (r, p, now) -> {
          if (r.canMeet(requirement, p, eventKind).isOffered()) {
            runner.checkQualityGate(r, requirement);
          }
          return r.meetOnEvent(requirement, eventKind, evidence, p, now);
        });
  }

  /** Commits were pushed on the release's ref: it now ends at {@code after} (a go goes stale). */
  @Transactional
  public Release pushed(Actor by, String releaseId, String after, int added) {
    return runner.run(by, releaseId, null, (r, p, now) -> Sources.pushed(r, after, added, p));
  }

  /** A CI run failed on {@code sha}: a go made on that commit goes stale. */
  @Transactional
  public Release ciFailed(Actor by, String releaseId, String sha, String run) {
    return runner.run(by, releaseId, null, (r, p, now) -> Sources.ciFailed(r, sha, run, p));
  }

  /** Completes the deploy step of {@code environment} with the outcome the integration saw. */
  @Transactional
  public Release completeDeploy(
      Actor by,
      String releaseId,
      String step,
      String environment,
      String note,
      Evidence evidence,
      Outcome outcome) {
    return runner.run(
        by,
        releaseId,
        null,
        (r, p, now) ->
            r.complete(step, note, evidence, outcome, participant(by, environment), now));
  }
}
