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
 * V4 fills {@code release_highest_versions} from the releases already stored: per product, the
 * highest numbers among the releases still in use, ignoring cancelled ones and rows without
 * numbers.
 */
class HighestVersionMigrationTests {
  private static final String URL =
      "jdbc:h2:mem:v4-migration;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;"
          + "DB_CLOSE_DELAY=-1";

  @Test
  void theHighestVersionInUseOfEveryProductIsRecorded() throws Exception {
    Flyway.configure().dataSource(URL, "sa", "").target("3").load().migrate();
    try (Connection c = DriverManager.getConnection(URL, "sa", "");
        Statement s = c.createStatement()) {
      for (String p : List.of("shop", "app", "empty")) {
        s.execute(
            "insert into products (product_key, name, process_id, created_at)"
                + " values ('"
                + p
                + "', '"
                + p
                + "', 'octoacme-standard', current_timestamp)");
      }
      release(s, "shop", "1.9.0", 1, 9, 0, true);
      release(s, "shop", "1.10.2", 1, 10, 2, true);
      release(s, "shop", "2.0.0", 2, 0, 0, false); // cancelled: frees 2.0.0
      release(s, "app", "0.0.3", 0, 0, 3, true);
      release(s, "app", "0.1.0-rc.1", null, null, null, true); // stored before V3: no numbers
      release(s, "empty", "3.0.0", 3, 0, 0, false);

      Flyway.configure().dataSource(URL, "sa", "").load().migrate();

      List<String> rows = new ArrayList<>();
      try (ResultSet rs =
          s.executeQuery(
              "select product_key, v_major, v_minor, v_patch from release_highest_versions"
                  + " order by product_key")) {
        while (rs.next()) {
          rows.add(rs.getString(1) + " " + rs.getInt(2) + "." + rs.getInt(3) + "." + rs.getInt(4));
        }
      }
      assertThat(rows).containsExactly("app 0.1.0", "shop 1.10.2");
      try (ResultSet rs = s.executeQuery("select count(*) from releases where v_major is null")) {
        rs.next();
        assertThat(rs.getInt(1)).as("releases left without numbers").isZero();
      }
    }
  }

  private static int ids;

  private static void release(
      Statement s,
      String product,
      String version,
      Integer major,
      Integer minor,
      Integer patch,
      boolean active)
      throws Exception {
    s.execute(
        "insert into releases (id, product_key, version, active_version, release_type, status,"
            + " created_at, updated_at, revision, document, v_major, v_minor, v_patch) values ('r"
            + (++ids)
            + "', '"
            + product
            + "', '"
            + version
            + "', "
            + (active ? "'" + version + "'" : "null")
            + ", 'patch', 'preparing', current_timestamp, current_timestamp, 1, '{}', "
            + major
            + ", "
            + minor
            + ", "
            + patch
            + ")");
  }
}
