package io.tollgate.lifecycle;

import io.tollgate.TollgateApplication;
import io.tollgate.support.Api;
import io.tollgate.support.TestDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Whole servers of the lifecycle tests, each on a database and data directory of its own, started
 * and stopped by the test (a backup restored, a database moved, a database made unreachable); and
 * PostgreSQL databases created and dropped for them.
 */
final class Servers {
  static final String ADMIN_TOKEN = "it-lifecycle-admin-token-4d8e2b7a9c1f";

  private Servers() {}

  /** A running server; closing it stops it. */
  record Server(ConfigurableApplicationContext context, int port) implements AutoCloseable {
    Api admin() {
      return new Api(port, ADMIN_TOKEN);
    }

    @Override
    public void close() {
      context.close();
    }
  }

  /** The properties of a server on this database URL (H2 or PostgreSQL) and data directory. */
  static Map<String, String> properties(String url, Path dataDir) {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("server.port", "0");
    p.put("tollgate.data-dir", dataDir.toString());
    p.put("tollgate.bootstrap-admin-token", ADMIN_TOKEN);
    p.put("tollgate.demo", "false");
    p.put("spring.datasource.url", url);
    boolean postgres = url.startsWith("jdbc:postgresql:");
    p.put("spring.datasource.username", postgres ? TestDatabase.user() : "sa");
    p.put("spring.datasource.password", postgres ? TestDatabase.password() : "");
    return p;
  }

  static Server start(Map<String, String> properties) {
    ConfigurableApplicationContext context =
        new SpringApplicationBuilder(TollgateApplication.class)
            .properties(TollgateApplication.defaults())
            .run(
                properties.entrySet().stream()
                    .map(e -> "--" + e.getKey() + "=" + e.getValue())
                    .toArray(String[]::new));
    return new Server(context, ((WebServerApplicationContext) context).getWebServer().getPort());
  }

  /** The embedded database file of a data directory, as the server names it. */
  static String h2File(Path dataDir) {
    return "jdbc:h2:file:"
        + dataDir.toAbsolutePath().resolve("tollgate")
        + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";
  }

  /** The URL of another database on the tests' PostgreSQL. */
  static String postgresUrl(String database) {
    String url = TestDatabase.url();
    int query = url.indexOf('?');
    String base = query < 0 ? url : url.substring(0, query);
    return base.substring(0, base.lastIndexOf('/') + 1)
        + database
        + (query < 0 ? "" : url.substring(query));
  }

  /** Creates an empty database on the tests' PostgreSQL (dropping one left by an earlier run). */
  static String createPostgresDatabase(String database) {
    admin("drop database if exists " + database + " with (force)");
    admin("create database " + database);
    return postgresUrl(database);
  }

  static void dropPostgresDatabase(String database) {
    admin("drop database if exists " + database + " with (force)");
  }

  /** A statement on the tests' own database (database-wide commands). */
  static void admin(String sql) {
    try (Connection c =
        DriverManager.getConnection(
            TestDatabase.url(), TestDatabase.user(), TestDatabase.password())) {
      c.createStatement().execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(sql + ": " + e.getMessage(), e);
    }
  }
}
