package io.tollgate.release;

import io.tollgate.audit.AuditLog;
import io.tollgate.process.ProcessDefinition;
import io.tollgate.process.ProcessManagement;
import io.tollgate.product.ProductManagement;
import io.tollgate.release.internal.ReleaseStore;
import io.tollgate.release.internal.ReleaseVersionIndex;
import io.tollgate.shared.Actor;
import io.tollgate.shared.NotFound;
import io.tollgate.shared.Refused;
import io.tollgate.shared.Timestamps;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * How every release command runs, in its caller's transaction: lock the release's row, check that
 * the caller is a member of its product (before anything about it is revealed), let the aggregate
 * decide, save the next revision, append one audit record per event and publish the events to the
 * listeners (deployments, incidents).
 */
@Component
class ReleaseCommandRunner {
  private final ReleaseStore store;
  private final ReleaseVersionIndex versions;
  private final ProductManagement products;
  private final ProcessManagement processes;
  private final AuditLog audit;
  private final ApplicationEventPublisher events;
  private final Clock clock;
  private final org.springframework.beans.factory.ObjectProvider<AutomatedEnvironments> automated;
  private final org.springframework.beans.factory.ObjectProvider<TestResults> testResults;
  private final org.springframework.beans.factory.ObjectProvider<FrozenPeriods> freezes;

  ReleaseCommandRunner(
      ReleaseStore store,
      ReleaseVersionIndex versions,
      ProductManagement products,
      ProcessManagement processes,
      AuditLog audit,
      ApplicationEventPublisher events,
      Clock clock,
      org.springframework.beans.factory.ObjectProvider<AutomatedEnvironments> automated,
      org.springframework.beans.factory.ObjectProvider<TestResults> testResults,
      org.springframework.beans.factory.ObjectProvider<FrozenPeriods> freezes) {
    this.freezes = freezes;
    this.automated = automated;
    this.testResults = testResults;
    this.store = store;
    this.versions = versions;
    this.products = products;
    this.processes = processes;
    this.audit = audit;
    this.events = events;
    this.clock = clock;
  }

  /** What a command asks of the aggregate. */
  interface Command {
    List<ReleaseEvent> run(Release release, Participant participant, Instant now);
  }

  @Transactional(propagation = Propagation.MANDATORY)
  Release run(Actor by, String releaseId, Long ifMatch, Command command) {
    ReleaseStore.Head head =
        store.lockHead(releaseId).orElseThrow(() -> NotFound.of("release", releaseId));
    Set<String> roles = rolesOf(by, head.product());
    requireMember(by, roles, releaseId);
    ReleaseData data = store.current(releaseId, head.revision());
    if (ifMatch != null && ifMatch != data.revision()) {
      throw Refused.because(
          "The release changed since you read it: If-Match names revision "
              + ifMatch
              + ", the current revision is "
              + data.revision()
              + ". Reload it and try again.");
    }
    Release release = restore(data);
    Instant now = Timestamps.now(clock);
    // the roles read once, under the release's lock: the same ones admit the caller and decide
    Participant participant =
        by.isPerson() ? Participant.of(by, roles, Set.of()) : participant(by, release.product());
    List<ReleaseEvent> happened = command.run(release, participant, now);
    ReleaseData saved = release.toData().withRevision(data.revision() + 1);
    Release after = Release.restore(saved, release.process());
    if (!store.update(saved, after.status().id(), Overview.of(after), data.revision(), now)) {
      throw Refused.because(
          "The release was changed at the same moment by someone else; reload it and try again.");
    }
    store.rememberAfterCommit(saved);
    if (data.cancellation() == null && saved.cancellation() != null) {
      // the version is free again: the product's highest version may change, and no release of
      // the product may be planned from the old highest meanwhile
      products.lock(release.product());
      versions.versionFreed(release.product(), saved.version());
    }
    record(by, after, happened);
    return after;
  }

  /** One audit record per domain event, then the events go to the other features. */
  void record(Actor by, Release release, List<ReleaseEvent> happened) {
    ReleaseAuditRecords.of(happened, release, by).forEach(audit::append);
    happened.forEach(events::publishEvent);
  }

