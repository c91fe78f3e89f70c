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
 * The deliveries as people see and manage them: a product's deliveries listed, a dead one retried,
 * a deleted subscription's pending ones given up. The senders' side is {@link DeliveryStore}.
 */
@Repository
public class DeliveryLedger {
  private final JdbcClient jdbc;
  private final SubscriptionLeases leases;

  DeliveryLedger(JdbcClient jdbc, SubscriptionLeases leases) {
    this.jdbc = jdbc;
    this.leases = leases;
  }

  /**
   * A dead row pending again, due now, with a fresh set of attempts: off the dead letters, and its
   * subscription's frontier moved back before it; false if it is not dead. Runs in the caller's
   * transaction.
   */
  public boolean retry(long id, Instant now) {
    Optional<Delivery> dead = find(id).filter(d -> d.status().equals("dead"));
    if (dead.isEmpty()) return false;
    boolean pending =
        jdbc.sql(
                    "update notify_deliveries set status = 'pending', attempts = 0,"
                        + " next_attempt_at = ? where id = ? and status = 'dead'")
                .params(Timestamps.toDb(now), id)
                .update()
            == 1;
    if (!pending) return false;
    jdbc.sql("delete from notify_dead_letters where delivery_id = ?").param(id).update();
    leases.moveBackBefore(dead.get().subscription(), dead.get().event());
    return true;
  }

  /**
   * Gives up the pending rows of a deleted subscription (all after its frontier), listing them with
   * the dead letters. Runs in the caller's transaction.
   */
  public void abandon(String subscription, String reason) {
    String pending =
        " from notify_deliveries d where d.subscription_id = :sub and d.status = 'pending' and"
            + " d.event_seq > (select l.sent_through from notify_leases l"
            + " where l.subscription_id = :sub)";
    jdbc.sql(
            "insert into notify_dead_letters (delivery_id, product, event_seq)"
                + " select d.id, d.product, d.event_seq"
                + pending)
        .param("sub", subscription)
        .update();
    jdbc.sql(
            "update notify_deliveries set status = 'dead', last_error = :reason where id in"
                + " (select d.id"
                + pending
                + ")")
        .param("reason", reason)
        .param("sub", subscription)
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
        .query(DeliveryLedger::row)
        .optional();
  }

  /**
   * The product's deliveries, newest first, optionally of one status: all of them and the delivered
   * ones from the (product, event_seq) index, the dead ones from the dead letters, the pending ones
   * after each subscription's frontier.
   */
  public List<Delivery> of(String product, String status, int limit) {
    String order = " order by d.event_seq desc, d.id desc fetch first " + limit + " rows only";
    String sql =
        switch (status == null ? "" : status) {
          case "dead" ->
              "select d.* from notify_dead_letters x join notify_deliveries d on d.id ="
                  + " x.delivery_id where x.product = :product";
          case "pending" ->
              "select d.* from notify_subscriptions s join notify_leases l on l.subscription_id"
                  + " = s.id join notify_deliveries d on d.subscription_id = s.id and d.event_seq"
                  + " > l.sent_through where s.product = :product and d.status = 'pending'";
          case "" -> "select d.* from notify_deliveries d where d.product = :product";
          default ->
              "select d.* from notify_deliveries d where d.product = :product and d.status = :status";
        };
    var spec = jdbc.sql(sql + order).param("product", product);
    if (sql.contains(":status")) spec = spec.param("status", status);
    return spec.query(DeliveryLedger::row).list();
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
