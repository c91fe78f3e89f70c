package io.tollgate.notify.internal;

import io.tollgate.shared.Timestamps;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The notify_deliveries table: the outbox. A sender takes a subscription's lease and a batch of its
 * rows, from its oldest pending row on, and records the batch's sends in one statement: messages
 * leave in audit order, and each row is written twice (added, then its outcome), the database work
 * of a batch beyond that being a few statements whatever its size. A row's status is in no index
 * (V143): recording an outcome rewrites the row alone. The senders find a subscription's pending
 * rows from its frontier ({@code notify_leases.sent_through}, before every pending row of the
 * subscription) through the (subscription_id, event_seq) key; the dead rows are listed from {@code
 * notify_dead_letters}.
 */
@Repository
public class DeliveryStore {
  private final JdbcClient jdbc;
  private final JdbcTemplate batch;
  private final SubscriptionLeases leases;
  private final TransactionTemplate tx;

  DeliveryStore(
      JdbcClient jdbc,
      JdbcTemplate batch,
      SubscriptionLeases leases,
      PlatformTransactionManager transactions) {
    this.jdbc = jdbc;
    this.batch = batch;
    this.leases = leases;
    this.tx = new TransactionTemplate(transactions);
  }

  /** A row to send: which subscription, which event, as which type. */
  public record Due(long id, String subscription, long seq, String type, int attempts) {}

  /**
   * A claimed batch: the subscription's frontier when it was claimed, and its oldest pending rows
   * after it, in audit order.
   */
  public record Batch(long from, List<Due> rows) {
    static final Batch NONE = new Batch(0, List.of());

    public boolean isEmpty() {
      return rows.isEmpty();
    }

    public int size() {
      return rows.size();
    }

    /**
     * The frontier once the first {@code handled} rows are recorded: past the last of them, or just
     * before the first row when none is (the rows between the old frontier and it are not pending).
     */
    long through(int handled) {
      if (rows.isEmpty()) return from;
      return handled == 0 ? rows.get(0).seq() - 1 : rows.get(handled - 1).seq();
    }
  }

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
   * most {@code limit}: per subscription one probe of the key (subscription_id, event_seq) from its
   * frontier on, so the cost follows the number of subscriptions, not the backlog; a subscription
   * waiting out a failed attempt's backoff is not answered, though the rows behind it are due. (It
   * was a distinct over every due row, which grew with the backlog and, when the senders fell
   * behind, took a fifth of the notification worker's time.)
   */
  public List<String> subscriptionsDue(Instant now, int limit) {
    return jdbc.sql(
            "select l.subscription_id from notify_leases l where (l.claimed_until is null or"
                + " l.claimed_until < :now) and (select d.next_attempt_at from notify_deliveries d"
                + " where d.subscription_id = l.subscription_id and d.event_seq > l.sent_through"
                + " and d.status = 'pending' order by d.subscription_id, d.event_seq"
                + " fetch first 1 row only) <= :now fetch first "
                + limit
                + " rows only")
        .param("now", Timestamps.toDb(now))
        .query(String.class)
        .list();
  }

  /**
   * Claims for the sender {@code token} (unique to this batch) the subscription's oldest pending
   * rows, at most {@code max}, as far as they are due, until {@code until}: it takes the
   * subscription's lease ({@link SubscriptionLeases}) and reads the rows after its frontier in
   * audit order (key (subscription_id, event_seq)); answers nothing, and lets the lease go, when
   * the oldest pending row is not due or another sender holds the lease. Three statements whatever
   * the batch's size, and none writes a delivery row: the rows are written once more only with
   * their outcome. While the lease runs no other sender, on this node or another, sends the
   * subscription, so its messages leave in order and never twice at once. The sender ends the batch
   * with {@link #finish}.
   */
  public Batch claimBatch(String subscription, String token, Instant now, Instant until, int max) {
    if (!leases.take(subscription, token, now, until)) return Batch.NONE;
    Batch batch = Batch.NONE;
    try {
      long from = leases.frontier(subscription);
      List<Pending> pending =
          jdbc.sql(
                  "select id, event_seq, type, attempts, next_attempt_at from notify_deliveries"
                      + " where subscription_id = ? and event_seq > ? and status = 'pending'"
                      // ordered as the key is, so the database reads it in order and stops at max
                      + " order by subscription_id, event_seq fetch first "
                      + max
                      + " rows only")
              .params(subscription, from)
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
      List<Due> rows = new ArrayList<>();
      for (Pending p : pending) {
        if (p.next().isAfter(now)) break; // not due yet: the rows after it wait for it
        rows.add(p.due());
      }
      batch = new Batch(from, rows);
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
   * Ends the sender's batch of the subscription whose first {@code handled} rows have their outcome
   * recorded: moves the frontier past them and lets the lease go, if it still holds it; the
   * frontier stays where it is if a retry moved it back meanwhile ({@link #retry}).
   */
  public void finish(String subscription, String token, Batch batch, int handled) {
    leases.release(subscription, token, batch.from(), batch.through(handled));
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

  /**
   * Records the last attempts of a batch's rows that failed for good, all with {@code error}: dead,
   * their attempts grown by one, and listed with the dead letters, in one transaction of two
   * statements whatever their number (a row at a time, it was four round trips each: with email not
   * set up every email delivery dies, about a third of the outbox's statements in the release
   * bench); only while {@code token} still holds the subscription's lease. Answers how many it
   * recorded: all of them, or none when the lease was lost.
   */
  public int dead(List<Long> ids, String token, String error) {
    if (ids.isEmpty()) return 0;
    String trimmed = trim(error);
    Integer recorded =
        tx.execute(
            status -> {
              int n =
                  jdbc.sql(
                          "update notify_deliveries set status = 'dead', attempts = attempts + 1,"
                              + " last_error = :error where id in (:ids) and status = 'pending'"
                              + SubscriptionLeases.HELD)
                      .param("error", trimmed)
                      .param("ids", ids)
                      .param("token", token)
                      .update();
              if (n > 0) {
                jdbc.sql(
                        "insert into notify_dead_letters (delivery_id, product, event_seq)"
                            + " select id, product, event_seq from notify_deliveries d"
                            + " where id in (:ids) and status = 'dead' and not exists"
                            + " (select 1 from notify_dead_letters x where x.delivery_id = d.id)")
                    .param("ids", ids)
                    .update();
              }
              return n;
            });
    return recorded == null ? 0 : recorded;
  }

  private static String trim(String error) {
    String message = error == null ? "failed" : error;
    return message.length() > 2000 ? message.substring(0, 2000) : message;
  }

  /**
   * Records a failed attempt: pending again at {@code next}, with {@code attempts}; or, when {@code
   * next} is null, dead as {@link #dead} records it (its attempts grown by one, listed with the
   * dead letters); false if the sender no longer holds the subscription's lease, and nothing was
   * recorded.
   */
  public boolean failed(long id, String token, int attempts, String error, Instant next) {
    if (next == null) return dead(List.of(id), token, error) == 1; // one way to die
    return jdbc.sql(
                "update notify_deliveries set status = 'pending', attempts = :attempts,"
                    + " last_error = :error, next_attempt_at = :next where id = :id"
                    + SubscriptionLeases.HELD)
            .param("attempts", attempts)
            .param("error", trim(error))
            .param("next", Timestamps.toDb(next))
            .param("id", id)
            .param("token", token)
            .update()
        == 1;
  }
}
