package io.tollgate.release;

import io.tollgate.process.ProcessManagement;
import io.tollgate.product.ProductManagement;
import io.tollgate.release.Decision.Verdict;
import io.tollgate.release.internal.ReleaseStore;
import io.tollgate.shared.Actor;
import io.tollgate.shared.BadRequest;
import io.tollgate.shared.Invalid;
import io.tollgate.shared.NotFound;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The release use cases. Each command runs through {@link ReleaseCommandRunner} in one transaction:
 * load and lock, check membership, let the aggregate decide, save, audit, publish.
 */
@Service
public class ReleaseManagement {
  private final ReleaseStore store;
  private final ProductManagement products;
  private final ProcessManagement processes;
  private final ReleaseNumbering numbering;
  private final ReleaseCommandRunner runner;
  private final Clock clock;
  private final ReleasePlanner planner;

  ReleaseManagement(
      ReleaseStore store,
      ProductManagement products,
      ProcessManagement processes,
      ReleaseNumbering numbering,
      ReleaseCommandRunner runner,
      Clock clock,
      ReleasePlanner planner) {
    this.store = store;
    this.products = products;
    this.processes = processes;
    this.numbering = numbering;
    this.runner = runner;
    this.clock = clock;
    this.planner = planner;
  }

  /** Plans a release of a product (release manager of the product). */
  @Transactional
  public Release plan(Actor by, String productKey, NewRelease request) {
    return planner.plan(by, productKey, request);
  }

  /**
   * Names the commit and ref the release is built from (its release manager; a part left null
   * stays). A new commit after go makes the go stale.
   */
  @Transactional
  public Release changeSource(Actor by, String releaseId, String commit, String ref, Long ifMatch) {
    return runner.run(by, releaseId, ifMatch, (r, p, now) -> Sources.change(r, commit, ref, p));
  }

  /** The version a new release of this type would get (release manager's form). */
  @Transactional(readOnly = true)
  public String proposeVersion(Actor by, String productKey, String type) {
    products.requireReader(by, productKey);
    return numbering.propose(productKey, ReleaseNumbering.type(type)).toString();
  }

  /**
   * The release as stored now: its revision is read from the database on every call (one lookup by
   * key; the document itself comes from the cache when it holds that revision), so a client
   * answered by one node reads what it was answered on any other node, at once.
   */
  @Transactional(readOnly = true)
  public Release get(Actor by, String releaseId) {
    ReleaseStore.Head head =
        store.head(releaseId).orElseThrow(() -> NotFound.of("release", releaseId));
    // a read: who may read the product is remembered for a few seconds (ProductManagement.reads);
    // commands read the roles afresh under the release's lock
    if (!products.reads(by, head.product())) throw NotFound.of("release", releaseId);
    return runner.restore(store.current(releaseId, head.revision()));
  }

  @Transactional(readOnly = true)
  public ReleasePage list(Actor by, String productKey, String status, int page, int size) {
    products.find(productKey);
    products.requireReader(by, productKey);
    if (status != null) ReleaseStatus.require(status);
    if (page < 0) throw Invalid.because("page starts at 0.");
    if (size < 1 || size > 200) throw Invalid.because("size is between 1 and 200.");
    List<Release> items =
        store.page(productKey, status, page, size).stream().map(runner::restore).toList();
    return new ReleasePage(items, page, size, store.count(productKey, status));
  }

  /** What the caller may do on a release now (see {@link Release#actionsFor}). */
  @Transactional(readOnly = true)
  public Actions actionsFor(Actor by, Release release) {
    Actions actions = release.actionsFor(participant(by, release.product()));
    java.time.Instant now = io.tollgate.shared.Timestamps.now(clock);
    return FreezePolicy.guard(actions, release, () -> runner.frozenNow(release, now), now);
  }

