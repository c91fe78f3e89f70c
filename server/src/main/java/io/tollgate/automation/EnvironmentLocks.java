package io.tollgate.automation;

import io.tollgate.audit.AuditLog;
import io.tollgate.audit.AuditRecord;
import io.tollgate.process.ProcessDefinition;
import io.tollgate.product.ProductManagement;
import io.tollgate.release.Release;
import io.tollgate.release.ReleaseEvent.ReleaseRolledBack;
import io.tollgate.release.ReleaseManagement;
import io.tollgate.shared.Actor;
import io.tollgate.shared.BadRequest;
import io.tollgate.shared.Forbidden;
import io.tollgate.shared.NotFound;
import io.tollgate.shared.Refused;
import io.tollgate.shared.Timestamps;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * After any rollback (by a person's playbook or automatically) the environment takes no new
 * deployment of its product until a release manager clears the lock with a reason. Both are
 * audited; the board and the product page show the lock.
 */
@Service
public class EnvironmentLocks {
  private final JdbcClient jdbc;
  private final ReleaseManagement releases;
  private final ProductManagement products;
  private final io.tollgate.process.ProcessManagement processes;
  private final AuditLog audit;
  private final Clock clock;

  EnvironmentLocks(
      JdbcClient jdbc,
      ReleaseManagement releases,
      ProductManagement products,
      io.tollgate.process.ProcessManagement processes,
      AuditLog audit,
      Clock clock) {
    this.jdbc = jdbc;
    this.releases = releases;
    this.products = products;
    this.processes = processes;
    this.audit = audit;
    this.clock = clock;
  }

  /** A lock on an environment. */
  public record Lock(
      String product,
      String environment,
      String reason,
      String lockedBy,
      Instant lockedAt,
      String incident) {}

  /** Locks the environment in the transaction of the rollback. */
  @EventListener
  @Transactional(propagation = Propagation.MANDATORY)
  void rolledBack(ReleaseRolledBack event) {
    Release release = releases.get(Actor.SYSTEM, event.release().value());
    String reason =
        "Rolled back "
            + release.version()
            + (event.toVersion() == null ? "" : " to " + event.toVersion())
            + " (incident "
            + event.incident()
            + ")";
    Instant now = Timestamps.now(clock);
    jdbc.sql("delete from environment_locks where product_key = ? and environment = ?")
        .params(release.product(), event.environment())
        .update();
    jdbc.sql(
            "insert into environment_locks (product_key, environment, reason, locked_by, locked_at,"
                + " incident_id) values (?, ?, ?, ?, ?, ?)")
        .params(
            release.product(),
            event.environment(),
            reason,
            "system",
            Timestamps.toDb(now),
            event.incident())
        .update();
    audit.append(
        AuditRecord.of(
            "environment.locked",
            Actor.SYSTEM,
            release.product(),
            "environment/" + release.product() + "/" + event.environment(),
            null,
            details(event.environment(), reason)));
  }

  @Transactional(readOnly = true)
  public Optional<Lock> find(String product, String env) {
    return jdbc.sql(
            "select reason, locked_by, locked_at, incident_id from environment_locks"
                + " where product_key = ? and environment = ?")
        .params(product, env)
        .query(
            (rs, n) ->
                new Lock(
                    product,
                    env,
                    rs.getString(1),
                    rs.getString(2),
                    Timestamps.fromDb(rs.getObject(3, java.time.OffsetDateTime.class)),
                    rs.getString(4)))
        .optional();
  }

  /** Every locked environment of a product with its reason. */
  @Transactional(readOnly = true)
  public Map<String, String> of(String product) {
    Map<String, String> locks = new LinkedHashMap<>();
    jdbc.sql("select environment, reason from environment_locks where product_key = ?")
        .param(product)
        .query(
            rs -> {
              locks.put(rs.getString(1), rs.getString(2));
            });
    return locks;
  }

  /** The lock of an environment, if any (members and the admin). */
  @Transactional(readOnly = true)
  public Optional<Lock> get(Actor by, String product, String env) {
    requireEnvironment(by, product, env);
    return find(product, env);
  }

  private void requireEnvironment(Actor by, String product, String env) {
    if (!products.get(by, product).environments().contains(env)) {
      throw NotFound.of("environment", env);
    }
  }

  /** Clears a lock (the product's release manager, with a reason). */
  @Transactional
  public Lock clear(Actor by, String product, String env, String reason) {
    requireEnvironment(by, product, env);
    String manager = releaseManagerRole(product);
    if (!products.rolesOf(product, by.username()).contains(manager)) {
      throw Forbidden.needsRole(
          manager,
          "Clearing the lock of " + env,
          by.username(),
          new TreeSet<>(products.rolesOf(product, by.username())));
    }
    if (reason == null || reason.isBlank()) throw BadRequest.missing("reason");
    Lock lock =
        find(product, env)
            .orElseThrow(() -> Refused.because("The environment " + env + " is not locked."));
    jdbc.sql("delete from environment_locks where product_key = ? and environment = ?")
        .params(product, env)
        .update();
    audit.append(
        AuditRecord.of(
            "environment.unlocked",
            by,
            product,
            "environment/" + product + "/" + env,
            null,
            details(env, reason.strip())));
    return lock;
  }

  private String releaseManagerRole(String product) {
    ProcessDefinition process = processes.latest(products.find(product).process()).definition();
    return process.releaseManagerRole();
  }

  private static Map<String, Object> details(String env, String reason) {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("environment", env);
    d.put("reason", reason);
    return d;
  }
}
