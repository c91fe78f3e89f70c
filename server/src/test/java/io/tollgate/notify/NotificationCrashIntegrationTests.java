package io.tollgate.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tollgate.support.Api;
import io.tollgate.support.Receiver;
import io.tollgate.support.ReleaseDriver;
import io.tollgate.support.Team;
import io.tollgate.support.TestDatabase;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The outbox survives a crash between commit and send: a real server process is killed with SIGKILL
 * while commands are committed and their messages wait (the receiver holds the first one), then
 * started again on the same database. Every message of every committed event arrives, and only the
 * one that was in flight at the kill arrives twice (with the same webhook-id).
 */
class NotificationCrashIntegrationTests {
  private static final String TOKEN = "crash-admin-token-5b1e7c9a3d2f4e6a8c0b";

  @Test
  void aServerKilledBetweenCommitAndSendDeliversExactlyTheMissedMessages(@TempDir Path dir)
      throws Exception {
    int port = freePort();
    List<String> args = arguments(port, dir);
    Process server = start(args, dir.resolve("first.log"));
    try (Receiver receiver = new Receiver()) {
      CountDownLatch open = new CountDownLatch(1);
      receiver.answer(
          r -> {
            try {
              return open.await(60, TimeUnit.SECONDS) ? 200 : 503;
            } catch (InterruptedException e) {
              return 503;
            }
          });
      Api admin = new Api(port, TOKEN);
      ready(admin);
      Team t = Team.create(admin);
      String hook = "/crash-" + t.product;
      Api.Response sub =
          NotificationIntegrationTests.subscribe(
              t.rm, t.product, List.of("*"), Map.of("kind", "webhook", "url", receiver.url(hook)));
      assertThat(sub.status()).as(sub.toString()).isEqualTo(201);
      receiver.secret(hook, sub.text("secret"));

      String id = ReleaseDriver.plan(t, "minor");
      await().atMost(Duration.ofSeconds(20)).until(() -> !receiver.to(hook).isEmpty());
      ReleaseDriver.prepare(t, id); // committed, answered; their messages wait behind the first
      ReleaseDriver.go(t, id);
      List<String> expected = NotificationIntegrationTests.expectedMessages(t, id);
      Set<String> inFlight = ids(receiver.to(hook));

      server.destroyForcibly(); // SIGKILL: no shutdown hook, no graceful stop
      assertThat(server.waitFor(30, TimeUnit.SECONDS)).isTrue();
      open.countDown();
      int beforeRestart = receiver.to(hook).size();

      server = start(args, dir.resolve("second.log"));
      ready(admin);
      await()
          .atMost(Duration.ofSeconds(60))
          .until(() -> ids(receiver.to(hook)).size() >= expected.size());

      List<Receiver.Request> all = receiver.to(hook);
      assertThat(all).allMatch(Receiver.Request::verified, "every signature verifies");
      Map<String, Integer> times = new HashMap<>();
      all.forEach(r -> times.merge(r.id(), 1, Integer::sum));
      List<String> got = new ArrayList<>();
      all.subList(beforeRestart, all.size())
          .forEach(
              r ->
                  got.add(
                      r.json().path("data").path("seq").asLong()
                          + " "
                          + r.json().path("type").asString()));
      assertThat(new TreeSet<>(got))
          .as("after the restart, every message of the committed events")
          .isEqualTo(new TreeSet<>(expected));
      times.forEach(
          (msg, n) ->
              assertThat(n)
                  .as("%s: twice only if it was in flight at the kill", msg)
                  .isEqualTo(inFlight.contains(msg) ? 2 : 1));
    } finally {
      server.destroyForcibly();
      server.waitFor(30, TimeUnit.SECONDS);
    }
  }

  private static Set<String> ids(List<Receiver.Request> requests) {
    Set<String> ids = new TreeSet<>();
    requests.forEach(r -> ids.add(r.id()));
    return ids;
  }

  private static List<String> arguments(int port, Path dir) throws Exception {
    List<String> args = new ArrayList<>();
    args.add("--server.port=" + port);
    args.add("--tollgate.data-dir=" + dir.resolve("data"));
    args.add("--tollgate.bootstrap-admin-token=" + TOKEN);
    args.add("--tollgate.notify.lease=PT3S");
    args.add("--tollgate.notify.backoff-base=PT0.2S");
    args.add("--tollgate.notify.timeout=PT60S");
    args.add("--tollgate.audit.checkpoint-initial-delay=PT1H");
    if (TestDatabase.postgres()) {
      String schema = "tollgate_notify_crash";
      try (var c =
          java.sql.DriverManager.getConnection(
              TestDatabase.url(), TestDatabase.user(), TestDatabase.password())) {
        c.createStatement().execute("drop schema if exists " + schema + " cascade");
      }
      TestDatabase.properties("unused", schema).forEach((k, v) -> args.add("--" + k + "=" + v));
    }
    return args;
  }

  private static Process start(List<String> args, Path log) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx384m");
    command.add("-XX:TieredStopAtLevel=1");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add("io.tollgate.TollgateApplication");
    command.addAll(args);
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    pb.redirectOutput(log.toFile());
    pb.environment().remove("TOLLGATE_DB_URL");
    return pb.start();
  }

  private static void ready(Api admin) {
    await()
        .atMost(Duration.ofSeconds(120))
        .pollInterval(Duration.ofMillis(250))
        .ignoreExceptions()
        .until(() -> admin.get("/api/v1/me").status() == 200);
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
