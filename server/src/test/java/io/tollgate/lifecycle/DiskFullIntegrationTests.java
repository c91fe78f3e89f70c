package io.tollgate.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.support.Api;
import io.tollgate.support.ReleaseDriver;
import io.tollgate.support.Team;
import io.tollgate.support.TestDatabase;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The disk under the embedded database fills up ({@link FullDisk}: every write fails with "No space
 * left on device"): a command is answered 507 naming the cause, not 500; nothing it did is kept;
 * once there is space again the server opens the database by itself, every change answered 2xx
 * before is there and the audit chain verifies, also after a restart. H2 only (PostgreSQL runs out
 * of disk in its own process and answers errors the 503 mapping covers).
 */
class DiskFullIntegrationTests {

  @AfterEach
  void space() {
    FullDisk.full = false;
  }

  @Test
  void aFullDiskIsAClearErrorAndCorruptsNothing(@TempDir Path dataDir) throws Exception {
    Assumptions.assumeFalse(TestDatabase.postgres(), "the embedded database's disk");
    FullDisk.install();
    String url =
        "jdbc:h2:fulldisk:"
            + dataDir.toAbsolutePath().resolve("tollgate")
            + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";
    Map<String, String> properties = Servers.properties(url, dataDir);
    String before;
    long events;
    try (Servers.Server server = Servers.start(properties)) {
      Api admin = server.admin();
      Team team = Team.create(admin);
      before = ReleaseDriver.plan(team, "minor");
      events = BackupRestoreIntegrationTests.verified(admin);

      FullDisk.full = true;
      Api.Response refused =
          team.rm.post("/api/v1/products/" + team.product + "/releases", Map.of("type", "patch"));
      assertThat(refused.status()).as(refused.toString()).isEqualTo(507);
      assertThat(refused.contentType()).startsWith("application/problem+json");
      assertThat(refused.text("detail")).contains("disk is full").contains("not saved");

      FullDisk.full = false;
      // H2 closed its store after the failed write: until a restart, answers stay 507, not 500
      Api.Response after = admin.get("/api/v1/audit/verify");
      assertThat(after.status()).as(after.toString()).isEqualTo(507);

      try (Servers.Server again = restart(server, properties)) {
        Api reopened = again.admin();
        assertThat(BackupRestoreIntegrationTests.verified(reopened))
            .as("every event answered before, and none of the refused command")
            .isEqualTo(events);
        assertThat(releases(reopened, team.product))
            .as("the refused release is not there")
            .isEqualTo(1);
        assertThat(reopened.get(ReleaseDriver.path(before)).status()).isEqualTo(200);
        Api.Response planned =
            team.rm
                .onPort(again.port())
                .post("/api/v1/products/" + team.product + "/releases", Map.of("type", "patch"));
        assertThat(planned.status()).as(planned.toString()).isEqualTo(201);
        assertThat(BackupRestoreIntegrationTests.verified(reopened)).isGreaterThan(events);
      }
    }
  }

  private static Servers.Server restart(Servers.Server server, Map<String, String> properties) {
    server.close();
    return Servers.start(properties);
  }

  private static long releases(Api admin, String product) {
    Api.Response list = admin.get("/api/v1/products/" + product + "/releases");
    assertThat(list.status()).as(list.toString()).isEqualTo(200);
    return list.json().path("total").asLong();
  }
}
