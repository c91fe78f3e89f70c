package io.tollgate.release;

import io.tollgate.audit.AuditLog;
import io.tollgate.deployment.DeploymentManagement;
import io.tollgate.notes.ReleaseNotes;
import io.tollgate.process.ProcessDefinition;
import io.tollgate.process.ProcessManagement;
import io.tollgate.process.ProcessVersion;
import io.tollgate.process.ReleaseType;
import io.tollgate.product.Product;
import io.tollgate.product.ProductManagement;
import io.tollgate.release.Decision.Verdict;
import io.tollgate.release.ReleaseEvent.DeploymentRecorded;
import io.tollgate.release.ReleaseEvent.VerificationRecorded;
import io.tollgate.release.internal.ReleaseStore;
import io.tollgate.shared.Actor;
import io.tollgate.shared.BadRequest;
import io.tollgate.shared.Forbidden;
import io.tollgate.shared.Invalid;
import io.tollgate.shared.NotFound;
import io.tollgate.shared.Refused;
import io.tollgate.shared.Timestamps;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The release use cases. Each command loads the release (locking its row), lets the aggregate
 * decide, saves the result with the next revision, records one audit event and publishes what
 * happened — all in one transaction.
 */
@Service
public class ReleaseManagement {
  private final ReleaseStore store;
  private final ProductManagement products;
  private final ProcessManagement processes;
  private final DeploymentManagement deployments;
  private final AuditLog audit;
  private final ApplicationEventPublisher events;
  private final Clock clock;

  ReleaseManagement(
      ReleaseStore store,
      ProductManagement products,
      ProcessManagement processes,
      DeploymentManagement deployments,
      AuditLog audit,
      ApplicationEventPublisher events,
      Clock clock) {
    this.store = store;
    this.products = products;
    this.processes = processes;
    this.deployments = deployments;
    this.audit = audit;
    this.events = events;
    this.clock = clock;
  }

  /** Plans a release of a product (release manager of the product). */
  @Transactional
  public Release plan(Actor by, String productKey, NewRelease request) {
    Product product = products.find(productKey);
    ProcessVersion process = processes.latest(product.process());
    Participant participant = participant(by, productKey);
    String planner = process.definition().decisionStep().owner();
    if (!participant.holds(planner)) {
      throw Forbidden.needsRole(
          planner, "Planning a release", by.username(), participant.sortedRoles());
    }
    if (request.type() == null || request.type().isBlank()) throw BadRequest.missing("type");
    ReleaseType type =
        ReleaseType.parse(request.type())
            .orElseThrow(
                () ->
                    Invalid.because(
                        "Unknown release type '"
                            + request.type()
                            + "': use patch, minor or major."));
    products.lock(productKey);
    SemanticVersion requested =
        request.version() == null
            ? null
            : SemanticVersion.parse(request.version().strip()).orElse(null);
    List<SemanticVersion> existing =
        store.versionsThatMatter(productKey, requested).stream()
            .map(v -> SemanticVersion.parse(v).orElseThrow())
            .toList();
    SemanticVersion version =
        request.version() == null || request.version().isBlank()
            ? VersionPolicy.next(type, existing)
            : VersionPolicy.check(request.version().strip(), type, existing);
    ReleaseNotes notes = ReleaseNotes.empty();
    if (request.summary() != null && !request.summary().isBlank()) {
      notes = notes.with("summary", List.of(request.summary()));
    }
    Instant now = Timestamps.now(clock);
    Release.Planned planned =
        Release.plan(
            ReleaseId.random(),
            productKey,
            new ProcessRef(process.id(), process.version()),
            process.definition(),
            type,
            version,
            request.name() == null ? null : request.name().strip(),
            request.window(),
            notes,
            participant,
            now);
    Release release = planned.release();
    store.insert(release.toData(), release.status().id(), now);
    record(by, release, planned.events());
    return release;
  }

