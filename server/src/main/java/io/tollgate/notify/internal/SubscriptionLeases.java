package io.tollgate.notify.internal;

import io.tollgate.shared.Timestamps;
import java.time.Instant;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The notify_leases table: which sender, on any node, sends a subscription's deliveries now, and
 * until when. A sender takes the lease with one conditional update (only a free or expired lease is
 * taken; the database re-checks the condition under the row's lock, so two senders never both win
 * it), sends, and lets it go. A sender that dies holding it leaves it to expire. One row per
 * subscription, written once per batch: the rows of the batch are not touched until their outcome
 * is recorded. The row also keeps the subscription's frontier ({@code sent_through}, V143): every
 * pending row of the subscription comes after it; a sender letting go moves it past what it
 * recorded.
 */
@Repository
class SubscriptionLeases {
  private final JdbcClient jdbc;

  SubscriptionLeases(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Takes the subscription's lease for {@code token} until {@code until}, if nobody holds it. */
  boolean take(String subscription, String token, Instant now, Instant until) {
    // every subscription has its row: made with it (SubscriptionStore), or by migration V142
    int won =
        jdbc.sql(
                "update notify_leases set claimed_by = :token, claimed_until = :until"
                    + " where subscription_id = :sub"
                    + " and (claimed_until is null or claimed_until < :now)")
            .param("token", token)
            .param("until", Timestamps.toDb(until))
            .param("sub", subscription)
            .param("now", Timestamps.toDb(now))
            .update();
    return won == 1;
  }

  /** Lets the lease go, if {@code token} still holds it. */
  void release(String subscription, String token) {
    jdbc.sql(
            "update notify_leases set claimed_by = null, claimed_until = null"
                + " where subscription_id = ? and claimed_by = ?")
        .params(subscription, token)
        .update();
  }

  /** The subscription's frontier: every pending row of it comes after this audit seq. */
  long frontier(String subscription) {
    return jdbc.sql("select sent_through from notify_leases where subscription_id = ?")
        .param(subscription)
        .query(Long.class)
        .single();
  }

  /**
   * Lets the lease go, if {@code token} still holds it, moving the frontier from {@code from} to
   * {@code through}; only if it is still at {@code from}: a retry that moved it back meanwhile (the
   * database re-checks the condition under the row's lock) keeps its place.
   */
  void release(String subscription, String token, long from, long through) {
    jdbc.sql(
            "update notify_leases set claimed_by = null, claimed_until = null, sent_through ="
                + " case when sent_through = :from then :through else sent_through end"
                + " where subscription_id = :sub and claimed_by = :token")
        .param("from", from)
        .param("through", Math.max(from, through))
        .param("sub", subscription)
        .param("token", token)
        .update();
  }

  /**
   * Moves the frontier back before {@code seq}, if it is past it: a row of the subscription pending
   * again (a dead delivery retried) comes after the frontier, as every pending row does.
   */
  void moveBackBefore(String subscription, long seq) {
    jdbc.sql(
            "update notify_leases set sent_through = :before where subscription_id = :sub"
                + " and sent_through > :before")
        .param("before", seq - 1)
        .param("sub", subscription)
        .update();
  }

  /**
   * The condition, in a statement on notify_deliveries, that {@code :token} still holds the lease
   * of the row's subscription: a sender whose lease ran out records nothing.
   *
   * <p>The statements name their rows by id only, so the primary key is the one index that finds
   * them, and {@code offset 0 rows} keeps this subquery a check of each row found (PostgreSQL does
   * not turn an {@code exists} with an offset into a join). Without it PostgreSQL could plan the
   * statement as a join that starts from the lease and reads every delivery the subscription ever
   * had through its unique index (which begins with the subscription): the plans connections kept
   * from when the tables were small and never analysed (autovacuum off) did so, about 1,300 index
   * entries for each batch recorded, growing with the outbox; comparing the subscription with an
   * uncorrelated subquery instead was planned through the same index (bench/README.md, 3 December
   * evening).
   */
  static final String HELD =
      " and exists (select 1 from notify_leases l where l.subscription_id ="
          + " notify_deliveries.subscription_id and l.claimed_by = :token offset 0 rows)";
}
