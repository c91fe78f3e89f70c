package io.tollgate.release.internal;

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
 * V111 fills the calendar's window columns (V110) of the releases stored before them from their
 * documents: a window of one end is that instant, a window over a week is long, none stays empty.
 */
class ReleaseWindowMigrationTests {
  private static final String URL =
      "jdbc:h2:mem:v111-migration;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;"
          + "DB_CLOSE_DELAY=-1";

  @Test
  void theWindowsOfOlderReleasesArePlacedOnTheCalendar() throws Exception {
    Flyway.configure().dataSource(URL, "sa", "").target("101").load().migrate();
    try (Connection c = DriverManager.getConnection(URL, "sa", "");
        Statement s = c.createStatement()) {
      s.execute(
          "insert into products (product_key, name, process_id, created_at)"
              + " values ('shop', 'Shop', 'octoacme-standard', current_timestamp)");
      release(s, "both", "{\"start\":\"2026-12-03T09:00:00Z\",\"end\":\"2026-12-03T11:00:00Z\"}");
      release(s, "start", "{\"start\":\"2026-12-04T09:00:00Z\",\"end\":null}");
      release(s, "end", "{\"end\":\"2026-12-05T09:00:00Z\"}");
      release(s, "long", "{\"start\":\"2026-12-01T00:00:00Z\",\"end\":\"2026-12-20T00:00:00Z\"}");
      release(s, "none", "null");

      Flyway.configure().dataSource(URL, "sa", "").load().migrate();

      List<String> rows = new ArrayList<>();
      try (ResultSet rs =
          s.executeQuery(
              "select id, window_start, window_end, window_long from releases order by id")) {
        while (rs.next()) {
          rows.add(
              rs.getString(1)
                  + " "
                  + instant(rs, 2)
                  + " "
                  + instant(rs, 3)
                  + " "
                  + rs.getBoolean(4));
        }
      }
      assertThat(rows)
          .containsExactly(
              "both 2026-12-03T09:00:00Z 2026-12-03T11:00:00Z false",
              "end 2026-12-05T09:00:00Z 2026-12-05T09:00:00Z false",
              "long 2026-12-01T00:00:00Z 2026-12-20T00:00:00Z true",
              "none null null false",
              "start 2026-12-04T09:00:00Z 2026-12-04T09:00:00Z false");
    }
  }

  private static String instant(ResultSet rs, int column) throws Exception {
    java.time.OffsetDateTime t = rs.getObject(column, java.time.OffsetDateTime.class);
    return t == null ? "null" : t.toInstant().toString();
  }

  private static void release(Statement s, String id, String window) throws Exception {
    s.execute(
        "insert into releases (id, product_key, version, active_version, release_type, status,"
            + " created_at, updated_at, revision, document) values ('"
            + id
            + "', 'shop', '1.0.0-"
            + id
            + "', null, 'minor', 'planned', current_timestamp, current_timestamp, 1,"
            + " '{\"window\":"
            + window
            + "}')");
  }
}
