package io.tollgate.deployment;

import io.tollgate.audit.AuditLog;
import io.tollgate.audit.AuditRecord;
import io.tollgate.deployment.internal.DeploymentStore;
import io.tollgate.shared.Actor;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Records what was deployed where and answers what each environment runs. Called inside the
 * transaction of the release or incident command that deployed or rolled back.
 */
@Service
public class DeploymentManagement {
  private final DeploymentStore store;
  private final AuditLog audit;

  DeploymentManagement(DeploymentStore store, AuditLog audit) {
    this.store = store;
    this.audit = audit;
  }

  @Transactional(propagation = Propagation.MANDATORY)
  public void deployed(
      String product,
      String environment,
      String release,
      String version,
      String outcome,
      String by,
      Instant at) {
    store.insert(product, environment, release, version, "deploy", outcome, by, at);
  }

  @Transactional(propagation = Propagation.MANDATORY)
  public void verified(String environment, String release, String outcome) {
    store.markVerified(release, environment, outcome);
  }

  /**
   * Takes a release out of an environment: its deployments there count as rolled back, and the
   * environment returns to the newest other release whose deployment succeeded and was not rolled
   * back.
   */
  @Transactional(propagation = Propagation.MANDATORY)
  public RollbackResult rollBack(
      String product, String environment, String release, Actor by, Instant at) {
    String from = store.current(product, environment).map(Deployment::version).orElse(null);
    store.markRolledBack(release, environment);
    Optional<Deployment> target = lastKnownGood(product, environment, release);
    target.ifPresent(
        t ->
            store.insert(
                product,
                environment,
                t.release(),
                t.version(),
                "rollback",
                "succeeded",
                by.username(),
                at));
    RollbackResult result =
        new RollbackResult(
            environment,
            from,
            target.map(Deployment::version).orElse(null),
            target.map(Deployment::release).orElse(null));
    audit.append(
        AuditRecord.of(
            "environment.rolled-back",
            by,
            product,
            "environment/" + product + "/" + environment,
            release,
            details(result)));
    return result;
  }

  /** Where a rollback of this release would take the environment, without doing it. */
  @Transactional(readOnly = true)
  public Optional<Deployment> rollbackTarget(String product, String environment, String release) {
    return lastKnownGood(product, environment, release);
  }

  /**
   * The deployments a release made, oldest first (every attempt, failed ones too). One statement:
   * it joins the caller's transaction, and needs none of its own.
   */
  @Transactional(readOnly = true, propagation = Propagation.SUPPORTS)
  public List<Deployment> ofRelease(String release) {
    return store.ofRelease(release);
  }

  /**
   * Reads candidates newest first, a few and then pages twice as large each time (up to 200), until
   * {@link LastKnownGood} finds one: usually among the newest few, and the board asks for every
   * environment of every product on each view (issue 13).
   */
  private Optional<Deployment> lastKnownGood(String product, String environment, String except) {
    int page = 4;
    for (int offset = 0; ; offset += page, page = Math.min(200, page * 2)) {
      List<Deployment> candidates = store.deploysNewestFirst(product, environment, offset, page);
      Optional<Deployment> found = LastKnownGood.among(candidates, except);
      if (found.isPresent() || candidates.size() < page) return found;
    }
  }

  @Transactional(readOnly = true)
  public List<EnvironmentState> environments(String product, List<String> names) {
    return names.stream()
        .map(
            name -> {
              Optional<Deployment> current = store.current(product, name);
              Optional<Deployment> good = lastKnownGood(product, name, null);
              return new EnvironmentState(
                  name,
                  current.map(Deployment::version).orElse(null),
                  current.map(Deployment::release).orElse(null),
                  current.map(Deployment::at).orElse(null),
                  good.map(Deployment::version).orElse(null),
                  good.map(Deployment::release).orElse(null));
            })
        .toList();
  }

  @Transactional(readOnly = true)
  public List<Deployment> history(String product, int limit) {
    return store.history(product, limit);
  }

  private static Map<String, Object> details(RollbackResult r) {
    Map<String, Object> d = new java.util.LinkedHashMap<>();
    d.put("environment", r.environment());
    d.put("fromVersion", r.fromVersion());
    d.put("toVersion", r.toVersion());
    d.put("toRelease", r.toRelease());
    return d;
  }
}