  /** The version a new release of this type would get (release manager's form). */
  @Transactional(readOnly = true)
  public String proposeVersion(Actor by, String productKey, String type) {
    products.requireReader(by, productKey);
    ReleaseType parsed =
        ReleaseType.parse(type)
            .orElseThrow(
                () ->
                    Invalid.because(
                        "Unknown release type '" + type + "': use patch, minor or major."));
    List<SemanticVersion> existing =
        store.versionsThatMatter(productKey, null).stream()
            .map(v -> SemanticVersion.parse(v).orElseThrow())
            .toList();
    return VersionPolicy.next(parsed, existing).toString();
  }

  @Transactional(readOnly = true)
  public Release get(Actor by, String releaseId) {
    ReleaseStore.Head head =
        store.readHead(releaseId).orElseThrow(() -> NotFound.of("release", releaseId));
    requireMember(by, head.product(), releaseId);
    return restore(store.current(releaseId, head.revision()));
  }

  @Transactional(readOnly = true)
  public ReleasePage list(Actor by, String productKey, String status, int page, int size) {
    products.find(productKey);
    products.requireReader(by, productKey);
    if (status != null && ReleaseStatus.parse(status).isEmpty()) {
      throw Invalid.because(
          "Unknown status '"
              + status
              + "'; use one of "
              + String.join(
                  ", ",
                  java.util.Arrays.stream(ReleaseStatus.values()).map(ReleaseStatus::id).toList())
              + ".");
    }
    if (page < 0) throw Invalid.because("page starts at 0.");
    if (size < 1 || size > 200) throw Invalid.because("size is between 1 and 200.");
    List<Release> items =
        store.page(productKey, status, page, size).stream().map(this::restore).toList();
    return new ReleasePage(items, page, size, store.count(productKey, status));
  }

  /** Releases still under way on the products the caller can see, newest first. */
  @Transactional(readOnly = true)
  public List<Release> active(Actor by) {
    List<String> keys = products.visibleTo(by).stream().map(Product::key).toList();
    return store.active(keys).stream().map(this::restore).toList();
  }

  /** What the caller may do on a release now (see {@link Release#actionsFor}). */
  @Transactional(readOnly = true)
  public Map<String, List<io.tollgate.shared.Blocker>> actionsFor(Actor by, Release release) {
    return release.actionsFor(participant(by, release.product()), Timestamps.now(clock));
  }

  @Transactional
  public Release meet(
      Actor by, String releaseId, String requirement, Evidence evidence, Long ifMatch) {
    return command(by, releaseId, ifMatch, (r, p, now) -> r.meet(requirement, evidence, p, now));
  }

  @Transactional
  public Release complete(
      Actor by,
      String releaseId,
      String step,
      String note,
      Evidence evidence,
      String outcome,
      Long ifMatch) {
    Outcome parsed =
        outcome == null
            ? null
            : Outcome.parse(outcome)
                .orElseThrow(
                    () ->
                        Invalid.because(
                            "Unknown outcome '" + outcome + "': use succeeded or failed."));
    return command(
        by, releaseId, ifMatch, (r, p, now) -> r.complete(step, note, evidence, parsed, p, now));
  }

  @Transactional
  public Release skip(Actor by, String releaseId, String step, String reason, Long ifMatch) {
    return command(by, releaseId, ifMatch, (r, p, now) -> r.skip(step, reason, p, now));
  }

  /** A decision that replaces nothing it names (see {@link Release#decide}). */
  @Transactional
  public Release decide(
      Actor by, String releaseId, String decision, String rationale, Long ifMatch) {
    return decide(by, releaseId, decision, rationale, null, ifMatch);
  }

  @Transactional
  public Release decide(
      Actor by,
      String releaseId,
      String decision,
      String rationale,
      Integer replaces,
      Long ifMatch) {
    if (decision == null) throw BadRequest.missing("decision");
    Verdict verdict =
        Verdict.parse(decision)
            .orElseThrow(
                () -> Invalid.because("Unknown decision '" + decision + "': use go or no-go."));
    return command(
        by,
        releaseId,
        ifMatch,
        (r, p, now) ->
            r.decide(
                verdict,
                rationale,
                // If-Match already proved the caller saw the latest state
                replaces == null && ifMatch != null
                    ? Integer.valueOf(r.decisions().size())
                    : replaces,
                p,
                now));
  }

