package io.tollgate.cli;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The packaged server ({@code server/target/tollgate-server.jar}, built before this module),
 * started once per test JVM on a free port with a known administrator token: on a fresh H2 file
 * database, or with {@code -Dtollgate.test.db=postgres} in the emptied schema {@value #SCHEMA} of
 * the PostgreSQL that TOLLGATE_DB_URL/_USER/_PASSWORD name (default 127.0.0.1:5432/test). Stopped
 * when the JVM ends.
 */
final class TestServer {
  static final String ADMIN_TOKEN = "tg_cli-tests-admin-4f1b7c2e9d0a3865";
  static final String SCHEMA = "cli_tests";
  private static TestServer instance;

  final String url;
  final Path data;
  private final Process process;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final JsonMapper json = JsonMapper.builder().build();

  private TestServer(String url, Path data, Process process) {
    this.url = url;
    this.data = data;
    this.process = process;
  }

  static synchronized TestServer get() {
    if (instance == null) instance = start();
    return instance;
  }

  static boolean postgres() {
    return "postgres".equals(System.getProperty("tollgate.test.db"));
  }

  private static TestServer start() {
    try {
      Path jar =
          Path.of(
              System.getProperty("tollgate.server.jar", "../server/target/tollgate-server.jar"));
      if (!Files.isRegularFile(jar)) {
        throw new IllegalStateException(
            jar + " is missing: package the server first (./mvnw -pl server,cli -am verify)");
      }
      Path data = Files.createTempDirectory("tollgate-cli-server");
      int port;
      try (ServerSocket s = new ServerSocket(0)) {
        port = s.getLocalPort();
      }
      List<String> command =
          new ArrayList<>(
              List.of(java(), "-Xmx512m", "-XX:TieredStopAtLevel=1", "-jar", jar.toString()));
      ProcessBuilder pb = new ProcessBuilder();
      pb.environment().put("TOLLGATE_DATA_DIR", data.toString());
      pb.environment().put("TOLLGATE_PORT", String.valueOf(port));
      pb.environment().put("TOLLGATE_BOOTSTRAP_ADMIN_TOKEN", ADMIN_TOKEN);
      pb.environment().put("TOLLGATE_WORKER_THREADS", "16");
      if (postgres()) {
        String dbUrl = env("TOLLGATE_DB_URL", "jdbc:postgresql://127.0.0.1:5432/test");
        String user = env("TOLLGATE_DB_USER", "postgres");
        String password = env("TOLLGATE_DB_PASSWORD", "");
        emptySchema(dbUrl, user, password);
        pb.environment().put("TOLLGATE_DB_URL", dbUrl);
        pb.environment().put("TOLLGATE_DB_USER", user);
        pb.environment().put("TOLLGATE_DB_PASSWORD", password);
        command.add("--spring.flyway.schemas=" + SCHEMA);
        command.add("--spring.flyway.default-schema=" + SCHEMA);
        command.add("--spring.datasource.hikari.schema=" + SCHEMA);
      } else {
        pb.environment().remove("TOLLGATE_DB_URL");
        pb.environment().remove("TOLLGATE_DB_USER");
        pb.environment().remove("TOLLGATE_DB_PASSWORD");
      }
      pb.command(command)
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(data.resolve("server.log").toFile()));
      Process p = pb.start();
      TestServer server = new TestServer("http://127.0.0.1:" + port, data, p);
      Runtime.getRuntime().addShutdownHook(new Thread(p::destroyForcibly));
      server.awaitReady();
      return server;
    } catch (IOException | SQLException e) {
      throw new IllegalStateException("cannot start the server", e);
    }
  }

  /** Polls the readiness probe until the server answers (a condition, not a guess). */
  private void awaitReady() {
    long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("the server stopped; see " + data.resolve("server.log"));
      }
      try {
        HttpResponse<String> r =
            http.send(
                HttpRequest.newBuilder(URI.create(url + "/actuator/health/readiness")).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 200) return;
      } catch (IOException e) {
        // not listening yet
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      try {
        Thread.sleep(250);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    process.destroyForcibly();
    throw new IllegalStateException(
        "the server did not start in 180 s; see " + data.resolve("server.log"));
  }

  private static void emptySchema(String url, String user, String password) throws SQLException {
    try (Connection c = DriverManager.getConnection(url, user, password);
        Statement s = c.createStatement()) {
      s.execute("drop schema if exists " + SCHEMA + " cascade");
    }
  }

  /** An API call as the administrator (to set up users, products and members). */
  JsonNode admin(String method, String path, Object body) {
    return call(ADMIN_TOKEN, method, path, body);
  }

  JsonNode call(String token, String method, String path, Object body) {
    try {
      HttpRequest.Builder b =
          HttpRequest.newBuilder(URI.create(url + path))
              .timeout(Duration.ofSeconds(30))
              .header("Authorization", "Bearer " + token)
              .header("Content-Type", "application/json")
              .method(
                  method,
                  body == null
                      ? HttpRequest.BodyPublishers.noBody()
                      : HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body)));
      HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() >= 300) {
        throw new IllegalStateException(
            method + " " + path + " → " + r.statusCode() + " " + r.body());
      }
      return r.body().isBlank() ? json.createObjectNode() : json.readTree(r.body());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  private static String env(String name, String otherwise) {
    String v = System.getenv(name);
    return v == null || v.isBlank() ? otherwise : v;
  }
}
