package io.tollgate.notify.internal;

import io.tollgate.shared.Timestamps;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The notify_customer_lists table: support's customer addresses of a product (JSON list). */
@Repository
public class CustomerListStore {
  private final JdbcClient jdbc;

  CustomerListStore(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public List<String> of(String product) {
    return jdbc.sql("select emails from notify_customer_lists where product = ?")
        .param(product)
        .query(String.class)
        .optional()
        .map(ChannelJson::readList)
        .orElse(List.of());
  }

  public void set(String product, List<String> emails, Instant at) {
    int updated =
        jdbc.sql("update notify_customer_lists set emails = ?, updated_at = ? where product = ?")
            .params(ChannelJson.writeList(emails), Timestamps.toDb(at), product)
            .update();
    if (updated == 0) {
      jdbc.sql("insert into notify_customer_lists (product, emails, updated_at) values (?, ?, ?)")
          .params(product, ChannelJson.writeList(emails), Timestamps.toDb(at))
          .update();
    }
  }
}
