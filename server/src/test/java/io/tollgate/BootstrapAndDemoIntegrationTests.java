package io.tollgate;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.support.Api;
import io.tollgate.support.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * A first start on an empty database, as a newcomer does it: the admin token is generated and
 * written to the data directory, and the demo data tells a story through the API.
 */
class BootstrapAndDemoIntegrationTests {

  @Test
  void aFirstStartWritesTheAdminTokenAndSeedsTheDemo(@TempDir Path dataDir) throws Exception {
    boolean postgres = TestDatabase.postgres();
    Map<String, Object> props =
        new java.util.HashMap<>(
            Map.of(
                "server.port", "0",
                "tollgate.data-dir", dataDir.toString(),
                "tollgate.bootstrap-admin-token", "",
                "tollgate.demo", "true"));
    props.putAll(TestDatabase.properties("bootstrap-" + System.nanoTime(), "tollgate_bootstrap"));
    if (postgres) props.put("spring.flyway.clean-on-validation-error", "false");
    try (ConfigurableApplicationContext app =
        new SpringApplicationBuilder(TollgateApplication.class)
            .properties(TollgateApplication.defaults())
            .initializers(
                ctx -> {
                  if (postgres) {
                    // start from an empty schema
                    try (var c =
                        java.sql.DriverManager.getConnection(
                            TestDatabase.url(), TestDatabase.user(), TestDatabase.password())) {
                      c.createStatement()
                          .execute("drop schema if exists tollgate_bootstrap cascade");
                    } catch (java.sql.SQLException e) {
                      throw new IllegalStateException(e);
                    }
                  }
                })
            .run(
                props.entrySet().stream()
                    .map(e -> "--" + e.getKey() + "=" + e.getValue())
                    .toArray(String[]::new))) {
      int port = ((WebServerApplicationContext) app).getWebServer().getPort();
      var tomcat =
          (org.springframework.boot.tomcat.TomcatWebServer)
              ((WebServerApplicationContext) app).getWebServer();
      assertThat(
              ((org.apache.coyote.AbstractProtocol<?>)
                      tomcat.getTomcat().getConnector().getProtocolHandler())
                  .getMaxThreads())
          .as("request threads: four per core as started by main")
          .isEqualTo(TollgateApplication.workerThreads());
      Path tokenFile = dataDir.resolve("initial-admin-token");
      assertThat(tokenFile).exists();
      assertThat(Files.getPosixFilePermissions(tokenFile))
          .as("the token file is the server user's only")
          .isEqualTo(java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
      assertThat(Files.getPosixFilePermissions(dataDir))
          .isEqualTo(java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
      String token = Files.readString(tokenFile).strip();
      assertThat(token).startsWith("tg_");
      Api admin = new Api(port, token);
      assertThat(admin.get("/api/v1/me").json().path("admin").asBoolean()).isTrue();

      JsonNode releases = admin.get("/api/v1/products/octoshop/releases").json().path("items");
      Map<String, String> statuses =
          releases
              .valueStream()
              .collect(
                  Collectors.toMap(
                      r -> r.path("version").asString(), r -> r.path("status").asString()));
      assertThat(statuses)
          .containsEntry("1.0.0", "closed")
          .containsEntry("1.1.0", "rolled-back")
          .containsEntry("1.1.1", "awaiting-decision")
          .containsEntry("1.2.0", "preparing");
      JsonNode production =
          admin.get("/api/v1/products/octoshop").json().path("environments").get(1);
      assertThat(production.path("currentVersion").asString()).isEqualTo("1.0.0");
      List<String> members =
          admin
              .get("/api/v1/products/octoshop")
              .json()
              .path("members")
              .valueStream()
              .map(m -> m.path("roles").get(0).asString())
              .sorted()
              .toList();
      assertThat(members)
          .containsExactly("developer", "devops", "qa-lead", "release-manager", "support");
      assertThat(admin.get("/api/v1/audit/verify").json().path("ok").asBoolean()).isTrue();

      // the release being prepared shows what its pipeline brought: commits and test results
      String preparing =
          releases
              .valueStream()
              .filter(r -> r.path("version").asString().equals("1.2.0"))
              .findFirst()
              .orElseThrow()
              .path("id")
              .asString();
      JsonNode changes = admin.get("/api/v1/releases/" + preparing + "/changes").json();
      assertThat(changes.path("commits").size()).isEqualTo(5);
      assertThat(changes.path("suggested").path("type").asString()).isEqualTo("minor");
      JsonNode reports = admin.get("/api/v1/releases/" + preparing + "/test-reports").json();
      assertThat(reports.size()).isEqualTo(1);
      assertThat(reports.get(0).path("failures").asInt()).isEqualTo(1);

      // the demo deploys itself: a command executor running the demo script, checked by
      // Tollgate's own health endpoint; production rolls back automatically
      JsonNode staging =
          admin.get("/api/v1/products/octoshop/environments/staging/automation").json();
      assertThat(staging.path("executor").path("kind").asString()).isEqualTo("command");
      assertThat(staging.path("executor").path("command").get(1).asString())
          .isEqualTo(dataDir.toAbsolutePath().resolve("demo-deploy.sh").toString());
      assertThat(dataDir.resolve("demo-deploy.sh")).exists();
      assertThat(staging.path("verification").path("checks").get(0).path("url").asString())
          .isEqualTo("http://localhost:" + port + "/actuator/health");
      assertThat(
              admin
                  .get("/api/v1/products/octoshop/environments/production/automation")
                  .json()
                  .path("autoRollback")
                  .asBoolean())
          .isTrue();
      // the seeded rollback of 1.1.0 locked production; the story clears it (as rita), so a
      // newcomer's release may deploy there
      JsonNode lock = admin.get("/api/v1/products/octoshop/environments/production/lock").json();
      assertThat(lock.path("locked").asBoolean()).as(lock.toString()).isFalse();
      assertThat(admin.get("/api/v1/audit?limit=1000").body())
          .contains("environment.locked")
          .contains("environment.unlocked");
    }
  }
}
