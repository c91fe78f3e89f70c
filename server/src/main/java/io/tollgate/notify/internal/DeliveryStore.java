package io.tollgate.notify.internal;

import io.tollgate.notify.Delivery;
import io.tollgate.shared.Timestamps;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The notify_deliveries table: the outbox. A row is claimed by one sender at a time with a lease (a
 * conditional update, so two nodes never both win it), and per subscription only the oldest pending
 * row is offered, so messages leave in audit order.
 */
@Repository
public class DeliveryStore {
  private final JdbcClient jdbc;

  DeliveryStore(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** A row to send: which subscription, which event, as which type. */
  public record Due(long id, String subscription, long seq, String type, int attempts) {}

  /**
   * Adds a pending row, due now. Only the outbox writes rows, under its audit cursor's lock, so an
   * event and subscription never meet twice here (the unique key would refuse it).
   */
  public void insert(String subscription, String product, long seq, String type, Instant now) {
    jdbc.sql(
            "insert into notify_deliveries (subscription_id, product, event_seq, type, status,"
                + " attempts, next_attempt_at, created_at) values (?, ?, ?, ?, 'pending', 0, ?, ?)")
        .params(subscription, product, seq, type, Timestamps.toDb(now), Timestamps.toDb(now))
        .update();
  }

  /**
   * Pending rows that are due, not leased, and the oldest pending row of their subscription; in
   * audit order, at most {@code limit}.
   */
  public List<Due> due(Instant now, int limit) {
    return jdbc.sql(
            "select d.id, d.subscription_id, d.event_seq, d.type, d.attempts"
                + " from notify_deliveries d where d.status = 'pending' and d.next_attempt_at <= ?"
                + " and (d.claimed_until is null or d.claimed_until < ?)"
                + " and not exists (select 1 from notify_deliveries e where e.subscription_id ="
                + " d.subscription_id and e.status = 'pending' and e.event_seq < d.event_seq)"
                + " order by d.event_seq, d.id fetch first "
                + limit
                + " rows only")
        .params(Timestamps.toDb(now), Timestamps.toDb(now))
        .query(
            (rs, n) ->
                new Due(
                    rs.getLong("id"),
                    rs.getString("subscription_id"),
                    rs.getLong("event_seq"),
                    rs.getString("type"),
                    rs.getInt("attempts")))
        .list();
  }

  /**
   * Takes the row for this sender until {@code until}, if it is still pending and nobody holds it:
   * true for exactly one of several senders asking at once.
   */
  public boolean claim(long id, String sender, Instant now, Instant until) {
    return jdbc.sql(
                "update notify_deliveries set claimed_by = ?, claimed_until = ? where id = ? and"
                    + " status = 'pending' and (claimed_until is null or claimed_until < ?)")
            .params(sender, Timestamps.toDb(until), id, Timestamps.toDb(now))
            .update()
        == 1;
  }

  /**
   * Records a successful send by the sender holding the row; {@code note} says why nothing needed
   * sending (an empty audience), else null.
   */
  public void delivered(long id, String sender, int attempts, Instant now, String note) {
    jdbc.sql(
            "update notify_deliveries set status = 'delivered', attempts = ?, delivered_at = ?,"
                + " last_error = ?, claimed_until = null where id = ? and claimed_by = ?")
        .params(attempts, Timestamps.toDb(now), note, id, sender)
        .update();
  }

  /** Records a failed attempt: pending again at {@code next}, or dead when {@code next} is null. */
  public void failed(long id, String sender, int attempts, String error, Instant next) {
    String message = error == null ? "failed" : error;
    if (message.length() > 2000) message = message.substring(0, 2000);
    jdbc.sql(
            "update notify_deliveries set status = ?, attempts = ?, last_error = ?,"
                + " next_attempt_at = coalesce(?, next_attempt_at), claimed_until = null"
                + " where id = ? and claimed_by = ?")
        .params(
            next == null ? "dead" : "pending", attempts, message, Timestamps.toDb(next), id, sender)
        .update();
  }

  /** A dead row pending again, due now, with a fresh set of attempts; false if it is not dead. */
  public boolean retry(long id, Instant now) {
    return jdbc.sql(
                "update notify_deliveries set status = 'pending', attempts = 0,"
                    + " next_attempt_at = ?, claimed_until = null where id = ? and status = 'dead'")
            .params(Timestamps.toDb(now), id)
            .update()
        == 1;
  }

  /** Gives up the pending rows of a deleted subscription. */
  public void abandon(String subscription, String reason) {
    jdbc.sql(
            "update notify_deliveries set status = 'dead', last_error = ? where subscription_id = ?"
                + " and status = 'pending'")
        .params(reason, subscription)
        .update();
  }

  public Optional<String> productOf(long id) {
    return jdbc.sql("select product from notify_deliveries where id = ?")
        .param(id)
        .query(String.class)
        .optional();
  }

  public Optional<Delivery> find(long id) {
    return jdbc.sql("select * from notify_deliveries where id = ?")
        .param(id)
        .query(DeliveryStore::row)
        .optional();
  }

  /** The product's deliveries, newest first, optionally of one status. */
  public List<Delivery> of(String product, String status, int limit) {
    String where = status == null ? "" : " and status = :status";
    var spec =
        jdbc.sql(
                "select * from notify_deliveries where product = :product"
                    + where
                    + " order by event_seq desc, id desc fetch first "
                    + limit
                    + " rows only")
            .param("product", product);
    if (status != null) spec = spec.param("status", status);
    return spec.query(DeliveryStore::row).list();
  }

  private static Delivery row(ResultSet rs, int n) throws SQLException {
    String status = rs.getString("status");
    Instant next = Timestamps.fromDb(rs.getObject("next_attempt_at", OffsetDateTime.class));
    return new Delivery(
        rs.getLong("id"),
        rs.getString("subscription_id"),
        rs.getLong("event_seq"),
        rs.getString("type"),
        status,
        rs.getInt("attempts"),
        rs.getString("last_error"),
        "pending".equals(status) ? next : null,
        Timestamps.fromDb(rs.getObject("delivered_at", OffsetDateTime.class)));
  }
}
