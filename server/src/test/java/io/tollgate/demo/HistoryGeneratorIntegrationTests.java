package io.tollgate.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import io.tollgate.TollgateApplication;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The benchmarks' large history, small: {@code tollgate.demo.history} writes its releases through
 * the release commands before the server answers, at past moments, the newest share still under
 * way, and is not written twice.
 */
class HistoryGeneratorIntegrationTests {

  @Test
  void writesTheHistoryInThePastThroughTheCommandsOnce(@TempDir Path dataDir) {
    // its own server on an embedded H2 file: the PostgreSQL pass would run the same thing again
    assumeFalse(io.tollgate.support.TestDatabase.postgres(), "runs once, on the embedded H2");
    String[] args = {
      "--server.port=0",
      "--tollgate.data-dir=" + dataDir,
      "--tollgate.bootstrap-admin-token=history-test-admin-token-0123456789",
      "--tollgate.demo=false",
      "--tollgate.demo.history=60",
      "--tollgate.demo.history-products=3",
      "--tollgate.demo.history-per-day=24"
    };
    Instant before = Instant.now();
    try (ConfigurableApplicationContext app = start(args)) {
      JdbcClient jdbc = app.getBean(JdbcClient.class);
      assertThat(jdbc.sql("select count(*) from releases").query(Long.class).single())
          .isEqualTo(60);
      assertThat(
              jdbc.sql("select count(*) from users where username = 'admin' and admin")
                  .query(Long.class)
                  .single())
          .as("the administrator is created first, with the configured token")
          .isEqualTo(1);
      assertThat(
              jdbc.sql("select distinct product_key from releases order by product_key")
                  .query(String.class)
                  .list())
          .containsExactly("hist-01", "hist-02", "hist-03");
      assertThat(
              jdbc.sql("select count(*) from releases where is_active").query(Long.class).single())
          .as("the newest tenth is under way")
          .isEqualTo(6);
      assertThat(
              jdbc.sql("select count(*) from releases where status = 'closed'")
                  .query(Long.class)
                  .single())
          .isPositive();
      Instant oldest =
          jdbc.sql("select min(created_at) from releases")
              .query(java.time.OffsetDateTime.class)
              .single()
              .toInstant();
      assertThat(oldest)
          .as("60 releases at 24 a day reach about two and a half days back")
          .isBefore(before.minus(Duration.ofHours(48)));
      assertThat(
              jdbc.sql("select count(*) from audit_events where action = 'release.planned'")
                  .query(Long.class)
                  .single())
          .as("audited as the commands are")
          .isEqualTo(60);
      assertThat(app.getBean(java.time.Clock.class).instant())
          .as("the clock is the system's again")
          .isAfterOrEqualTo(before);
    }
    try (ConfigurableApplicationContext again = start(args)) {
      assertThat(
              again
                  .getBean(JdbcClient.class)
                  .sql("select count(*) from releases")
                  .query(Long.class)
                  .single())
          .as("a second start writes nothing")
          .isEqualTo(60);
    }
  }

