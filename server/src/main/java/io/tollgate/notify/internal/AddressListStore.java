package io.tollgate.notify.internal;

import io.tollgate.shared.Timestamps;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A table of one address list per product (a JSON list in {@code emails}): the stakeholders' and
 * the customers' lists are two of them, read and written the same way.
 */
abstract class AddressListStore {
  private final JdbcClient jdbc;
  private final String table;

  /** {@code table} is one of this package's fixed table names, never input. */
  AddressListStore(JdbcClient jdbc, String table) {
    this.jdbc = jdbc;
    this.table = table;
  }

  public List<String> of(String product) {
    return jdbc.sql("select emails from " + table + " where product = ?")
        .param(product)
        .query(String.class)
        .optional()
        .map(ChannelJson::readList)
        .orElse(List.of());
  }

  public void set(String product, List<String> emails, Instant at) {
    int updated =
        jdbc.sql("update " + table + " set emails = ?, updated_at = ? where product = ?")
            .params(ChannelJson.writeList(emails), Timestamps.toDb(at), product)
            .update();
    if (updated == 0) {
      jdbc.sql("insert into " + table + " (product, emails, updated_at) values (?, ?, ?)")
          .params(product, ChannelJson.writeList(emails), Timestamps.toDb(at))
          .update();
    }
  }
}
