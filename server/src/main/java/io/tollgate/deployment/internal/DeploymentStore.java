package io.tollgate.deployment.internal;

import io.tollgate.deployment.Deployment;
import io.tollgate.shared.Timestamps;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The deployments table. */
@Repository
public class DeploymentStore {
  private final JdbcClient jdbc;

  DeploymentStore(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public void insert(
      String product,
      String env,
      String release,
      String version,
      String kind,
      String outcome,
      String by,
      Instant at) {
    jdbc.sql(
            "insert into deployments (product_key, environment, release_id, version, kind, outcome, rolled_back,"
                + " deployed_by, deployed_at) values (?, ?, ?, ?, ?, ?, false, ?, ?)")
        .params(product, env, release, version, kind, outcome, by, Timestamps.toDb(at))
        .update();
  }

  public void markVerified(String release, String env, String outcome) {
    jdbc.sql(
            "update deployments set verified = ? where id = (select max(id) from deployments"
                + " where release_id = ? and environment = ? and kind = 'deploy'"
                + " and outcome = 'succeeded')")
        .params(outcome, release, env)
        .update();
  }

  public void markRolledBack(String release, String env) {
    jdbc.sql("update deployments set rolled_back = true where release_id = ? and environment = ?")
        .params(release, env)
        .update();
  }

  public Optional<Deployment> current(String product, String env) {
    return jdbc.sql(
            "select * from deployments where product_key = ? and environment = ? and outcome = 'succeeded'"
                + " order by product_key, environment, id desc limit 1")
        .params(product, env)
        .query((rs, n) -> map(rs))
        .optional();
  }

  /**
   * Deployments (kind {@code deploy}) to an environment, newest first, one page: the candidates for
   * the last known-good release, which {@code LastKnownGood} picks among.
   */
  public List<Deployment> deploysNewestFirst(String product, String env, int offset, int limit) {
    return jdbc.sql(
            "select * from deployments where product_key = ? and environment = ? and kind = 'deploy'"
                + " order by product_key, environment, id desc limit ? offset ?")
        .params(product, env, limit, offset)
        .query((rs, n) -> map(rs))
        .list();
  }

  /** The deployments a release made (kind {@code deploy}), oldest first. */
  public List<Deployment> ofRelease(String release) {
    return jdbc.sql(
            "select * from deployments where release_id = ? and kind = 'deploy' order by id")
        .param(release)
        .query((rs, n) -> map(rs))
        .list();
  }

  public List<Deployment> history(String product, int limit) {
    return jdbc.sql(
            "select * from deployments where product_key = ? order by product_key, id desc limit ?")
        .params(product, limit)
        .query((rs, n) -> map(rs))
        .list();
  }

  private static Deployment map(java.sql.ResultSet rs) throws java.sql.SQLException {
    return new Deployment(
        rs.getLong("id"),
        rs.getString("product_key"),
        rs.getString("environment"),
        rs.getString("release_id"),
        rs.getString("version"),
        rs.getString("kind"),
        rs.getString("outcome"),
        rs.getString("verified"),
        rs.getBoolean("rolled_back"),
        rs.getString("deployed_by"),
        Timestamps.fromDb(rs.getObject("deployed_at", OffsetDateTime.class)));
  }
}
