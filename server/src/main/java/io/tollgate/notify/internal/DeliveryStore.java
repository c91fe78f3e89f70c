package io.tollgate.notify.internal;

import io.tollgate.notify.Delivery;
import io.tollgate.shared.Timestamps;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The notify_deliveries table: the outbox. A sender takes a subscription's lease and a batch of its
 * rows, from its oldest pending row on, and records the batch's sends in one statement: messages
 * leave in audit order, and each row is written twice (added, then its outcome), the database work
 * of a batch beyond that being a few statements whatever its size.
 */
@Repository
public class DeliveryStore {
  private final JdbcClient jdbc;
  private final JdbcTemplate batch;
  private final SubscriptionLeases leases;

  DeliveryStore(JdbcClient jdbc, JdbcTemplate batch, SubscriptionLeases leases) {
    this.jdbc = jdbc;
    this.batch = batch;
    this.leases = leases;
  }

  /** A row to send: which subscription, which event, as which type. */
  public record Due(long id, String subscription, long seq, String type, int attempts) {}

  /** A row the outbox adds: this subscription is to be told of this event, as this type. */
  public record NewRow(String subscription, String product, long seq, String type) {}

  /**
   * Adds pending rows, due now, in one batched statement. Only the outbox writes rows, under its
   * audit cursor's lock, so an event and subscription never meet twice here (the unique key would
   * refuse it).
   */
  public void insert(List<NewRow> rows, Instant now) {
    if (rows.isEmpty()) return;
    Object at = Timestamps.toDb(now);
    List<Object[]> args = new ArrayList<>(rows.size());
    for (NewRow r : rows) {
      args.add(new Object[] {r.subscription(), r.product(), r.seq(), r.type(), at, at});
    }
    batch.batchUpdate(
        "insert into notify_deliveries (subscription_id, product, event_seq, type, status,"
            + " attempts, next_attempt_at, created_at) values (?, ?, ?, ?, 'pending', 0, ?, ?)",
        args);
  }

  /** Adds one pending row, due now (see {@link #insert(List, Instant)}). */
  public void insert(String subscription, String product, long seq, String type, Instant now) {
    insert(List.of(new NewRow(subscription, product, seq, type)), now);
  }

  /**
   * Subscriptions whose oldest pending row is due by {@code now} and whose lease nobody holds, at
   * most {@code limit}: per subscription one probe of the index (subscription_id, status,
   * event_seq), so the cost follows the number of subscriptions, not the backlog; a subscription
   * waiting out a failed attempt's backoff is not answered, though the rows behind it are due. (It
   * was a distinct over every due row, which grew with the backlog and, when the senders fell
   * behind, took a fifth of the notification worker's time.)
   */
  public List<String> subscriptionsDue(Instant now, int limit) {
    return jdbc.sql(
            "select s.id from notify_subscriptions s where (select d.next_attempt_at from"
                + " notify_deliveries d where d.subscription_id = s.id and d.status = 'pending'"
                + " order by d.subscription_id, d.status, d.event_seq fetch first 1 row only)"
                + " <= :now and not exists (select 1 from notify_leases l"
                + " where l.subscription_id = s.id and l.claimed_until >= :now)"
                + " fetch first "
                + limit
                + " rows only")
        .param("now", Timestamps.toDb(now))
        .query(String.class)
        .list();
  }

