package io.tollgate.support;

import io.tollgate.TollgateApplication;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of the integration tests: the whole server on a random port, over real HTTP, against H2
 * (default) or PostgreSQL ({@code -Dtollgate.test.db=postgres}, as {@code -Ppostgres} sets; where,
 * says {@link TestDatabase}). Every test makes its own product and people, so tests do not see each
 * other's data.
 */
@SpringBootTest(
    classes = TollgateApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@org.springframework.context.annotation.Import(CleanDatabase.class)
public abstract class IntegrationTest {
  public static final String ADMIN_TOKEN = "it-admin-token-7f3c9a1e5b2d4c6f8a0b";

  @LocalServerPort protected int port;
  @Autowired protected JdbcClient jdbc;
  @Autowired private io.tollgate.audit.AuditLog auditLogOfTheServer;

  protected Api admin;

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    serverProperties(registry, "tollgate-it", "tollgate_it", "target/it-data");
  }

  /** How many jobs of this task and instance the scheduler holds (db-scheduler's table). */
  protected int scheduledJobs(String task, String instance) {
    return jdbc.sql(
            "select count(*) from scheduled_tasks where task_name = ? and task_instance = ?")
        .params(task, instance)
        .query(Integer.class)
        .single();
  }

  /**
   * The properties of a test server on its own database ({@code database}: the H2 in-memory name;
   * {@code schema}: the PostgreSQL schema, emptied when the server starts) and data directory: for
   * a test class that needs a server of its own (e.g. with a clock it moves) instead of this one.
   */
  public static void serverProperties(
      DynamicPropertyRegistry registry, String database, String schema, String dataDir) {
    registry.add("tollgate.bootstrap-admin-token", () -> ADMIN_TOKEN);
    registry.add("tollgate.data-dir", () -> dataDir);
    registry.add("tollgate.demo", () -> "false");
    // notifications: quick retries and timeouts, so failures and dead letters show within seconds
    registry.add("tollgate.notify.backoff-base", () -> "PT0.2S");
    registry.add("tollgate.notify.max-attempts", () -> "3");
    registry.add("tollgate.notify.timeout", () -> "PT2S");
    registry.add("tollgate.notify.lease", () -> "PT5S");
    registry.add("tollgate.smtp.host", () -> "127.0.0.1");
    registry.add("tollgate.smtp.port", () -> Integer.toString(MailServer.port()));
    registry.add("tollgate.smtp.from", () -> "tollgate@tollgate.test");
    // automation: the webhook's retries 100 ms apart, jobs polled often (tests wait on them)
    registry.add("tollgate.automation.retry-base", () -> "PT0.1S");
    registry.add("tollgate.automation.polling-interval", () -> "PT0.2S");
    registry.add("tollgate.automation.heartbeat-interval", () -> "PT1S");
    // GitHub protection rule answers: retried 100 ms apart
    registry.add("tollgate.github.protection-retry-base", () -> "PT0.1S");
    TestDatabase.properties(database, schema).forEach((k, v) -> registry.add(k, () -> v));
    if (TestDatabase.postgres()) registry.add("tollgate.test.clean-database", () -> "true");
  }

  @BeforeEach
  void connect() {
    admin = new Api(port, ADMIN_TOKEN);
  }

  /**
   * Gives the bootstrap administrator this web password. Tests share the database, so an earlier
   * test may have set another one; as one's own password change needs the current password, the old
   * one is cleared first.
   */
  protected void adminPassword(String password) {
    jdbc.sql("update users set password_hash = null where username = 'admin'").update();
    Api.Response set =
        admin.put("/api/v1/users/admin/password", java.util.Map.of("password", password));
    org.assertj.core.api.Assertions.assertThat(set.status()).as(set.toString()).isEqualTo(204);
  }

  /** A browser session signed in as this person (given this password first). */
  protected WebSession browserSignedIn(String username, String password) {
    Api.Response set =
        admin.put(
            "/api/v1/users/" + username + "/password", java.util.Map.of("password", password));
    org.assertj.core.api.Assertions.assertThat(set.status()).as(set.toString()).isEqualTo(204);
    WebSession browser = new WebSession(port);
    org.assertj.core.api.Assertions.assertThat(browser.signIn(username, password))
        .as("sign in as " + username)
        .isTrue();
    return browser;
  }

  /** A fresh product with one person per role of the built-in process. */
  protected Team team() {
    return Team.create(admin);
  }

  /** A fresh product following the given process, with one person per role. */
  protected Team team(String process) {
    return Team.create(admin, process);
  }

  /**
   * Waits until every audit event committed so far is chained into audit_events (the appender
   * chains them just after each commit): for a test that reads audit_events or the head directly.
   */
  protected void auditChained() {
    org.assertj.core.api.Assertions.assertThat(auditLogOfTheServer.awaitChained())
        .as("every committed audit event is chained within the wait")
        .isTrue();
  }

  protected boolean onPostgres() {
    return TestDatabase.postgres();
  }
}
