package io.tollgate.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.support.Api;
import io.tollgate.support.Team;
import io.tollgate.support.TestDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import javax.sql.DataSource;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The database out of reach: every connection of the pool in use, and PostgreSQL refusing and
 * dropping connections (as in a restart) under load. Requests are answered 503 with Retry-After
 * within a bounded time (not 500, not a hang), readiness goes down and comes back, and the node
 * recovers without a restart.
 */
class DatabaseOutageIntegrationTests {
  static final String DATABASE = "tollgate_life_outage";

  /** Longest answer allowed while the database is away: the connection timeout and then some. */
  static final Duration BOUND = Duration.ofSeconds(6);

  @Test
  void anExhaustedPoolAnswers503WithRetryAfterInsteadOfHanging(@TempDir Path dataDir)
      throws Exception {
    boolean postgres = TestDatabase.postgres();
    String url = postgres ? Servers.createPostgresDatabase(DATABASE) : Servers.h2File(dataDir);
    Map<String, String> properties = Servers.properties(url, dataDir);
    properties.put("spring.datasource.hikari.maximum-pool-size", "3");
    properties.put("spring.datasource.hikari.connection-timeout", "1000");
    try (Servers.Server server = Servers.start(properties)) {
      Api admin = server.admin();
      Team team = Team.create(admin);
      DataSource pool = server.context().getBean(DataSource.class);
      List<Connection> held = new ArrayList<>();
      try {
        Instant deadline = Instant.now().plusSeconds(20);
        while (held.size() < 3 && Instant.now().isBefore(deadline)) {
          try {
            held.add(pool.getConnection()); // the server's jobs use the pool too: take turns
          } catch (java.sql.SQLException busy) {
            // all in use for a moment: try again
          }
        }
        assertThat(held).hasSize(3);

        // a command (its token known from before) and a call whose token must be looked up
        unavailable(
            () ->
                admin.post(
                    "/api/v1/products",
                    Map.of("key", "busy-" + System.nanoTime(), "name", "Busy")));
        unavailable(() -> team.devops.get("/api/v1/me"));
      } finally {
        for (Connection c : held) c.close();
      }
      Api.Response created =
          admin.post(
              "/api/v1/products", Map.of("key", "free-" + System.nanoTime(), "name", "Free"));
      assertThat(created.status()).as(created.toString()).isEqualTo(201);
      BackupRestoreIntegrationTests.verified(admin);
    } finally {
      if (postgres) Servers.dropPostgresDatabase(DATABASE);
    }
  }

  @Test
  void postgresqlGoingAwayUnderLoadIs503ThenReadinessDownThenRecoveryWithoutARestart(
      @TempDir Path dataDir) throws Exception {
    Assumptions.assumeTrue(TestDatabase.postgres(), "needs the PostgreSQL of -Ppostgres");
    String url = Servers.createPostgresDatabase(DATABASE);
    Map<String, String> properties = Servers.properties(url, dataDir);
    properties.put("spring.datasource.hikari.connection-timeout", "1000");
    ExecutorService clients = Executors.newFixedThreadPool(4);
    AtomicBoolean stop = new AtomicBoolean();
    try (Servers.Server server = Servers.start(properties)) {
      Api admin = server.admin();
      Api anonymous = new Api(server.port(), null);
      Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
      ConcurrentLinkedQueue<String> wrong = new ConcurrentLinkedQueue<>();
      AtomicInteger okAfterOutage = new AtomicInteger();
      AtomicBoolean outage = new AtomicBoolean();
      AtomicBoolean restored = new AtomicBoolean();
      for (int t = 0; t < 4; t++) {
        int client = t;
        clients.submit(
            () -> {
              for (int n = 0; !stop.get(); n++) {
                String key = "load-" + client + "-" + n + "-" + System.nanoTime() % 100000;
                Instant start = Instant.now();
                Api.Response r =
                    n % 2 == 0
                        ? admin.post("/api/v1/products", Map.of("key", key, "name", "Load"))
                        : admin.get("/api/v1/audit?limit=5");
                Duration took = Duration.between(start, Instant.now());
                statuses.computeIfAbsent(r.status(), s -> new AtomicInteger()).incrementAndGet();
                boolean ok = r.status() / 100 == 2;
                if (!ok
                    && !(r.status() == 503 && r.headers().firstValue("Retry-After").isPresent())) {
                  wrong.add(r.toString());
                }
                if (took.compareTo(BOUND) > 0) wrong.add("took " + took + ": " + r);
                if (ok && restored.get()) okAfterOutage.incrementAndGet();
              }
              return null;
            });
      }
      await("load is answered", () -> count(statuses, 201) > 4);

      try {
        outage.set(true);
        Servers.admin("alter database " + DATABASE + " allow_connections false");
        Servers.admin(
            "select pg_terminate_backend(pid) from pg_stat_activity where datname = '"
                + DATABASE
                + "' and pid <> pg_backend_pid()");
        await("requests during the outage get 503", () -> count(statuses, 503) > 8);
        await(
            "readiness goes down",
            () -> anonymous.get("/actuator/health/readiness").status() == 503);
        assertThat(anonymous.get("/actuator/health/liveness").status())
            .as("alive: no restart needed")
            .isEqualTo(200);
        Instant start = Instant.now();
        Api.Response during = admin.get("/api/v1/audit/verify");
        assertThat(Duration.between(start, Instant.now())).isLessThan(BOUND);
        assertThat(during.status()).as(during.toString()).isEqualTo(503);
        assertThat(during.headers().firstValue("Retry-After")).hasValue("5");
        assertThat(during.text("detail")).contains("database");
      } finally {
        Servers.admin("alter database " + DATABASE + " allow_connections true");
      }
      restored.set(true);
      await(
          "readiness comes back",
          () -> anonymous.get("/actuator/health/readiness").status() == 200);
      await("commands succeed again", () -> okAfterOutage.get() > 4);
      stop.set(true);
      clients.shutdown();
      assertThat(clients.awaitTermination(30, TimeUnit.SECONDS)).isTrue();

      assertThat(wrong).as("answers other than 2xx or 503 with Retry-After, or too slow").isEmpty();
      assertThat(statuses.keySet()).isSubsetOf(Set.of(200, 201, 503));
      BackupRestoreIntegrationTests.verified(admin);
    } finally {
      stop.set(true);
      clients.shutdownNow();
      Servers.admin("alter database " + DATABASE + " allow_connections true");
      Servers.dropPostgresDatabase(DATABASE);
    }
  }

  private static void unavailable(java.util.function.Supplier<Api.Response> call) {
    Instant start = Instant.now();
    Api.Response r = call.get();
    assertThat(Duration.between(start, Instant.now()))
        .as("answered within the bound")
        .isLessThan(BOUND);
    assertThat(r.status()).as(r.toString()).isEqualTo(503);
    assertThat(r.headers().firstValue("Retry-After")).hasValue("5");
    assertThat(r.contentType()).startsWith("application/problem+json");
    assertThat(r.text("detail")).contains("database").contains("Try again");
  }

  private static int count(Map<Integer, AtomicInteger> statuses, int status) {
    AtomicInteger n = statuses.get(status);
    return n == null ? 0 : n.get();
  }

  private static void await(String what, BooleanSupplier condition) throws InterruptedException {
    Instant deadline = Instant.now().plusSeconds(60);
    while (!condition.getAsBoolean()) {
      assertThat(Instant.now()).as(what).isBefore(deadline);
      Thread.sleep(50);
    }
  }
}
