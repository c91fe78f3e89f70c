package io.tollgate.integration.internal;

import io.tollgate.shared.Timestamps;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The github_protection_runs table: each deployment protection rule request, Tollgate's verdict and
 * what GitHub was last told. A verdict GitHub was not told yet is due at {@code next_attempt_at}; a
 * sender claims it by moving that time forward (compare-and-set), so one node sends it.
 */
@Repository
public class ProtectionStore {
  private final JdbcClient jdbc;

  ProtectionStore(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** One request as stored. {@code told}: the verdict GitHub last accepted, or null. */
  public record Run(
      long id,
      String product,
      String delivery,
      String environment,
      String sha,
      String callbackUrl,
      String release,
      String verdict,
      String comment,
      Instant receivedAt,
      Instant decidedAt,
      String told,
      int attempts,
      Instant nextAttemptAt,
      String lastError) {}

  /** Records a request with its first verdict, due now. */
  public void insert(
      String product,
      String delivery,
      String environment,
      String sha,
      String callbackUrl,
      String release,
      String verdict,
      String comment,
      Instant now) {
    jdbc.sql(
            "insert into github_protection_runs (product_key, delivery_id, environment, sha,"
                + " callback_url, release_id, verdict, comment, received_at, decided_at,"
                + " next_attempt_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .params(
            product,
            delivery,
            environment,
            sha,
            callbackUrl,
            release,
            verdict,
            comment,
            Timestamps.toDb(now),
            Timestamps.toDb(now),
            Timestamps.toDb(now))
        .update();
  }

  /** The runs still waiting for a go, oldest first. */
  public List<Run> waiting(int limit) {
    return jdbc.sql(
            "select * from github_protection_runs where verdict = 'waiting' order by id"
                + " fetch first "
                + limit
                + " rows only")
        .query(ProtectionStore::run)
        .list();
  }

  /** Decides a waiting run (false when it was decided meanwhile); the new verdict is due now. */
  public boolean decide(long id, String verdict, String release, String comment, Instant now) {
    return jdbc.sql(
                "update github_protection_runs set verdict = ?, release_id = ?, comment = ?,"
                    + " decided_at = ?, next_attempt_at = ?, attempts = 0 where id = ?"
                    + " and verdict = 'waiting'")
            .params(verdict, release, comment, Timestamps.toDb(now), Timestamps.toDb(now), id)
            .update()
        == 1;
  }

  /** The runs whose verdict is due to be told, soonest first. */
  public List<Run> due(Instant now, int limit) {
    return jdbc.sql(
            "select * from github_protection_runs where next_attempt_at <= ?"
                + " order by next_attempt_at, id fetch first "
                + limit
                + " rows only")
        .param(Timestamps.toDb(now))
        .query(ProtectionStore::run)
        .list();
  }

  /** Claims a due run until {@code until} (false when another sender claimed it first). */
  public boolean claim(Run run, Instant until) {
    return jdbc.sql(
                "update github_protection_runs set next_attempt_at = ?, attempts = attempts + 1"
                    + " where id = ? and next_attempt_at = ? and verdict = ?")
            .params(
                Timestamps.toDb(until),
                run.id(),
                Timestamps.toDb(run.nextAttemptAt()),
                run.verdict())
            .update()
        == 1;
  }

  /** GitHub accepted {@code verdict}; nothing more is due unless the verdict changed meanwhile. */
  public void told(long id, String verdict) {
    jdbc.sql(
            "update github_protection_runs set told = ?, next_attempt_at = null, last_error = null"
                + " where id = ? and verdict = ?")
        .params(verdict, id, verdict)
        .update();
  }

  /**
   * The product's runs whose verdict GitHub has not accepted and that were given up are due again
   * (a new token or API address); answers how many.
   */
  public int retryUntold(String product, Instant now) {
    return jdbc.sql(
            "update github_protection_runs set next_attempt_at = ?, attempts = 0"
                + " where product_key = ? and next_attempt_at is null"
                + " and (told is null or told <> verdict)")
        .params(Timestamps.toDb(now), product)
        .update();
  }

  /** Telling failed: try again at {@code next} (null: give up), with why. */
  public void failed(long id, String verdict, String error, Instant next) {
    jdbc.sql(
            "update github_protection_runs set last_error = ?, next_attempt_at = ?"
                + " where id = ? and verdict = ?")
        .params(
            error.length() > 1000 ? error.substring(0, 999) + "…" : error,
            next == null ? null : Timestamps.toDb(next),
            id,
            verdict)
        .update();
  }

  public Optional<Run> find(String product, String delivery) {
    return jdbc.sql(
            "select * from github_protection_runs where product_key = ? and delivery_id = ?")
        .params(product, delivery)
        .query(ProtectionStore::run)
        .optional();
  }

  /** The product's latest requests, newest first. */
  public List<Run> recent(String product, int limit) {
    return jdbc.sql(
            "select * from github_protection_runs where product_key = ? order by id desc"
                + " fetch first "
                + limit
                + " rows only")
        .param(product)
        .query(ProtectionStore::run)
        .list();
  }

  private static Run run(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
    return new Run(
        rs.getLong("id"),
        rs.getString("product_key"),
        rs.getString("delivery_id"),
        rs.getString("environment"),
        rs.getString("sha"),
        rs.getString("callback_url"),
        rs.getString("release_id"),
        rs.getString("verdict"),
        rs.getString("comment"),
        Timestamps.fromDb(rs.getObject("received_at", OffsetDateTime.class)),
        Timestamps.fromDb(rs.getObject("decided_at", OffsetDateTime.class)),
        rs.getString("told"),
        rs.getInt("attempts"),
        Timestamps.fromDb(rs.getObject("next_attempt_at", OffsetDateTime.class)),
        rs.getString("last_error"));
  }
}
