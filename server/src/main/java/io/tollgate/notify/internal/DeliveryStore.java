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
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The notify_deliveries table: the outbox. A sender claims a batch of a subscription's rows, from
 * its oldest pending row on, with a lease (a conditional update, so two senders never both win a
 * row), and records the batch's sends in one statement: messages leave in audit order, and the
 * database work per delivery is a share of a few statements, not statements of its own.
 */
@Repository
public class DeliveryStore {
  private final JdbcClient jdbc;
  private final JdbcTemplate batch;
  private final TransactionTemplate tx;

  DeliveryStore(JdbcClient jdbc, JdbcTemplate batch, PlatformTransactionManager transactions) {
    this.jdbc = jdbc;
    this.batch = batch;
    this.tx = new TransactionTemplate(transactions);
  }

  /**
   * A row nobody holds that is due. The claim takes its rows through {@code for update skip
   * locked}: it never waits for a row another statement has locked (a row being claimed or recorded
   * by another sender is not free anyway), so claims and the senders' bookkeeping, which lock the
   * same rows in no set order, cannot deadlock (PostgreSQL found that two senders could); the
   * condition is checked again under the row's lock.
   */
  private static final String FREE =
      " and status = 'pending' and next_attempt_at <= :now"
          + " and (claimed_until is null or claimed_until < :now)";

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
   * The subscriptions that have a pending row due by {@code now}, at most {@code limit}: an index
   * range over the due rows (status, next_attempt_at), which are few while the senders keep up.
   */
  public List<String> subscriptionsDue(Instant now, int limit) {
    return jdbc.sql(
            "select distinct subscription_id from notify_deliveries where status = 'pending' and"
                + " next_attempt_at <= ? fetch first "
                + limit
                + " rows only")
        .param(Timestamps.toDb(now))
        .query(String.class)
        .list();
  }

  /**
   * Claims for the sender {@code token} (unique to this batch) the subscription's oldest pending
   * rows, at most {@code max}, as far as they are due and nobody holds them, until {@code until};
   * answers them in audit order, or nothing when the oldest pending row is not due or is held.
   * Three statements whatever the batch's size: one reads the subscription's pending rows in order
   * (index (subscription_id, status, event_seq)); then, in one transaction, one locks those of them
   * still free by primary key ({@code for update skip locked}, the condition checked again under
   * each row's lock) and one update by primary key marks them taken. A row another sender took in
   * between is not taken twice; if this sender could not lock exactly the rows it read, it rolls
   * back and answers nothing, so a subscription's rows are only ever sent as one batch from its
   * oldest pending row on: in order, and never by two senders at once. (The claim was one update
   * whose condition held a {@code for update skip locked} subquery: H2 evaluated it row by row over
   * the table, the cost grew with the table and the senders fell behind; see bench/README.md,
   * "Notification delivery lag".)
   */
  public List<Due> claimBatch(
      String subscription, String token, Instant now, Instant until, int max) {
    List<Pending> pending =
        jdbc.sql(
                "select id, event_seq, type, attempts, next_attempt_at, claimed_until"
                    + " from notify_deliveries where subscription_id = ? and status = 'pending'"
                    // ordered as the index is, so H2 reads it in order and stops at max
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
                        Timestamps.fromDb(rs.getObject("next_attempt_at", OffsetDateTime.class)),
                        Timestamps.fromDb(rs.getObject("claimed_until", OffsetDateTime.class))))
            .list();
    List<Due> batch = new ArrayList<>();
    for (Pending p : pending) {
      if (p.next().isAfter(now) || (p.claimedUntil() != null && !p.claimedUntil().isBefore(now))) {
        break; // not due yet, or being sent: the rows after it wait for it
      }
      batch.add(p.due());
    }
    if (batch.isEmpty()) return List.of();
    List<Long> ids = ids(batch);
    Boolean won =
        tx.execute(
            status -> {
              // locks the rows still free, by primary key, in id order, never waiting for a row
              // another statement holds; the condition is checked again under each row's lock
              List<Long> free =
                  jdbc.sql(
                          "select id from notify_deliveries where id in (:ids)"
                              + FREE
                              + " order by id for update skip locked")
                      .param("ids", ids)
                      .param("now", Timestamps.toDb(now))
                      .query(Long.class)
                      .list();
              if (free.size() != ids.size()) {
                status.setRollbackOnly(); // not all of them: take none, the locks go
                return false;
              }
              // rows this transaction holds already: a plain update by primary key
              jdbc.sql(
                      "update notify_deliveries set claimed_by = :token, claimed_until = :until"
                          + " where id in (:ids)")
                  .param("token", token)
                  .param("until", Timestamps.toDb(until))
                  .param("ids", ids)
                  .update();
              return true;
            });
    return Boolean.TRUE.equals(won) ? batch : List.of();
  }

  private record Pending(Due due, Instant next, Instant claimedUntil) {}

  private static List<Long> ids(List<Due> batch) {
    return batch.stream().map(Due::id).toList();
  }

  /** Lets go of those of these rows this sender still holds and has not sent: due again at once. */
  public void release(List<Long> ids, String token) {
    if (ids.isEmpty()) return;
    jdbc.sql(
            "update notify_deliveries set claimed_until = null where id in (:ids)"
                + " and status = 'pending' and claimed_by = :token")
        .param("ids", ids)
        .param("token", token)
        .update();
  }

  /**
   * Records the successful sends of a batch, one statement per 500 rows: each row's attempts grow
   * by one; only rows this sender still holds.
   */
  public void delivered(List<Long> ids, String token, Instant now) {
    for (int from = 0; from < ids.size(); from += 500) {
      jdbc.sql(
              "update notify_deliveries set status = 'delivered', attempts = attempts + 1,"
                  + " delivered_at = :at, last_error = null, claimed_until = null"
                  + " where id in (:ids) and claimed_by = :token and status = 'pending'")
          .param("at", Timestamps.toDb(now))
          .param("ids", ids.subList(from, Math.min(ids.size(), from + 500)))
          .param("token", token)
          .update();
    }
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
