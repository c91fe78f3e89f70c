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

  private static ConfigurableApplicationContext start(String[] args) {
    return new SpringApplicationBuilder(TollgateApplication.class)
        .properties(TollgateApplication.defaults())
        .run(args);
  }
}