  /**
   * Claims for the sender {@code token} (unique to this batch) the subscription's oldest pending
   * rows, at most {@code max}, as far as they are due, until {@code until}: it takes the
   * subscription's lease ({@link SubscriptionLeases}) and reads the rows in audit order (index
   * (subscription_id, status, event_seq)); answers nothing, and lets the lease go, when the oldest
   * pending row is not due or another sender holds the lease. Two statements whatever the batch's
   * size, and none writes a delivery row: the rows are written once more only with their outcome.
   * While the lease runs no other sender, on this node or another, sends the subscription, so its
   * messages leave in order and never twice at once. The sender ends the batch with {@link
   * #finish}.
   */
  public List<Due> claimBatch(
      String subscription, String token, Instant now, Instant until, int max) {
    if (!leases.take(subscription, token, now, until)) return List.of();
    List<Due> batch = new ArrayList<>();
    try {
      List<Pending> pending =
          jdbc.sql(
                  "select id, event_seq, type, attempts, next_attempt_at"
                      + " from notify_deliveries where subscription_id = ? and status = 'pending'"
                      // ordered as the index is, so the database reads it in order and stops at max
                      + " order by subscription_id, status, event_seq fetch first "
                      + max
                      + " rows only")
              .param(subscription)
              .query(
                  (rs, n) ->
                      new Pending(
                          new Due(
                              rs.getLong("id"),
                              subscription,
                              rs.getLong("event_seq"),
                              rs.getString("type"),
                              rs.getInt("attempts")),
                          Timestamps.fromDb(rs.getObject("next_attempt_at", OffsetDateTime.class))))
              .list();
      for (Pending p : pending) {
        if (p.next().isAfter(now)) break; // not due yet: the rows after it wait for it
        batch.add(p.due());
      }
    } finally {
      if (batch.isEmpty()) leases.release(subscription, token);
    }
    return batch;
  }

  private record Pending(Due due, Instant next) {}

  /** Ends the sender's batch of the subscription: lets its lease go, if it still holds it. */
  public void finish(String subscription, String token) {
    leases.release(subscription, token);
  }

  /**
   * Records the successful sends of a batch, one statement per 500 rows: each row's attempts grow
   * by one; only while {@code token} still holds the subscription's lease.
   */
  public void delivered(List<Long> ids, String token, Instant now) {
    for (int from = 0; from < ids.size(); from += 500) {
      jdbc.sql(
              "update notify_deliveries set status = 'delivered', attempts = attempts + 1,"
                  + " delivered_at = :at, last_error = null"
                  + " where id in (:ids) and status = 'pending'"
                  + SubscriptionLeases.HELD)
          .param("at", Timestamps.toDb(now))
          .param("ids", ids.subList(from, Math.min(ids.size(), from + 500)))
          .param("token", token)
          .update();
    }
  }

  /**
   * Records a successful send by the sender holding the row's subscription; {@code note} says why
   * nothing needed sending (an empty audience), else null.
   */
  public void delivered(long id, String token, int attempts, Instant now, String note) {
    jdbc.sql(
            "update notify_deliveries set status = 'delivered', attempts = :attempts,"
                + " delivered_at = :at, last_error = :note where id = :id"
                + SubscriptionLeases.HELD)
        .param("attempts", attempts)
        .param("at", Timestamps.toDb(now))
        .param("note", note)
        .param("id", id)
        .param("token", token)
        .update();
  }

  /** Records a failed attempt: pending again at {@code next}, or dead when {@code next} is null. */
  public void failed(long id, String token, int attempts, String error, Instant next) {
    String message = error == null ? "failed" : error;
    if (message.length() > 2000) message = message.substring(0, 2000);
    jdbc.sql(
            "update notify_deliveries set status = :status, attempts = :attempts,"
                + " last_error = :error, next_attempt_at = coalesce(:next, next_attempt_at)"
                + " where id = :id"
                + SubscriptionLeases.HELD)
        .param("status", next == null ? "dead" : "pending")
        .param("attempts", attempts)
        .param("error", message)
        .param("next", Timestamps.toDb(next))
        .param("id", id)
        .param("token", token)
        .update();
  }

  /** A dead row pending again, due now, with a fresh set of attempts; false if it is not dead. */
  public boolean retry(long id, Instant now) {
    return jdbc.sql(
                "update notify_deliveries set status = 'pending', attempts = 0,"
                    + " next_attempt_at = ? where id = ? and status = 'dead'")
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
