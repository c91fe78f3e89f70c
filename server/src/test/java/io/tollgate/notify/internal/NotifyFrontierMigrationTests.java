package io.tollgate.notify.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/**
 * V143 reads the deliveries stored before it: each subscription's frontier is set just before its
 * oldest pending row (after its last row when none is pending, 0 when it has none), and the dead
 * rows become the dead letters.
 */
class NotifyFrontierMigrationTests {
  private static final String URL =
      "jdbc:h2:mem:v143-migration;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;"
          + "DB_CLOSE_DELAY=-1";

  @Test
  void frontiersAndDeadLettersAreMadeFromTheRowsStoredBefore() throws Exception {
    Flyway.configure().dataSource(URL, "sa", "").target("142").load().migrate();
    try (Connection c = DriverManager.getConnection(URL, "sa", "");
        Statement s = c.createStatement()) {
      s.execute("set referential_integrity false");
      for (String sub : List.of("waiting", "done", "empty")) {
        s.execute(
            "insert into notify_subscriptions (id, product, events, channel, is_default,"
                + " created_by, created_at) values ('"
                + sub
                + "', 'shop', '[]', '{}', false, 'rm', current_timestamp)");
        s.execute("insert into notify_leases (subscription_id) values ('" + sub + "')");
      }
      row(s, "waiting", 5, "delivered");
      row(s, "waiting", 6, "dead");
      row(s, "waiting", 7, "pending");
      row(s, "waiting", 8, "pending");
      row(s, "done", 5, "delivered");
      row(s, "done", 9, "dead");
      s.execute("set referential_integrity true");

      Flyway.configure().dataSource(URL, "sa", "").load().migrate();

      List<String> frontiers = new ArrayList<>();
      try (ResultSet rs =
          s.executeQuery(
              "select subscription_id, sent_through from notify_leases order by subscription_id")) {
        while (rs.next()) frontiers.add(rs.getString(1) + " " + rs.getLong(2));
      }
      assertThat(frontiers).containsExactly("done 9", "empty 0", "waiting 6");
      List<String> dead = new ArrayList<>();
      try (ResultSet rs =
          s.executeQuery(
              "select d.subscription_id, x.event_seq, x.product from notify_dead_letters x"
                  + " join notify_deliveries d on d.id = x.delivery_id order by x.event_seq")) {
        while (rs.next()) dead.add(rs.getString(1) + " " + rs.getLong(2) + " " + rs.getString(3));
      }
      assertThat(dead).containsExactly("waiting 6 shop", "done 9 shop");
    }
  }

  private static void row(Statement s, String sub, long seq, String status) throws Exception {
    s.execute(
        "insert into notify_deliveries (subscription_id, product, event_seq, type, status,"
            + " attempts, next_attempt_at, created_at) values ('"
            + sub
            + "', 'shop', "
            + seq
            + ", 'step.completed', '"
            + status
            + "', 0, current_timestamp, current_timestamp)");
  }
}
