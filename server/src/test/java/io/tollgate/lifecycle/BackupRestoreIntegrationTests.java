package io.tollgate.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.support.Api;
import io.tollgate.support.ReleaseDriver;
import io.tollgate.support.Team;
import io.tollgate.support.TestDatabase;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The README's backup and restore procedure, done: data made through the API, a backup taken while
 * the server runs (H2: {@code POST /api/v1/admin/backups}; PostgreSQL: {@code pg_dump -Fc}), a
 * change after it, the database destroyed, the backup restored (H2: the zip unpacked into the data
 * directory; PostgreSQL: {@code pg_restore} into a new database), and a server on it finds every
 * row of the backup, not the later change, and an intact audit chain.
 */
class BackupRestoreIntegrationTests {
  static final String DATABASE = "tollgate_life_backup";

  @Test
  void aBackupRestoredAfterTheDatabaseIsDestroyedHasAllItsDataAndAnIntactChain(@TempDir Path dir)
      throws Exception {
    boolean postgres = TestDatabase.postgres();
    Path dataDir = dir.resolve("data");
    String url = postgres ? Servers.createPostgresDatabase(DATABASE) : Servers.h2File(dataDir);
    try {
      String releaseId;
      String later;
      JsonNode release;
      long events;
      Path backup;
      try (Servers.Server server = Servers.start(Servers.properties(url, dataDir))) {
        Api admin = server.admin();
        Team team = Team.create(admin);
        releaseId = ReleaseDriver.plan(team, "minor");
        ReleaseDriver.prepare(team, releaseId);
        release = admin.get(ReleaseDriver.path(releaseId)).json();
        events = verified(admin);

        if (postgres) {
          backup = dir.resolve("tollgate.dump");
          run(List.of("pg_dump", "-Fc", "-f", backup.toString()), DATABASE);
        } else {
          Api.Response made = admin.post("/api/v1/admin/backups");
          assertThat(made.status()).as(made.toString()).isEqualTo(201);
          backup = Path.of(made.text("file"));
          assertThat(backup).exists().hasParentRaw(dataDir.resolve("backups").toAbsolutePath());
          assertThat(made.json().path("bytes").asLong()).isEqualTo(Files.size(backup));
        }
        later = ReleaseDriver.plan(team, "patch"); // after the backup: not in it
      }

      // destroy the database
      if (postgres) {
        Servers.dropPostgresDatabase(DATABASE);
        Servers.admin("create database " + DATABASE);
        run(
            List.of(
                "pg_restore", "--no-owner", "--exit-on-error", "-d", DATABASE, backup.toString()),
            null);
      } else {
        Path file = dataDir.resolve("tollgate.mv.db");
        Files.delete(file);
        assertThat(file).doesNotExist();
        unzip(backup, dataDir);
        assertThat(file).exists();
      }

      try (Servers.Server server = Servers.start(Servers.properties(url, dataDir))) {
        Api admin = server.admin();
        JsonNode restored = admin.get(ReleaseDriver.path(releaseId)).json();
        assertThat(restored).isEqualTo(release);
        assertThat(admin.get(ReleaseDriver.path(later)).status())
            .as("the change made after the backup is not in it")
            .isEqualTo(404);
        assertThat(verified(admin)).as("every event of the backup").isEqualTo(events);
      }
    } finally {
      if (postgres) Servers.dropPostgresDatabase(DATABASE);
    }
  }

  @Test
  void onPostgresqlTheBackupEndpointPointsToPgDump() throws Exception {
    org.junit.jupiter.api.Assumptions.assumeTrue(TestDatabase.postgres());
    String url = Servers.createPostgresDatabase(DATABASE + "_pg");
    try (Servers.Server server =
        Servers.start(Servers.properties(url, Files.createTempDirectory("tollgate-backup")))) {
      Api.Response refused = server.admin().post("/api/v1/admin/backups");
      assertThat(refused.status()).isEqualTo(409);
      assertThat(refused.text("detail")).contains("pg_dump");
    } finally {
      Servers.dropPostgresDatabase(DATABASE + "_pg");
    }
  }

  /** Verifies the chain through the API and answers how many events it checked. */
  static long verified(Api admin) {
    Api.Response verify = admin.get("/api/v1/audit/verify");
    assertThat(verify.status()).as(verify.toString()).isEqualTo(200);
    assertThat(verify.json().path("ok").asBoolean()).as(verify.toString()).isTrue();
    long checked = verify.json().path("checked").asLong();
    assertThat(checked).isPositive();
    return checked;
  }

  /** Runs a PostgreSQL client tool against the tests' server ({@code database}: its -d). */
  static void run(List<String> command, String database) throws Exception {
    java.net.URI uri = java.net.URI.create(TestDatabase.url().substring("jdbc:".length()));
    List<String> full = new ArrayList<>(command);
    full.addAll(
        1,
        List.of(
            "-h",
            uri.getHost(),
            "-p",
            Integer.toString(uri.getPort() < 0 ? 5432 : uri.getPort()),
            "-U",
            TestDatabase.user()));
    if (database != null) full.add(database);
    ProcessBuilder builder = new ProcessBuilder(full).redirectErrorStream(true);
    builder.environment().put("PGPASSWORD", TestDatabase.password());
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes());
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).as(String.join(" ", full)).isTrue();
    assertThat(process.exitValue()).as(String.join(" ", full) + "\n" + output).isZero();
  }

  static void unzip(Path zip, Path into) throws IOException {
    try (InputStream in = Files.newInputStream(zip);
        ZipInputStream entries = new ZipInputStream(in)) {
      for (ZipEntry e = entries.getNextEntry(); e != null; e = entries.getNextEntry()) {
        Path target = into.resolve(e.getName()).normalize();
        assertThat(target.startsWith(into)).isTrue();
        Files.copy(entries, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      }
    }
  }
}
