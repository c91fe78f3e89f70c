package io.tollgate.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.tollgate.lifecycle.internal.DatabaseNewerThanServer;
import io.tollgate.support.TestDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * A node of an older version on a database that a newer one has migrated refuses to start, and says
 * so with both versions (Flyway alone ignores migrations it does not know, and would let it run).
 */
@ExtendWith(OutputCaptureExtension.class)
class NewerDatabaseIntegrationTests {
  static final String FUTURE = "9999";
  static final String DATABASE = "tollgate_life_newer";

  @Test
  void aServerOlderThanItsDatabaseRefusesToStartNamingBothVersions(
      @TempDir Path dataDir, CapturedOutput output) throws Exception {
    boolean postgres = TestDatabase.postgres();
    String url = postgres ? Servers.createPostgresDatabase(DATABASE) : Servers.h2File(dataDir);
    try {
      try (Servers.Server server = Servers.start(Servers.properties(url, dataDir))) {
        assertThat(server.admin().get("/api/v1/me").status()).isEqualTo(200);
      }
      try (Connection c =
          DriverManager.getConnection(
              url,
              postgres ? TestDatabase.user() : "sa",
              postgres ? TestDatabase.password() : "")) {
        addFutureMigration(c);
      }

      Throwable refused = catchThrowable(() -> Servers.start(Servers.properties(url, dataDir)));

      DatabaseNewerThanServer newer = cause(refused);
      assertThat(newer.databaseVersion()).isEqualTo(FUTURE);
      assertThat(newer.getMessage())
          .contains("schema is at version " + FUTURE + " (from a newer tollgate)")
          .containsPattern("only knows migrations up to version \\d+")
          .contains("same version");
      assertThat(Integer.parseInt(newer.serverVersion())).isBetween(120, 9998);
      // the log says it in words (Spring Boot's failure analysis), not only as a stack trace
      assertThat(output.getAll())
          .contains("APPLICATION FAILED TO START")
          .contains(
              "this Tollgate server only knows migrations up to version " + newer.serverVersion())
          .contains("Start Tollgate at version " + FUTURE);
    } finally {
      if (postgres) Servers.dropPostgresDatabase(DATABASE);
    }
  }

  /** Records a migration no version of this server has, as a newer Tollgate would have. */
  static void addFutureMigration(Connection c) throws SQLException {
    c.createStatement()
        .execute(
            "insert into flyway_schema_history (installed_rank, version, description, type,"
                + " script, checksum, installed_by, execution_time, success)"
                + " select max(installed_rank) + 1, '"
                + FUTURE
                + "', 'from a newer tollgate', 'SQL', 'V"
                + FUTURE
                + "__from_a_newer_tollgate.sql', 0, 'test', 1, true from flyway_schema_history");
  }

  private static DatabaseNewerThanServer cause(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof DatabaseNewerThanServer newer) return newer;
    }
    throw new AssertionError("not refused for a newer database", t);
  }
}