  @Transactional
  public Release acknowledge(Actor by, String releaseId, String handoff, Long ifMatch) {
    return command(by, releaseId, ifMatch, (r, p, now) -> r.acknowledge(handoff, p, now));
  }

  @Transactional
  public Release updateNotes(
      Actor by, String releaseId, Map<String, List<String>> changes, Long ifMatch) {
    return command(by, releaseId, ifMatch, (r, p, now) -> r.updateNotes(changes, p));
  }

  @Transactional
  public Release cancel(Actor by, String releaseId, String reason, Long ifMatch) {
    return command(by, releaseId, ifMatch, (r, p, now) -> r.cancel(reason, p, now));
  }

  /** Called by the incident playbook once it rolled the release back out of an environment. */
  @Transactional
  public Release rolledBack(
      Actor by, String releaseId, String incident, String environment, String toVersion) {
    return command(
        by,
        releaseId,
        null,
        (r, p, now) -> r.rolledBack(incident, environment, toVersion, by.username(), now));
  }

  /** Called by the incident feature when it opened an incident on the release. */
  @Transactional
  public Release incidentOpened(Actor by, String releaseId, String incident) {
    return command(by, releaseId, null, (r, p, now) -> r.incidentOpened(incident));
  }

  /** The roles the caller holds on a product, as the aggregate checks them. */
  @Transactional(readOnly = true)
  public Participant participant(Actor by, String productKey) {
    return Participant.of(
        by, by.isPerson() ? products.rolesOf(productKey, by.username()) : java.util.Set.of());
  }

  private interface Command {
    List<ReleaseEvent> run(Release release, Participant participant, Instant now);
  }

  private Release command(Actor by, String releaseId, Long ifMatch, Command command) {
    ReleaseStore.Head head =
        store.lockHead(releaseId).orElseThrow(() -> NotFound.of("release", releaseId));
    requireMember(by, head.product(), releaseId);
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
    Participant participant = participant(by, release.product());
    Instant now = Timestamps.now(clock);
    List<ReleaseEvent> happened = command.run(release, participant, now);
    ReleaseData saved = release.toData().withRevision(data.revision() + 1);
    Release after = Release.restore(saved, release.process());
    if (!store.update(saved, after.status().id(), data.revision(), now)) {
      throw Refused.because(
          "The release was changed at the same moment by someone else; reload it and try again.");
    }
    store.rememberAfterCommit(saved);
    if (data.cancellation() == null && saved.cancellation() != null) {
      // the version is free again: the product's highest version may change, and no release of
      // the product may be planned from the old highest meanwhile
      products.lock(release.product());
      store.versionFreed(release.product(), saved.version());
    }
    for (ReleaseEvent event : happened) {
      if (event instanceof DeploymentRecorded d) {
        deployments.deployed(
            d.product(), d.environment(), releaseId, d.version(), d.outcome(), by.username(), now);
      } else if (event instanceof VerificationRecorded v) {
        deployments.verified(v.environment(), releaseId, v.outcome());
      }
    }
    record(by, after, happened);
    if (happened.stream().anyMatch(e -> e instanceof ReleaseEvent.ReleaseFailed)) {
      // the incident feature attached the incident it opened: answer with that state
      return restore(store.find(releaseId).orElseThrow());
    }
    return after;
  }

  /** One audit record per domain event, then the events go to the other features. */
  private void record(Actor by, Release release, List<ReleaseEvent> happened) {
    ReleaseAuditRecords.of(happened, release, by).forEach(audit::append);
    happened.forEach(events::publishEvent);
  }

  /**
   * Membership comes before anything about the release is revealed: to a person outside its product
   * a release does not exist (404), whatever the command.
   */
  private void requireMember(Actor by, String product, String releaseId) {
    if (!by.admin() && products.rolesOf(product, by.username()).isEmpty()) {
      throw NotFound.of("release", releaseId);
    }
  }

  private Release restore(ReleaseData data) {
    ProcessDefinition process = processes.definition(data.process().id(), data.process().version());
    return Release.restore(data, process);
  }
}
