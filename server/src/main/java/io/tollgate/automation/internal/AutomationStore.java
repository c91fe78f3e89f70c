package io.tollgate.automation.internal;

import io.tollgate.automation.AutomatedDeployment;
import io.tollgate.automation.AutomatedDeployment.CheckResult;
import io.tollgate.automation.AutomatedDeployment.LogLine;
import io.tollgate.automation.DeploymentKind;
import io.tollgate.automation.DeploymentStatus;
import io.tollgate.shared.Timestamps;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The automation tables: configurations, deployments, their logs and check results. */
@Repository
public class AutomationStore {
  private final JdbcClient jdbc;

  AutomationStore(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  // ------------------------------------------------------------- configurations

  public record StoredConfig(String document, String updatedBy, Instant updatedAt) {}

  public Optional<StoredConfig> config(String product, String env) {
    return jdbc.sql(
            "select document, updated_by, updated_at from environment_automation"
                + " where product_key = ? and environment = ?")
        .params(product, env)
        .query(
            (rs, n) ->
                new StoredConfig(
                    rs.getString(1),
                    rs.getString(2),
                    Timestamps.fromDb(rs.getObject(3, java.time.OffsetDateTime.class))))
        .optional();
  }

  public List<String> configuredEnvironments(String product) {
    return jdbc.sql("select environment from environment_automation where product_key = ?")
        .param(product)
        .query(String.class)
        .list();
  }

  /** Every configured environment of a product with its document. */
  public java.util.Map<String, String> configs(String product) {
    java.util.Map<String, String> all = new java.util.TreeMap<>();
    jdbc.sql("select environment, document from environment_automation where product_key = ?")
        .param(product)
        .query(
            rs -> {
              all.put(rs.getString(1), rs.getString(2));
            });
    return all;
  }

  public void saveConfig(String product, String env, String document, String by, Instant at) {
    int updated =
        jdbc.sql(
                "update environment_automation set document = ?, updated_by = ?, updated_at = ?"
                    + " where product_key = ? and environment = ?")
            .params(document, by, Timestamps.toDb(at), product, env)
            .update();
    if (updated == 0) {
      jdbc.sql(
              "insert into environment_automation (product_key, environment, document, updated_by,"
                  + " updated_at) values (?, ?, ?, ?, ?)")
          .params(product, env, document, by, Timestamps.toDb(at))
          .update();
    }
  }

  public boolean deleteConfig(String product, String env) {
    return jdbc.sql("delete from environment_automation where product_key = ? and environment = ?")
            .params(product, env)
            .update()
        > 0;
  }

  // ------------------------------------------------------------- deployments

  public void insert(AutomatedDeployment d, String tokenHash, String tokenSealed) {
    jdbc.sql(
            "insert into automated_deployments (id, release_id, product_key, environment, step_key,"
                + " incident_id, version, previous_version, kind, status, requested_by, started_at,"
                + " token_hash, token_sealed) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .params(
            d.id(),
            d.release(),
            d.product(),
            d.environment(),
            d.step(),
            d.incident(),
            d.version(),
            d.previousVersion(),
            d.kind().id(),
            d.status().id(),
            d.requestedBy(),
            Timestamps.toDb(d.startedAt()),
            tokenHash,
            tokenSealed)
        .update();
  }

  public Optional<AutomatedDeployment> find(String id) {
    return jdbc.sql("select * from automated_deployments where id = ?")
        .param(id)
        .query((rs, n) -> map(rs))
        .optional();
  }

  /** Reads the row locked for the rest of the transaction. */
  public Optional<AutomatedDeployment> lock(String id) {
    return jdbc.sql("select * from automated_deployments where id = ? for update")
        .param(id)
        .query((rs, n) -> map(rs))
        .optional();
  }

  public String sealedToken(String id) {
    return jdbc.sql("select token_sealed from automated_deployments where id = ?")
        .param(id)
        .query(String.class)
        .single();
  }

  public Optional<String> idOfToken(String tokenHash) {
    return jdbc.sql("select id from automated_deployments where token_hash = ?")
        .param(tokenHash)
        .query(String.class)
        .optional();
  }

  public List<AutomatedDeployment> ofRelease(String release) {
    return jdbc.sql("select * from automated_deployments where release_id = ? order by started_at")
        .param(release)
        .query((rs, n) -> map(rs))
        .list();
  }

  /** Deployments of a product's environments not yet ended. */
  public List<AutomatedDeployment> unfinished(String product) {
    return jdbc.sql(
            "select * from automated_deployments where product_key = ?"
                + " and status in ('queued', 'running') order by started_at")
        .param(product)
        .query((rs, n) -> map(rs))
        .list();
  }

  public void markRunning(String id) {
    jdbc.sql(
            "update automated_deployments set status = 'running' where id = ? and status ="
                + " 'queued'")
        .param(id)
        .update();
  }

  /** Counts one more attempt of the executor call, if {@code made} is still the count. */
  public boolean countAttempt(String id, int made) {
    return jdbc.sql("update automated_deployments set attempts = ? where id = ? and attempts = ?")
            .params(made + 1, id, made)
            .update()
        == 1;
  }

  /** Ends a deployment that has not ended; false when it already had. */
  public boolean finish(
      String id, DeploymentStatus status, String message, String url, Instant at) {
    return jdbc.sql(
                "update automated_deployments set status = ?, message = ?, url = coalesce(?, url),"
                    + " finished_at = ? where id = ? and status in ('queued', 'running')")
            .params(status.id(), message, url, Timestamps.toDb(at), id)
            .update()
        == 1;
  }

  /**
   * Claims the follow-up of an ended deployment (auto-verify, auto-rollback): true once, for the
   * transaction that then starts it.
   */
  public boolean claimFollowUp(String id) {
    return jdbc.sql(
                "update automated_deployments set followed_up = true where id = ? and followed_up"
                    + " = false")
            .param(id)
            .update()
        == 1;
  }

  public void markSettled(String id) {
    jdbc.sql("update automated_deployments set settled = true where id = ?").param(id).update();
  }

  // ------------------------------------------------------------- log and checks

  /** Appends log lines; the deployment's row is locked first, so writers number lines in turn. */
  public void log(String id, Instant at, List<String> lines) {
    if (lines.isEmpty()) return;
    lock(id);
    int next =
        jdbc.sql(
                    "select coalesce(max(seq), 0) from automated_deployment_log where deployment_id"
                        + " = ?")
                .param(id)
                .query(Integer.class)
                .single()
            + 1;
    for (String line : lines) {
      jdbc.sql(
              "insert into automated_deployment_log (deployment_id, seq, at, line) values (?, ?, ?,"
                  + " ?)")
          .params(id, next++, Timestamps.toDb(at), line)
          .update();
    }
  }

  public List<LogLine> logOf(String id) {
    return jdbc.sql(
            "select at, line from automated_deployment_log where deployment_id = ? order by seq")
        .param(id)
        .query(
            (rs, n) ->
                new LogLine(
                    Timestamps.fromDb(rs.getObject(1, java.time.OffsetDateTime.class)),
                    rs.getString(2)))
        .list();
  }

  public void check(String id, CheckResult result) {
    lock(id);
    int next =
        jdbc.sql(
                    "select coalesce(max(seq), 0) from automated_deployment_checks"
                        + " where deployment_id = ?")
                .param(id)
                .query(Integer.class)
                .single()
            + 1;
    jdbc.sql(
            "insert into automated_deployment_checks (deployment_id, seq, round, kind, target, ok,"
                + " check_value, at) values (?, ?, ?, ?, ?, ?, ?, ?)")
        .params(
            id,
            next,
            result.round(),
            result.kind(),
            result.target(),
            result.ok(),
            result.value(),
            Timestamps.toDb(result.at()))
        .update();
  }

  public List<CheckResult> checksOf(String id) {
    return jdbc.sql(
            "select round, kind, target, ok, check_value, at from automated_deployment_checks"
                + " where deployment_id = ? order by seq")
        .param(id)
        .query(
            (rs, n) ->
                new CheckResult(
                    rs.getInt(1),
                    rs.getString(2),
                    rs.getString(3),
                    rs.getBoolean(4),
                    rs.getString(5),
                    Timestamps.fromDb(rs.getObject(6, java.time.OffsetDateTime.class))))
        .list();
  }

  private static AutomatedDeployment map(ResultSet rs) throws SQLException {
    java.time.OffsetDateTime finished = rs.getObject("finished_at", java.time.OffsetDateTime.class);
    return new AutomatedDeployment(
        rs.getString("id"),
        rs.getString("release_id"),
        rs.getString("product_key"),
        rs.getString("environment"),
        rs.getString("step_key"),
        rs.getString("incident_id"),
        rs.getString("version"),
        rs.getString("previous_version"),
        DeploymentKind.parse(rs.getString("kind")),
        DeploymentStatus.parse(rs.getString("status")).orElseThrow(),
        rs.getString("requested_by"),
        Timestamps.fromDb(rs.getObject("started_at", java.time.OffsetDateTime.class)),
        finished == null ? null : Timestamps.fromDb(finished),
        rs.getString("message"),
        rs.getString("url"),
        rs.getInt("attempts"),
        rs.getBoolean("settled"));
  }
}
