package io.tollgate.support;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Which database the integration tests run against, and where it is: the one place. H2 in memory by
 * default; PostgreSQL with {@code -Dtollgate.test.db=postgres} (as {@code -Ppostgres} sets), at the
 * server's own variables {@code TOLLGATE_DB_URL}, {@code TOLLGATE_DB_USER} and {@code
 * TOLLGATE_DB_PASSWORD} (as the bench and {@code .ci/run} use them), by default {@code
 * jdbc:postgresql://127.0.0.1:5432/test} as {@code postgres} without a password. Each suite keeps
 * its tables in its own schema there, emptied when it starts.
 */
public final class TestDatabase {
  public static final String DEFAULT_POSTGRES_URL = "jdbc:postgresql://127.0.0.1:5432/test";

  private TestDatabase() {}

  public static boolean postgres() {
    return "postgres".equals(System.getProperty("tollgate.test.db"));
  }

  public static String url() {
    return env("TOLLGATE_DB_URL", DEFAULT_POSTGRES_URL);
  }

  public static String user() {
    return env("TOLLGATE_DB_USER", "postgres");
  }

  public static String password() {
    return env("TOLLGATE_DB_PASSWORD", "");
  }

  /**
   * Spring properties for a server on PostgreSQL with its tables in {@code schema}; on H2, a fresh
   * in-memory database named {@code name}.
   */
  public static Map<String, String> properties(String name, String schema) {
    Map<String, String> p = new LinkedHashMap<>();
    if (postgres()) {
      p.put("spring.datasource.url", url());
      p.put("spring.datasource.username", user());
      p.put("spring.datasource.password", password());
      p.put("spring.flyway.schemas", schema);
      p.put("spring.flyway.default-schema", schema);
      p.put("spring.datasource.hikari.schema", schema);
      p.put("spring.flyway.clean-disabled", "false");
    } else {
      p.put(
          "spring.datasource.url",
          "jdbc:h2:mem:"
              + name
              + ";DB_CLOSE_DELAY=-1;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH");
      p.put("spring.datasource.username", "sa");
      p.put("spring.datasource.password", "");
    }
    return p;
  }

  private static String env(String name, String otherwise) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? otherwise : value;
  }
}
