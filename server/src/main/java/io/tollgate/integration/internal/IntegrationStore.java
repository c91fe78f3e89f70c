package io.tollgate.integration.internal;

import io.tollgate.integration.GithubDelivery;
import io.tollgate.shared.Timestamps;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The github_integrations and github_deliveries tables. */
@Repository
public class IntegrationStore {
  private final JdbcClient jdbc;

  IntegrationStore(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * A product's integration: repository and sealed secret; for deployment protection rules the API
   * it answers (null: GitHub's) and the sealed token it answers with (null: none).
   */
  public record Stored(
      String product,
      String repository,
      String sealedSecret,
      String updatedBy,
      Instant updatedAt,
      String apiUrl,
      String sealedToken) {}

  public Optional<Stored> find(String product) {
    return jdbc.sql("select * from github_integrations where product_key = ?")
        .param(product)
        .query(
            (rs, n) ->
                new Stored(
                    rs.getString("product_key"),
                    rs.getString("repository"),
                    rs.getString("secret"),
                    rs.getString("updated_by"),
                    Timestamps.fromDb(rs.getObject("updated_at", OffsetDateTime.class)),
                    rs.getString("api_url"),
                    rs.getString("protection_token")))
        .optional();
  }

  public void put(Stored s) {
    int updated =
        jdbc.sql(
                "update github_integrations set repository = ?, secret = ?, updated_by = ?,"
                    + " updated_at = ?, api_url = ?, protection_token = ? where product_key = ?")
            .params(
                s.repository(),
                s.sealedSecret(),
                s.updatedBy(),
                Timestamps.toDb(s.updatedAt()),
                s.apiUrl(),
                s.sealedToken(),
                s.product())
            .update();
    if (updated == 0) {
      jdbc.sql(
              "insert into github_integrations (product_key, repository, secret, updated_by,"
                  + " updated_at, api_url, protection_token) values (?, ?, ?, ?, ?, ?, ?)")
          .params(
              s.product(),
              s.repository(),
              s.sealedSecret(),
              s.updatedBy(),
              Timestamps.toDb(s.updatedAt()),
              s.apiUrl(),
              s.sealedToken())
          .update();
    }
  }

  public int delete(String product) {
    return jdbc.sql("delete from github_integrations where product_key = ?")
        .param(product)
        .update();
  }

  /**
   * Claims a delivery id for the product; false when it was received before (a redelivery, or the
   * same one twice at once: the unique key decides).
   */
  public boolean claim(String product, String delivery, String event, String action, Instant at) {
    // look first: a failed insert would abort, on PostgreSQL, the transaction the delivery is
    // applied in. Two copies at the same moment: the unique key refuses the second (409).
    boolean seen =
        jdbc.sql("select count(*) from github_deliveries where product_key = ? and delivery_id = ?")
                .params(product, delivery)
                .query(Long.class)
                .single()
            > 0;
    if (seen) return false;
    jdbc.sql(
            "insert into github_deliveries (product_key, delivery_id, event, action, received_at,"
                + " outcome, detail) values (?, ?, ?, ?, ?, 'received', '')")
        .params(product, delivery, event, action, Timestamps.toDb(at))
        .update();
    return true;
  }

  public void settle(String product, String delivery, String outcome, String detail) {
    jdbc.sql(
            "update github_deliveries set outcome = ?, detail = ? where product_key = ?"
                + " and delivery_id = ?")
        .params(
            outcome,
            detail.length() > 2000 ? detail.substring(0, 1999) + "…" : detail,
            product,
            delivery)
        .update();
  }

  public void recordCiRun(String release, io.tollgate.integration.CiRun run) {
    jdbc.sql(
            "insert into release_ci_runs (release_id, sha, name, conclusion, url, reported_at)"
                + " values (?, ?, ?, ?, ?, ?)")
        .params(
            release,
            run.sha(),
            run.name(),
            run.conclusion(),
            run.url(),
            Timestamps.toDb(run.reportedAt()))
        .update();
  }

  /** The CI runs reported on a release, newest first. */
  public List<io.tollgate.integration.CiRun> ciRuns(String release) {
    return jdbc.sql("select * from release_ci_runs where release_id = ? order by id desc")
        .param(release)
        .query(
            (rs, n) ->
                new io.tollgate.integration.CiRun(
                    rs.getString("sha"),
                    rs.getString("name"),
                    rs.getString("conclusion"),
                    rs.getString("url"),
                    Timestamps.fromDb(rs.getObject("reported_at", OffsetDateTime.class))))
        .list();
  }

  /** The product's deliveries, newest first. */
  public List<GithubDelivery> recent(String product, int limit) {
    return jdbc.sql(
            "select * from github_deliveries where product_key = ? order by id desc"
                + " fetch first "
                + limit
                + " rows only")
        .param(product)
        .query(
            (rs, n) ->
                new GithubDelivery(
                    rs.getLong("id"),
                    rs.getString("delivery_id"),
                    rs.getString("event"),
                    rs.getString("action"),
                    Timestamps.fromDb(rs.getObject("received_at", OffsetDateTime.class)),
                    rs.getString("outcome"),
                    rs.getString("detail")))
        .list();
  }
}
