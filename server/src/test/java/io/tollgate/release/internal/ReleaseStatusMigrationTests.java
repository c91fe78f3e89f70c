package io.tollgate.release.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/** V20 recomputes the stored status column of every release from its document. */
class ReleaseStatusMigrationTests {
  private static final String URL =
      "jdbc:h2:mem:v20-migration;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;"
          + "DB_CLOSE_DELAY=-1";

  @Test
  void aStaleStatusColumnIsRecomputedFromAnOldDocument() throws Exception {
    Flyway.configure().dataSource(URL, "sa", "").target("6").load().migrate();
    String document;
    try (InputStream in =
        ReleaseStatusMigrationTests.class.getResourceAsStream("release-document-v1.json")) {
      document = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    try (Connection c = DriverManager.getConnection(URL, "sa", "");
        Statement s = c.createStatement()) {
      s.execute(
          "insert into products (product_key, name, process_id, created_at)"
              + " values ('checkout', 'Checkout', 'octoacme-standard', current_timestamp)");
      try (PreparedStatement insert =
          c.prepareStatement(
              "insert into releases (id, product_key, version, active_version, release_type,"
                  + " status, created_at, updated_at, revision, document, v_major, v_minor,"
                  + " v_patch) values ('6f1c2a9e-0b7d-4c1e-9a53-2f8d7c4b1e90', 'checkout',"
                  + " '1.4.0', '1.4.0', 'minor', 'approved', current_timestamp,"
                  + " current_timestamp, 27, ?, 1, 4, 0)")) {
        insert.setString(1, document);
        insert.executeUpdate();
      }

      Flyway.configure().dataSource(URL, "sa", "").load().migrate();

      try (ResultSet rs = s.executeQuery("select status from releases")) {
        rs.next();
        assertThat(rs.getString(1))
            .as("production succeeded after go: released, whatever the column said")
            .isEqualTo("released");
      }
    }
  }
}
