package io.tollgate.insights;

import static io.tollgate.support.ReleaseDriver.ok;
import static io.tollgate.support.ReleaseDriver.path;
import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.TollgateApplication;
import io.tollgate.support.Api;
import io.tollgate.support.CleanDatabase;
import io.tollgate.support.IntegrationTest;
import io.tollgate.support.ReleaseDriver;
import io.tollgate.support.Team;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The story the insights tests read: three releases of a fresh product driven through the API at
 * times the test sets, on a clock of its own — so these tests run their own server, on a database
 * of their own (on PostgreSQL, a schema), not an {@link IntegrationTest}'s. Release 1 is planned at
 * 08:00 on day 0, prepared at +2 h, go at +5 h, deployed to production at +9 h; release 2 (day 1)
 * prepared at +4 h, no-go at +5 h, go at +6 h, deployed at +8 h, its incident open from +9 h to +11
 * h; release 3 (day 2) cancelled after an hour.
 */
@SpringBootTest(
    classes = TollgateApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import({CleanDatabase.class, InsightsStory.Clocks.class})
abstract class InsightsStory {
  static final long H = 3600;

  @DynamicPropertySource
  static void ownServer(DynamicPropertyRegistry registry) {
    IntegrationTest.serverProperties(
        registry, "tollgate-insights-it", "tollgate_insights_it", "target/it-data-insights");
    registry.add("tollgate.insights.metrics-initial-delay", () -> "PT1H");
  }

  @LocalServerPort int port;
  Api admin;

  /** A clock that stands still until the test moves it. */
  static final class MovableClock extends Clock {
    private volatile Instant now = Instant.now();

    void set(Instant at) {
      now = at;
    }

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }

  @TestConfiguration
  static class Clocks {
    @Bean
    @Primary
    MovableClock insightsTestClock() {
      return new MovableClock();
    }
  }

  @Autowired MovableClock clock;
  @Autowired InsightsMetrics metrics;

  /** Day 0 of the test's story, 08:00 UTC, twenty days ago. */
  Instant day0;

  Team t;
  String from;
  String to;

  Team team() {
    return Team.create(admin);
  }

  @BeforeEach
  void story() {
    admin = new Api(port, IntegrationTest.ADMIN_TOKEN);
    day0 = Instant.now().truncatedTo(ChronoUnit.DAYS).minus(Duration.ofDays(20)).plusSeconds(8 * H);
    clock.set(day0.minusSeconds(H));
    t = team();
    from = day0.toString().substring(0, 10);
    to = day0.plus(Duration.ofDays(2)).toString().substring(0, 10); // three whole days

    // release 1: prepared after 2 h, go after 5 h, in production after 9 h
    clock.set(day0);
    String r1 = ReleaseDriver.plan(t, "minor");
    at(2);
    ReleaseDriver.prepare(t, r1);
    at(3);
    ok(t.rm.post(path(r1) + "/handoffs/qa-to-rm/acknowledge", Map.of()));
    at(5);
    ReleaseDriver.go(t, r1);
    at(6);
    ok(t.devops.post(path(r1) + "/handoffs/rm-to-devops/acknowledge", Map.of()));
    at(9);
    deployProduction(r1);
    at(10);
    ok(
        t.devops.post(
            path(r1) + "/steps/verify-production/complete", Map.of("outcome", "succeeded")));

    // release 2, a day later: prepared after 4 h, no-go after 5 h, go after 6 h, in production
    // after 8 h; an incident opened an hour later is resolved two hours after that
    clock.set(day0.plus(Duration.ofDays(1)));
    String r2 = ReleaseDriver.plan(t, "patch");
    at(24 + 4);
    ReleaseDriver.prepare(t, r2);
    at(24 + 5);
    ok(
        t.rm.post(
            path(r2) + "/decision", Map.of("decision", "no-go", "rationale", "tests failing")));
    at(24 + 6);
    ok(
        t.rm.post(
            path(r2) + "/decision", Map.of("decision", "go", "rationale", "fixed", "replaces", 1)));
    at(24 + 8);
    deployProduction(r2);
    at(24 + 9);
    Api.Response incident =
        t.support.post(
            path(r2) + "/incidents", Map.of("severity", "high", "summary", "checkout errors"));
    assertThat(incident.status()).as(incident.toString()).isEqualTo(201);
    at(24 + 11);
    ok(
        t.rm.post(
            "/api/v1/incidents/" + incident.text("id") + "/resolve",
            Map.of("rootCause", "a bad cache key", "actionItems", List.of("test the cache"))));

    // release 3 on day 2: cancelled after an hour
    clock.set(day0.plus(Duration.ofDays(2)));
    String r3 = ReleaseDriver.plan(t, "patch");
    at(48 + 1);
    ok(t.rm.post(path(r3) + "/cancel", Map.of("reason", "superseded")));
  }

  void at(long hours) {
    clock.set(day0.plusSeconds(hours * H));
  }

  void deployProduction(String release) {
    ok(
        t.devops.post(
            path(release) + "/steps/deploy-production/complete", Map.of("outcome", "succeeded")));
  }

  String query() {
    return "/api/v1/insights?product=" + t.product + "&from=" + from + "&to=" + to;
  }

  static List<Long> spread(JsonNode s) {
    return List.of(s.path("p50").asLong(), s.path("p90").asLong());
  }

  static List<String> rows(JsonNode waits) {
    List<String> out = new ArrayList<>();
    waits.forEach(
        w ->
            out.add(
                w.path("key").asString()
                    + " "
                    + w.path("role").asString()
                    + " "
                    + w.path("count").asInt()
                    + " "
                    + w.path("p50Seconds").asLong()
                    + " "
                    + w.path("p90Seconds").asLong()));
    return out;
  }
}
