package io.tollgate.audit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.audit.Verification;
import io.tollgate.shared.Timestamps;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * Rows written before the event vocabulary (form 1, no MAC) keep verifying after the migration, and
 * the rows appended after them (form 2) chain on. On a database of its own (H2, or a schema of its
 * own on PostgreSQL with {@code -Dtollgate.test.db=postgres}), migrated in two steps.
 */
class AuditMigrationIntegrationTests {
  private static final String SCHEMA = "tollgate_audit_migration";
  private DataSource dataSource;
  private JdbcClient jdbc;

  @BeforeEach
  void database() {
    if ("postgres".equals(System.getProperty("tollgate.test.db"))) {
      String url =
          System.getenv()
              .getOrDefault("TOLLGATE_TEST_POSTGRES_URL", "jdbc:postgresql://127.0.0.1:5432/test");
      dataSource =
          new DriverManagerDataSource(
              url + (url.contains("?") ? "&" : "?") + "currentSchema=" + SCHEMA,
              System.getenv().getOrDefault("TOLLGATE_TEST_POSTGRES_USER", "postgres"),
              System.getenv().getOrDefault("TOLLGATE_TEST_POSTGRES_PASSWORD", ""));
      flyway().cleanDisabled(false).load().clean();
    } else {
      dataSource =
          new DriverManagerDataSource(
              "jdbc:h2:mem:audit-migration-"
                  + UUID.randomUUID()
                  + ";DB_CLOSE_DELAY=-1;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
                  + "DEFAULT_NULL_ORDERING=HIGH");
    }
    jdbc = JdbcClient.create(dataSource);
  }

  private FluentConfiguration flyway() {
    FluentConfiguration c = Flyway.configure().dataSource(dataSource).locations("db/migration");
    return "postgres".equals(System.getProperty("tollgate.test.db")) ? c.schemas(SCHEMA) : c;
  }

  @Test
  void rowsOfTheFirstFormKeepVerifyingAndNewRowsChainOnInTheSecond() {
    // the schema before the event vocabulary: every migration numbered below 30
    String before =
        java.util.Arrays.stream(flyway().load().info().all())
            .map(m -> m.getVersion())
            .filter(version -> version.isNewerThan("0") && !version.isAtLeast("30"))
            .max(Comparable::compareTo)
            .orElseThrow()
            .getVersion();
    flyway().target(before).load().migrate();
    String prev = ChainForm.GENESIS;
    for (long seq = 1; seq <= 3; seq++) {
      prev = writeAsBefore(seq, prev, seq == 1 ? "product/shop" : "release/r" + seq);
    }
    jdbc.sql("update audit_head set seq = 3, hash = ? where id = 1").param(prev).update();

    flyway().load().migrate();
    AuditKeys keys = AuditKeys.generate();
    AuditStore store = new AuditStore(jdbc, dataSource, keys);
    Instant now = Instant.now();
    store.appendPast(
        List.of(
            new AuditStore.PastEvent(
                now,
                new AuditStore.NewEvent(
                    "rita", "person", "step.completed", "release/r2", "r2", "shop", 1, "{}")),
            new AuditStore.PastEvent(
                now,
                new AuditStore.NewEvent(
                    "system", "system", "process.published", "process/p", null, null, 1, "{}"))));

    Verification v = new ChainCheck(keys.macKey()).run(store::stored, store.head(), null);
    assertThat(v).isEqualTo(Verification.intact(5, null));
    assertThat(jdbc.sql("select form from audit_events order by seq").query(Integer.class).list())
        .containsExactly(1, 1, 1, 2, 2);
    assertThat(
            jdbc.sql("select product from audit_events where seq = 1").query(String.class).single())
        .isEqualTo("shop");
    assertThat(store.after(3, 10))
        .extracting(e -> e.actorKind() + "/" + e.product())
        .containsExactly("person/shop", "system/null");
  }

  /** Inserts an event as the server did before the vocabulary; answers its hash. */
  private String writeAsBefore(long seq, String prev, String subject) {
    Instant at = Instant.parse("2026-01-0" + seq + "T10:00:00.123Z");
    String details = "{\"n\":" + seq + "}";
    String hash =
        ChainForm.hash(
            1,
            prev,
            new ChainForm.Fields(
                seq,
                at,
                new AuditStore.NewEvent(
                    "rob", null, "step.complete", subject, null, null, 0, details)));
    jdbc.sql(
            "insert into audit_events (seq, at, actor, action, subject, release_id, details,"
                + " prev_hash, hash) values (?, ?, 'rob', 'step.complete', ?, null, ?, ?, ?)")
        .params(seq, Timestamps.toDb(at), subject, details, prev, hash)
        .update();
    return hash;
  }
}
