package io.tollgate.notify.internal;

import io.tollgate.notify.Subscription;
import io.tollgate.shared.Timestamps;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The notify_subscriptions table (deleted rows stay, marked, for their deliveries' history). */
@Repository
public class SubscriptionStore {
  private static final String ACTIVE = " deleted_at is null ";
  private final JdbcClient jdbc;

  SubscriptionStore(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public void insert(Subscription s) {
    jdbc.sql(
            "insert into notify_subscriptions (id, product, events, channel, is_default,"
                + " created_by, created_at) values (?, ?, ?, ?, ?, ?, ?)")
        .params(
            s.id(),
            s.product(),
            ChannelJson.writeList(s.events()),
            ChannelJson.write(s.channel()),
            s.isDefault(),
            s.createdBy(),
            Timestamps.toDb(s.createdAt()))
        .update();
    // its senders' lease, free (see SubscriptionLeases)
    jdbc.sql("insert into notify_leases (subscription_id) values (?)").param(s.id()).update();
  }

  public List<Subscription> active(String product) {
    return jdbc.sql(
            "select * from notify_subscriptions where product = ? and"
                + ACTIVE
                + "order by created_at, id")
        .param(product)
        .query(SubscriptionStore::row)
        .list();
  }

  /** The active subscriptions of these products. */
  public List<Subscription> active(Collection<String> products) {
    if (products.isEmpty()) return List.of();
    return jdbc.sql(
            "select * from notify_subscriptions where product in (:products) and"
                + ACTIVE
                + "order by created_at, id")
        .param("products", products)
        .query(SubscriptionStore::row)
        .list();
  }

  /** A subscription, active or deleted. */
  public Optional<Subscription> find(String id) {
    return jdbc.sql("select * from notify_subscriptions where id = ?")
        .param(id)
        .query(SubscriptionStore::row)
        .optional();
  }

  public boolean isActive(String id) {
    return jdbc.sql("select count(*) from notify_subscriptions where id = ? and" + ACTIVE)
            .param(id)
            .query(Long.class)
            .single()
        > 0;
  }

  public boolean delete(String product, String id, Instant at) {
    return jdbc.sql(
                "update notify_subscriptions set deleted_at = ? where id = ? and product = ? and"
                    + ACTIVE)
            .params(Timestamps.toDb(at), id, product)
            .update()
        == 1;
  }

  private static Subscription row(ResultSet rs, int n) throws SQLException {
    return new Subscription(
        rs.getString("id"),
        rs.getString("product"),
        ChannelJson.readList(rs.getString("events")),
        ChannelJson.read(rs.getString("channel")),
        rs.getBoolean("is_default"),
        rs.getString("created_by"),
        Timestamps.fromDb(rs.getObject("created_at", OffsetDateTime.class)));
  }
}
