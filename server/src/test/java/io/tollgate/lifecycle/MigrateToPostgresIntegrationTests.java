package io.tollgate.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.support.Api;
import io.tollgate.support.TestDatabase;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code java -jar tollgate-server.jar migrate --to jdbc:postgresql://…} on the demo data: a server
 * seeds the demo into its embedded H2 database and stops; the command moves it into a new
 * PostgreSQL database, and a server started there serves the same releases, with an intact chain.
 * It refuses a target that is not empty, a server still running on the data directory, and an H2
 * database newer than its migrations. Runs in the PostgreSQL pass ({@code -Ppostgres}), which has a
 * PostgreSQL to move to.
 */
class MigrateToPostgresIntegrationTests {
  static final String DATABASE = "tollgate_life_migrate";

  @TempDir static Path dir;
  static Path dataDir;
  static Map<String, Long> h2Counts;
  static String demoReleases;

  @BeforeAll
  static void demoOnH2() throws Exception {
    Assumptions.assumeTrue(TestDatabase.postgres(), "needs the PostgreSQL of -Ppostgres");
    dataDir = dir.resolve("data");
    Map<String, String> properties = Servers.properties(Servers.h2File(dataDir), dataDir);
    properties.put("tollgate.demo", "true");
    try (Servers.Server server = Servers.start(properties)) {
      demoReleases = releases(server.admin());
      assertThat(demoReleases).contains("octoshop");
    }
    h2Counts = counts(Servers.h2File(dataDir), "sa", "");
    assertThat(h2Counts.get("audit_events")).isPositive();
  }

  @AfterAll
  static void drop() {
    if (TestDatabase.postgres()) {
      Servers.dropPostgresDatabase(DATABASE);
      Servers.dropPostgresDatabase(DATABASE + "_full");
    }
  }

  @Test
  void theDemoMovesToAnEmptyPostgresqlWithEveryRowAndAnIntactChain() throws Exception {
    String url = Servers.createPostgresDatabase(DATABASE);
    Run run = migrate("--to", url, "--data-dir", dataDir.toString(), "--batch", "7");
    assertThat(run.status()).as(run.output()).isZero();
    assertThat(run.output())
        .contains("Migrating the target's schema to version")
        .contains("releases")
        .contains("Row counts match")
        .contains("events, intact");

    assertThat(counts(url, TestDatabase.user(), TestDatabase.password())).isEqualTo(h2Counts);
    try (Servers.Server server = Servers.start(Servers.properties(url, dataDir))) {
      Api admin = server.admin();
      assertThat(releases(admin)).isEqualTo(demoReleases);
      assertThat(BackupRestoreIntegrationTests.verified(admin))
          .isEqualTo(h2Counts.get("audit_events"));
      // identities continue after the copied rows: new events append to the chain
      assertThat(admin.post("/api/v1/products", Map.of("key", "moved", "name", "Moved")).status())
          .isEqualTo(201);
      assertThat(BackupRestoreIntegrationTests.verified(admin))
          .isGreaterThan(h2Counts.get("audit_events"));
    }
  }

  @Test
  void aTargetThatIsNotEmptyIsRefusedAndLeftAlone() {
    String url = Servers.createPostgresDatabase(DATABASE + "_full");
    try (Connection c =
        DriverManager.getConnection(url, TestDatabase.user(), TestDatabase.password())) {
      c.createStatement().execute("create table keep_me (id int)");
      c.createStatement().execute("insert into keep_me values (1)");
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
    Run run = migrate("--to", url, "--data-dir", dataDir.toString());
    assertThat(run.status()).isEqualTo(2);
    assertThat(run.output()).contains("The target database is not empty").contains("keep_me");
    assertThat(counts(url, TestDatabase.user(), TestDatabase.password()))
        .isEqualTo(Map.of("keep_me", 1L));
  }

  @Test
  void anH2DatabaseNewerThanTheseMigrationsIsRefused(@TempDir Path other) throws Exception {
    Path copy = other.resolve("data");
    java.nio.file.Files.createDirectories(copy);
    for (String file : List.of("tollgate.mv.db", "audit-key.pem")) {
      java.nio.file.Files.copy(dataDir.resolve(file), copy.resolve(file));
    }
    try (Connection c = DriverManager.getConnection(Servers.h2File(copy), "sa", "")) {
      NewerDatabaseIntegrationTests.addFutureMigration(c);
    }
    String url = Servers.createPostgresDatabase(DATABASE);
    Run run = migrate("--to", url, "--data-dir", copy.toString());
    assertThat(run.status()).as(run.output()).isEqualTo(2);
    assertThat(run.output())
        .contains("schema is at version " + NewerDatabaseIntegrationTests.FUTURE)
        .contains("newer than this Tollgate's migrations");
    assertThat(counts(url, TestDatabase.user(), TestDatabase.password())).isEmpty();
  }

  @Test
  void aMissingDatabaseAndAWrongTargetAreRefused() {
    String url = Servers.createPostgresDatabase(DATABASE);
    Run missing = migrate("--to", url, "--data-dir", dir.resolve("nowhere").toString());
    assertThat(missing.status()).isEqualTo(2);
    assertThat(missing.output()).contains("There is no Tollgate database");
    Run usage = migrate("--to", "jdbc:mysql://x/y");
    assertThat(usage.status()).isEqualTo(64);
    assertThat(usage.output()).contains("--to must name the PostgreSQL database");
  }

  record Run(int status, String output) {}

  static Run migrate(String... options) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    String[] args = new String[options.length + 1];
    args[0] = "migrate";
    System.arraycopy(options, 0, args, 1, options.length);
    Optional<Integer> status;
    try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
      status =
          Commands.run(
              args,
              Map.of(
                  "TOLLGATE_MIGRATE_USER", TestDatabase.user(),
                  "TOLLGATE_MIGRATE_PASSWORD", TestDatabase.password()),
              out);
    }
    assertThat(status).isPresent();
    return new Run(status.get(), bytes.toString(StandardCharsets.UTF_8));
  }

  /** The demo's releases as the API lists them (ids, versions and states). */
  static String releases(Api admin) {
    Api.Response list = admin.get("/api/v1/products/octoshop/releases?size=200");
    assertThat(list.status()).as(list.toString()).isEqualTo(200);
    StringBuilder out = new StringBuilder("octoshop:");
    list.json()
        .path("items")
        .forEach(
            r ->
                out.append(' ')
                    .append(r.path("id").asString())
                    .append('/')
                    .append(r.path("version").asString())
                    .append('/')
                    .append(r.path("status").asString()));
    return out.toString();
  }

  /** Rows per table (Flyway's history left out). */
  static Map<String, Long> counts(String url, String user, String password) {
    Map<String, Long> counts = new TreeMap<>();
    try (Connection c = DriverManager.getConnection(url, user, password)) {
      List<String> tables = new java.util.ArrayList<>();
      try (ResultSet rs =
          c.createStatement()
              .executeQuery(
                  "select table_name from information_schema.tables where table_schema ="
                      + " current_schema() and table_type in ('BASE TABLE', 'TABLE')")) {
        while (rs.next()) tables.add(rs.getString(1).toLowerCase(java.util.Locale.ROOT));
      }
      for (String table : tables) {
        if (table.equals("flyway_schema_history")) continue;
        try (ResultSet rs = c.createStatement().executeQuery("select count(*) from " + table)) {
          rs.next();
          counts.put(table, rs.getLong(1));
        }
      }
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
    return counts;
  }
}