  /**
   * Membership comes before anything about the release is revealed: to a person outside its product
   * a release does not exist (404), whatever the command.
   */
  private static void requireMember(Actor by, Set<String> roles, String releaseId) {
    if (by.isPerson() && !by.admin() && roles.isEmpty()) {
      throw NotFound.of("release", releaseId);
    }
  }

  /** The roles a person holds on the product; none for an actor that is not a person. */
  private Set<String> rolesOf(Actor by, String product) {
    return by.isPerson() ? products.rolesOf(product, by.username()) : Set.of();
  }

  /**
   * A person with the roles they hold on the product; an actor that is not a person with what the
   * process grants it: {@code system} runs the steps of the product's automated environments.
   */
  Participant participant(Actor by, String product) {
    if (by.isPerson()) return Participant.of(by, rolesOf(by, product), Set.of());
    AutomatedEnvironments environments = automated.getIfAvailable();
    return Participant.of(
        by,
        Set.of(),
        by.kind() == Actor.Kind.SYSTEM && environments != null
            ? environments.of(product)
            : Set.of());
  }

  /**
   * Refuses meeting a quality-gate requirement ({@link QualityGatePolicy}) while its attached test
   * results are missing or failing; called only when the aggregate offers the meet.
   */
  void checkQualityGate(Release release, String requirement) {
    var def = release.process().requirement(requirement).orElse(null);
    if (def == null || def.check() != io.tollgate.process.RequirementDef.Check.ZERO_FAILURES)
      return;
    TestResults results = testResults.getIfAvailable();
    QualityGatePolicy.check(
        def, results == null ? List.of() : results.attachedTo(release.id().value(), requirement));
  }

  /** The locked environments of a product, with their reasons. */
  java.util.Map<String, String> lockedEnvironments(String product) {
    AutomatedEnvironments environments = automated.getIfAvailable();
    return environments == null ? java.util.Map.of() : environments.locked(product);
  }

  Instant now() {
    return Timestamps.now(clock);
  }

  /** The freeze occurrences of the release's product overlapping [from, to). */
  List<FrozenPeriod> frozen(Release release, Instant from, Instant to) {
    FrozenPeriods periods = freezes.getIfAvailable();
    return periods == null
        ? List.of()
        : periods.of(release.product(), release.id().value(), from, to);
  }

  /** The freeze occurrences covering now. */
  List<FrozenPeriod> frozenNow(Release release, Instant now) {
    return frozen(release, now, now.plusMillis(1));
  }

  /**
   * The production-freeze rule on a start or complete the aggregate offers: throws the freeze's
   * refusal, or answers the overrides the deploy uses (as events to record), each also recorded in
   * the snapshot of the go decision the deploy runs under.
   */
  List<ReleaseEvent> checkFreeze(Release r, Action offered, Participant by, Instant now) {
    var def = r.process().step(offered.key()).orElse(null);
    if (!FreezePolicy.guards(def, r.process())) return List.of();
    boolean running = FreezePolicy.running(r, offered.key());
    List<FrozenPeriod> periods = frozenNow(r, now);
    Action guarded = FreezePolicy.guard(offered, def, r.process(), running, periods, now);
    guarded.orThrow();
    if (running && offered.kind().equals("complete")) return List.of();
    List<FrozenPeriod> used = FreezePolicy.overridesUsed(periods, now);
    for (FrozenPeriod p : used) {
      r.overrideUsed(FreezeOverrideUse.of(p, offered.key(), by.username(), now));
    }
    return used.stream()
        .map(
            p ->
                (ReleaseEvent)
                    new ReleaseEvent.FreezeOverrideUsed(
                        r.id(), offered.key(), p.freeze(), p.override(), p.reason()))
        .toList();
  }

  /** The environments of a product whose smoke-test and verification steps have checks. */
  Set<String> checkedEnvironments(String product) {
    AutomatedEnvironments environments = automated.getIfAvailable();
    return environments == null ? Set.of() : environments.checked(product);
  }

  Release restore(ReleaseData data) {
    ProcessDefinition process = processes.definition(data.process().id(), data.process().version());
    return Release.restore(data, process);
  }
}