  @Transactional
  public Release meet(
      Actor by, String releaseId, String requirement, Evidence evidence, Long ifMatch) {
    return runner.run(
        by,
        releaseId,
        ifMatch,
        (r, p, now) -> {
          if (r.canMeet(requirement, p).isOffered()) runner.checkQualityGate(r, requirement);
          return r.meet(requirement, evidence, p, now);
        });
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
    return runner.run(
        by,
        releaseId,
        ifMatch,
        (r, p, now) -> {
          Action can = r.canComplete(step, p);
          List<ReleaseEvent> overrides = List.of();
          if (can.isOffered()) {
            LockPolicy.checkDeploy(
                r.process().step(step).orElse(null),
                r.product(),
                runner.lockedEnvironments(r.product()));
            ChecksPolicy.checkManualOutcome(
                r.process().step(step).orElse(null),
                parsed,
                p,
                runner.checkedEnvironments(r.product()));
            overrides = runner.checkFreeze(r, can, p, now);
          }
          return withOverrides(r.complete(step, note, evidence, parsed, p, now), overrides);
        });
  }

  /** Starts a run of a deploy, smoke-test or verification step (the automation's entry). */
  @Transactional
  public Release start(Actor by, String releaseId, String step, Long ifMatch) {
    return runner.run(
        by,
        releaseId,
        ifMatch,
        (r, p, now) -> {
          Action can = r.canStart(step, p);
          List<ReleaseEvent> overrides = List.of();
          if (can.isOffered()) {
            LockPolicy.checkDeploy(
                r.process().step(step).orElse(null),
                r.product(),
                runner.lockedEnvironments(r.product()));
            overrides = runner.checkFreeze(r, can, p, now);
          }
          return withOverrides(r.start(step, p, now), overrides);
        });
  }

  private static List<ReleaseEvent> withOverrides(
      List<ReleaseEvent> events, List<ReleaseEvent> overrides) {
    if (overrides.isEmpty()) return events;
    List<ReleaseEvent> all = new java.util.ArrayList<>(events);
    all.addAll(overrides);
    return all;
  }

  @Transactional
  public Release skip(Actor by, String releaseId, String step, String reason, Long ifMatch) {
    return runner.run(by, releaseId, ifMatch, (r, p, now) -> r.skip(step, reason, p, now));
  }

  /** A decision that names no decision it replaces (see {@link Release#decide}). */
  @Transactional
  public Release decide(
      Actor by, String releaseId, String decision, String rationale, Long ifMatch) {
    return decide(by, releaseId, decision, rationale, null, ifMatch);
  }

  /**
   * A go/no-go decision replacing decision {@code replaces} (1-based; null: none named). A matching
   * If-Match counts as naming the latest decision: the caller saw the current state.
   */
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
    return runner.run(
        by,
        releaseId,
        ifMatch,
        (r, p, now) ->
            r.decide(
                verdict,
                rationale,
                replaces == null && ifMatch != null
                    ? Integer.valueOf(r.decisions().size())
                    : replaces,
                p,
                now));
  }

  /**
   * Approves the release for its go decision as {@code role} (null: the first role asked for that
   * the caller holds and that still needs approvals); see {@link Release#approve}.
   */
  @Transactional
  public Release approve(Actor by, String releaseId, String role, String comment, Long ifMatch) {
    return runner.run(by, releaseId, ifMatch, (r, p, now) -> r.approve(role, comment, p, now));
  }

  @Transactional
  public Release acknowledge(Actor by, String releaseId, String handoff, Long ifMatch) {
    return runner.run(by, releaseId, ifMatch, (r, p, now) -> r.acknowledge(handoff, p, now));
  }

  @Transactional
  public Release updateNotes(
      Actor by, String releaseId, Map<String, List<String>> changes, Long ifMatch) {
    return runner.run(by, releaseId, ifMatch, (r, p, now) -> r.updateNotes(changes, p));
  }

  @Transactional
  public Release cancel(Actor by, String releaseId, String reason, Long ifMatch) {
    return runner.run(by, releaseId, ifMatch, (r, p, now) -> r.cancel(reason, p, now));
  }

  /** Called by the incident playbook once it rolled the release back out of an environment. */
  @Transactional
  public Release rolledBack(
      Actor by, String releaseId, String incident, String environment, String toVersion) {
    return runner.run(
        by,
        releaseId,
        null,
        (r, p, now) -> r.rolledBack(incident, environment, toVersion, by.username(), now));
  }

  /** The roles the caller holds on a product, as the aggregate checks them. */
  @Transactional(readOnly = true)
  public Participant participant(Actor by, String productKey) {
    return runner.participant(by, productKey);
  }
}
