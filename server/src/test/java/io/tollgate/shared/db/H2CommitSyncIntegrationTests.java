package io.tollgate.shared.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import io.tollgate.TollgateApplication;
import io.tollgate.support.Api;
import io.tollgate.support.IntegrationTest;
import io.tollgate.support.ReleaseDriver;
import io.tollgate.support.Team;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Issue 12, finding 13: on the default embedded H2 database (a file), every command's commit is
 * forced to the disk before its answer is sent. A spy around the fsync records, for each one, which
 * request it ran for and whether that request's answer had begun; the count is also the {@code
 * tollgate_h2_syncs_total} metric. On PostgreSQL and on an in-memory H2 nothing is added.
 */
class H2CommitSyncIntegrationTests extends IntegrationTest {
  private static final String TOKEN = "it-sync-admin-token-4e2b8d6a0c1f3e5a7b9d";
  private static final Pattern SYNCS =
      Pattern.compile("(?m)^tollgate_h2_syncs_total(?:\\{[^}]*})? (\\S+)$");

  /** One fsync: the request it ran in ("METHOD /path") and whether its answer had started. */
  record Forced(String request, boolean answerStarted) {}

  @Autowired ObjectProvider<H2CommitSync> sync;

  @Test
  void nothingIsAddedForPostgresOrAnInMemoryH2() {
    assertThat(sync.getIfAvailable()).isNull();
    Api.Response metrics = admin.get("/actuator/prometheus");
    assertThat(metrics.status()).isEqualTo(200);
    assertThat(metrics.body()).doesNotContain("tollgate_h2_syncs");
  }

  @Test
  void everyCommandOnTheEmbeddedH2FileIsOnTheDiskBeforeItsAnswer(@TempDir Path dataDir) {
    assumeFalse(onPostgres(), "the embedded H2 database only");
    List<Forced> forced = new CopyOnWriteArrayList<>();
    H2CommitSync.FileSync spy =
        store -> {
          store.sync();
          forced.add(
              RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes a
                  ? new Forced(
                      a.getRequest().getMethod() + " " + a.getRequest().getRequestURI(),
                      a.getResponse() != null && a.getResponse().isCommitted())
                  : new Forced("-", false));
        };
    try (ConfigurableApplicationContext app =
        new SpringApplicationBuilder(TollgateApplication.class)
            .properties(TollgateApplication.defaults())
            .initializers(ctx -> ctx.getBeanFactory().registerSingleton("recordingFileSync", spy))
            .run(
                "--server.port=0",
                "--tollgate.data-dir=" + dataDir,
                "--tollgate.bootstrap-admin-token=" + TOKEN,
                "--tollgate.demo=false")) {
      assertThat(app.getEnvironment().getProperty("spring.datasource.url"))
          .as("the default URL: an H2 file in the data directory")
          .startsWith("jdbc:h2:file:" + dataDir);
      int port = ((WebServerApplicationContext) app).getWebServer().getPort();
      Api root = new Api(port, TOKEN);
      Team t = Team.create(root);
      String a = ReleaseDriver.plan(t, "minor");
      String b = ReleaseDriver.plan(t, "patch");
      String releases = "/api/v1/products/" + t.product + "/releases";

      durable(root, forced, "POST " + releases, () -> t.rm.post(releases, Map.of("type", "major")));
      durable(
          root,
          forced,
          "PUT " + ReleaseDriver.path(a) + "/notes",
          () ->
              t.rm.put(
                  ReleaseDriver.path(a) + "/notes",
                  Map.of("summary", "Durable", "notableChanges", List.of("fsync"))));
      durable(
          root,
          forced,
          "POST " + ReleaseDriver.path(a) + "/requirements/acceptance-criteria/meet",
          () ->
              t.qa.post(
                  ReleaseDriver.path(a) + "/requirements/acceptance-criteria/meet",
                  ReleaseDriver.evidence("https://tracker.example/1")));
      durable(
          root,
          forced,
          "POST " + ReleaseDriver.path(a) + "/steps/schedule-window/complete",
          () ->
              t.rm.post(
                  ReleaseDriver.path(a) + "/steps/schedule-window/complete",
                  Map.of("note", "Tuesday")));
      durable(
          root,
          forced,
          "POST /api/v1/users",
          () ->
              root.post(
                  "/api/v1/users",
                  Map.of("username", "durable-" + port, "displayName", "Durable")));
      ReleaseDriver.prepare(t, b);
      durable(
          root,
          forced,
          "POST " + ReleaseDriver.path(b) + "/decision",
          () ->
              t.rm.post(
                  ReleaseDriver.path(b) + "/decision",
                  Map.of("decision", "go", "rationale", "told and recorded")));

      assertThat(forced)
          .as("no fsync ran after its request's answer had begun")
          .noneMatch(Forced::answerStarted);
      // Background workers (notifications after the go, the scheduler) may commit meanwhile; only
      // a sync made inside the read's own request would be wrong.
      int before = forced.size();
      assertThat(t.rm.get(ReleaseDriver.path(b)).status()).isEqualTo(200);
      List<Forced> all = List.copyOf(forced);
      assertThat(all.subList(before, all.size()))
          .as("a read is not forced")
          .extracting(Forced::request)
          .doesNotContain("GET " + ReleaseDriver.path(b));
    }
  }

  /** Sends a command and checks that an fsync ran in it before its answer, and was counted. */
  private static void durable(
      Api admin, List<Forced> forced, String request, Supplier<Api.Response> command) {
    double counted = syncs(admin);
    int seen = forced.size();
    Api.Response answer = command.get();
    assertThat(answer.status() / 100).as(answer.toString()).isEqualTo(2);
    // A group commit: the command's commit waits for a flush that starts after it. Usually the
    // command's own thread runs it; when the audit appender commits the command's staged events
    // at the same moment, one flush covers both and the appender's thread ("-") may run it.
    // a copy: background commits (the appender's, a few milliseconds after the answer) go on
    // adding to the list, and a view of a CopyOnWriteArrayList fails once it changes
    List<Forced> copy = List.copyOf(forced);
    List<Forced> since = copy.subList(seen, copy.size());
    assertThat(since)
        .as(request + " was forced to the disk before its answer")
        .anyMatch(f -> f.equals(new Forced(request, false)) || f.equals(new Forced("-", false)));
    assertThat(since)
        .as(request + ": no flush in its own thread after its answer began")
        .doesNotContain(new Forced(request, true));
    assertThat(syncs(admin)).as("tollgate_h2_syncs_total").isGreaterThan(counted);
  }

  private static double syncs(Api admin) {
    Api.Response metrics = admin.get("/actuator/prometheus");
    assertThat(metrics.status()).isEqualTo(200);
    Matcher m = SYNCS.matcher(metrics.body());
    assertThat(m.find()).as("tollgate_h2_syncs_total is exposed").isTrue();
    return Double.parseDouble(m.group(1));
  }
}