  @Test
  void copiesSeedReleasesInBulkKeepingThePagesColumnsAndTheChain(@TempDir Path dataDir) {
    assumeFalse(io.tollgate.support.TestDatabase.postgres(), "runs once, on the embedded H2");
    String[] args = {
      "--server.port=0",
      "--tollgate.data-dir=" + dataDir,
      "--tollgate.bootstrap-admin-token=history-test-admin-token-0123456789",
      "--tollgate.demo=false",
      "--tollgate.demo.history=400",
      "--tollgate.demo.history-products=4",
      "--tollgate.demo.history-per-day=48",
      "--tollgate.demo.history-seeds=45"
    };
    Instant before = Instant.now();
    try (ConfigurableApplicationContext app = start(args)) {
      JdbcClient jdbc = app.getBean(JdbcClient.class);
      assertThat(jdbc.sql("select count(*) from releases").query(Long.class).single())
          .isEqualTo(400);
      assertThat(
              jdbc.sql("select count(*) from releases where is_active").query(Long.class).single())
          .as("the newest tenth is under way, copies included (15 seeds)")
          .isEqualTo(40);
      assertThat(
              jdbc.sql("select count(*) from audit_events where action = 'release.planned'")
                  .query(Long.class)
                  .single())
          .as("each copy has its seed's events")
          .isEqualTo(400);
      assertThat(
              jdbc.sql(
                      "select count(*) from audit_events a where a.release_id is not null and not"
                          + " exists (select 1 from releases r where r.id = a.release_id"
                          + " and r.product_key = a.product)")
                  .query(Long.class)
                  .single())
          .as("every event names its own release and that release's product")
          .isZero();
      assertThat(
              jdbc.sql(
                      "select count(*) from incidents i join releases r on r.id = i.release_id"
                          + " where r.status <> 'rolled-back'")
                  .query(Long.class)
                  .single())
          .as("incidents are copied with the releases rolled back after them")
          .isZero();
      assertThat(jdbc.sql("select count(*) from incidents").query(Long.class).single())
          .isEqualTo(
              jdbc.sql("select count(*) from releases where status = 'rolled-back'")
                  .query(Long.class)
                  .single());
      assertThat(
              jdbc.sql("select max(at) from audit_events")
                  .query(java.time.OffsetDateTime.class)
                  .single()
                  .toInstant())
          .as("no event in the future")
          .isBeforeOrEqualTo(Instant.now());
      assertThat(
              jdbc.sql(
                      "select count(*) from deployments d join releases r on r.id = d.release_id"
                          + " where d.product_key <> r.product_key"
                          + " or (d.kind = 'deploy' and d.version <> r.version)")
                  .query(Long.class)
                  .single())
          .as("a copy's deployments are of its own product and version")
          .isZero();

      io.tollgate.audit.Verification chain = app.getBean(io.tollgate.audit.AuditLog.class).verify();
      assertThat(chain.ok()).as("the chain verifies: %s", chain).isTrue();
      assertThat(app.getBean(io.tollgate.audit.AuditStream.class).position(HistoryCopies.OUTBOX))
          .as("the notification outbox is past the history (the past is not notified)")
          .isEqualTo(app.getBean(io.tollgate.audit.AuditLog.class).latestSeq());

      // every release as the release feature reads it agrees with the columns the pages read
      io.tollgate.release.ReleaseManagement releases =
          app.getBean(io.tollgate.release.ReleaseManagement.class);
      io.tollgate.shared.Actor admin = new io.tollgate.shared.Actor("admin", true);
      java.util.List<java.util.Map<String, Object>> rows =
          jdbc.sql(
                  "select id, product_key, version, status, is_active, waiting_roles, deploying,"
                      + " failed_step, window_start, window_end, window_long, created_at"
                      + " from releases")
              .query()
              .listOfRows();
      for (java.util.Map<String, Object> row : rows) {
        String id = (String) row.get("id");
        io.tollgate.release.Release r = releases.get(admin, id);
        io.tollgate.release.Overview o = io.tollgate.release.Overview.of(r);
        io.tollgate.release.WindowPlacement.Placed w =
            io.tollgate.release.WindowPlacement.place(r.window());
        assertThat(r.id().value()).isEqualTo(id);
        assertThat(r.product()).isEqualTo(row.get("product_key"));
        assertThat(r.version().toString()).isEqualTo(row.get("version"));
        assertThat(r.status().id()).isEqualTo(row.get("status"));
        assertThat(row.get("is_active")).as(id).isEqualTo(o.active());
        assertThat(row.get("waiting_roles"))
            .as(id)
            .isEqualTo(io.tollgate.release.Overview.column(o.waitingRoles()));
        assertThat(row.get("deploying"))
            .isEqualTo(io.tollgate.release.Overview.column(o.deploying()));
        assertThat(row.get("failed_step")).isEqualTo(o.failedStep());
        assertThat(instant(row.get("window_start"))).as(id).isEqualTo(w == null ? null : w.start());
        assertThat(instant(row.get("window_end"))).isEqualTo(w == null ? null : w.end());
        assertThat(row.get("window_long")).isEqualTo(w != null && w.isLong());
        assertThat(instant(row.get("created_at"))).isEqualTo(r.createdAt());
      }
      // the versions the copies took are known to the next release's numbering
      String next =
          releases
              .plan(
                  new io.tollgate.shared.Actor("rita", false),
                  "hist-01",
                  new io.tollgate.release.NewRelease("minor", null, "After", null, null, null))
              .version()
              .toString();
      String highest =
          jdbc.sql(
                  "select version from releases where product_key = 'hist-01'"
                      + " and active_version is not null and version <> ?"
                      + " order by v_major desc, v_minor desc, v_patch desc limit 1")
              .param(next)
              .query(String.class)
              .single();
      assertThat(io.tollgate.release.SemanticVersion.parse(next).orElseThrow())
          .isGreaterThan(io.tollgate.release.SemanticVersion.parse(highest).orElseThrow());
      assertThat(app.getBean(java.time.Clock.class).instant()).isAfterOrEqualTo(before);
    }
  }

  private static Instant instant(Object dbValue) {
    if (dbValue == null) return null;
    if (dbValue instanceof java.time.OffsetDateTime t) return t.toInstant();
    if (dbValue instanceof java.sql.Timestamp t) return t.toInstant();
    return ((java.time.Instant) dbValue);
  }

  private static ConfigurableApplicationContext start(String[] args) {
    return new SpringApplicationBuilder(TollgateApplication.class)
        .properties(TollgateApplication.defaults())
        .run(args);
  }
}
