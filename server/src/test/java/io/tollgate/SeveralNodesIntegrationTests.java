package io.tollgate;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.notify.internal.Escalations;
import io.tollgate.notify.internal.HandoffClocks;
import io.tollgate.support.Api;
import io.tollgate.support.IntegrationTest;
import io.tollgate.support.ReleaseDriver;
import io.tollgate.support.Team;
import io.tollgate.support.WebPage;
import io.tollgate.support.WebSession;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * Two nodes on one database (issue 14): this suite's server (node A) and a second server started
 * here in the same JVM on the same database and data directory (node B), as a second process would
 * be. A person signed in on one node is served by the other, with the same CSRF token; a change
 * made on A reaches B's caches, permission answers and live streams within a second, and each test
 * prints the delays it measured ({@code [nodes] ...}). Runs on H2 (one in-memory database shared by
 * both) and on PostgreSQL.
 */
@Tag("nodes")
class SeveralNodesIntegrationTests extends IntegrationTest {
  private static final String PASSWORD = "several nodes password";
  static final Duration WITHIN = Duration.ofSeconds(1);

  @org.springframework.beans.factory.annotation.Autowired
  private org.springframework.context.ApplicationContext nodeA;

  private static ConfigurableApplicationContext nodeB;
  private static int portB;

  @BeforeEach
  void startNodeB() {
    if (nodeB != null) return;
    List<String> args = new ArrayList<>();
    Map<String, Object> props = new LinkedHashMap<>();
    serverProperties(
        (name, value) -> props.put(name, value.get()),
        "tollgate-it",
        "tollgate_it",
        "target/it-data");
    props.put("tollgate.test.clean-database", "false");
    props.put("server.port", "0");
    props.put("server.address", "127.0.0.1");
    // as arguments: they must win over application.yml, as the suite's properties do
    props.forEach((k, v) -> args.add("--" + k + "=" + v));
    nodeB =
        new SpringApplicationBuilder(TollgateApplication.class).run(args.toArray(String[]::new));
    portB = Integer.parseInt(nodeB.getEnvironment().getRequiredProperty("local.server.port"));
  }

  @AfterAll
  static void stopNodeB() {
    if (nodeB != null) nodeB.close();
    nodeB = null;
  }

  @Test
  void aSessionSignedInOnOneNodeIsServedByTheOtherWithItsCsrfTokenAndSignsOutOnBoth() {
    Team t = team();
    String dev = t.usernames.get("developer");
    WebSession onA = browserSignedIn(dev, PASSWORD);

    WebPage home = onA.onPort(portB).get("/");
    assertThat(home.status()).as("node B knows the session signed in on A").isEqualTo(200);
    assertThat(home.body()).contains(">" + dev + "</a>");

    // the CSRF token of a page served by A, sent to B: the token lives in the shared session
    assertThat(onA.get("/").status()).isEqualTo(200);
    WebSession onB = onA.onPort(portB);
    WebPage signedOut = onB.post("/logout");
    assertThat(signedOut.status()).as(signedOut.body()).isEqualTo(302);
    assertThat(signedOut.location()).endsWith("/login?signedOut");
    assertThat(onA.get("/").location()).as("signed out on B, so on A too").contains("/login");
  }

  @Test
  void disablingOrResettingAPasswordOnOneNodeEndsSessionsOnTheOther() {
    Team t = team();
    String qa = t.usernames.get("qa-lead");
    String dev = t.usernames.get("developer");
    WebSession qaOnB = browserSignedIn(qa, PASSWORD).onPort(portB);
    WebSession devOnB = browserSignedIn(dev, PASSWORD).onPort(portB);
    assertThat(qaOnB.get("/").status()).isEqualTo(200);
    assertThat(devOnB.get("/").status()).isEqualTo(200);

    assertThat(admin.post("/api/v1/users/" + qa + "/disable").status()).isEqualTo(200);
    assertThat(qaOnB.get("/").location()).as("disabled on A").endsWith("/login?ended");
    assertThat(admin.post("/api/v1/users/" + qa + "/enable").status()).isEqualTo(200);

    Api.Response reset =
        admin.put("/api/v1/users/" + dev + "/password", Map.of("password", PASSWORD + " 2"));
    assertThat(reset.status()).as(reset.toString()).isEqualTo(204);
    assertThat(devOnB.get("/").location()).as("password reset on A").endsWith("/login?ended");
  }

  @Test
  void aReleaseChangedOnOneNodeIsReadAsChangedOnTheOtherAtOnce() {
    Team t = team();
    Api rmOnB = t.rm.onPort(portB);
    for (int i = 0; i < 10; i++) {
      String id = ReleaseDriver.plan(t, "minor");
      // B has read (and cached) the release before A changes it
      long before = rmOnB.get("/api/v1/releases/" + id).json().path("revision").asLong();
      Api.Response changed =
          ReleaseDriver.ok(
              t.rm.put(
                  "/api/v1/releases/" + id + "/notes",
                  Map.of("summary", "change " + i, "notableChanges", List.of("one"))));
      long after = changed.json().path("revision").asLong();
      assertThat(after).isGreaterThan(before);
      // a client answered by A reads its change on B straight away, not after B's caches hear of it
      JsonNode onB = rmOnB.get("/api/v1/releases/" + id).json();
      assertThat(onB.path("revision").asLong())
          .as("B's read right after A's answer")
          .isEqualTo(after);
      assertThat(onB.path("notes").path("summary").asString()).isEqualTo("change " + i);
    }
  }

  @Test
  void aDeploymentRecordedOnOneNodeIsListedWithItsReleaseOnTheOtherAtOnce() {
    Team t = team();
    Api rmOnB = t.rm.onPort(portB);
    String id = ReleaseDriver.plan(t, "minor");
    // B has read the release, and remembers that it made no deployment
    assertThat(rmOnB.get(ReleaseDriver.path(id)).json().path("deployments")).isEmpty();
    ReleaseDriver.prepare(t, id); // on A: deploy-staging succeeds
    JsonNode onB = rmOnB.get(ReleaseDriver.path(id)).json();
    assertThat(onB.path("deployments")).hasSize(1);
    assertThat(onB.path("deployments").get(0).path("environment").asString()).isEqualTo("staging");
  }

  @Test
  void anIncidentOpenedOnOneNodeIsListedWithItsReleaseOnTheOtherWithinASecond() {
    Team t = team();
    Api rmOnB = t.rm.onPort(portB);
    List<Duration> delays = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      String release = ReleaseDriver.path(ReleaseDriver.plan(t, "minor"));
      // B has read the release, and remembers that it has no incident
      assertThat(rmOnB.get(release).json().path("incidents")).isEmpty();
      Api.Response opened =
          t.developer.post(
              release + "/incidents", Map.of("severity", "high", "summary", "slow " + i));
      assertThat(opened.status()).as(opened.toString()).isEqualTo(201);
      String incident = opened.text("id");
      assertThat(t.rm.get(release).json().path("incidents").toString())
          .as("on A, at once")
          .contains(incident);
      delays.add(
          until(
              () -> rmOnB.get(release).json().path("incidents").toString().contains(incident),
              "incident opened on A"));
    }
    report("incident opened on A, listed with its release on B", delays);
  }

  @Test
  void tokenAndPermissionChangesOnOneNodeHoldOnTheOtherWithinASecond() {
    Team t = team();
    String dev = t.usernames.get("developer");
    // a token revoked on A stops on B (where its lookup is cached)
    Api.Response issued = admin.post("/api/v1/users/" + dev + "/tokens", Map.of("name", "nodes"));
    assertThat(issued.status()).as(issued.toString()).isEqualTo(201);
    Api devOnB = new Api(portB, issued.text("token"));
    assertThat(devOnB.get("/api/v1/me").status()).isEqualTo(200);
    assertThat(admin.delete("/api/v1/users/" + dev + "/tokens/" + issued.text("id")).status())
        .isIn(200, 204);
    Duration revoked = until(() -> devOnB.get("/api/v1/me").status() == 401, "revoked on A");

    // someone given a role on A may read the product on B (where "no" was cached)
    Team other = team();
    String outsider = other.usernames.get("developer");
    Api outsiderOnB = other.developer.onPort(portB);
    String product = "/api/v1/products/" + t.product;
    assertThat(outsiderOnB.get(product).status()).isIn(403, 404);
    Api.Response member =
        admin.put(product + "/members/" + outsider, Map.of("roles", List.of("support")));
    assertThat(member.status()).as(member.toString()).isEqualTo(200);
    Duration granted = until(() -> outsiderOnB.get(product).status() == 200, "role given on A");

    // ... and read its releases there, until the role is taken away on A (reads of a release
    // remember who may read the product for a few seconds, as reads of the product do)
    String release = ReleaseDriver.path(ReleaseDriver.plan(t, "minor"));
    assertThat(outsiderOnB.get(release).status()).isEqualTo(200);
    Api.Response removed = admin.put(product + "/members/" + outsider, Map.of("roles", List.of()));
    assertThat(removed.status()).as(removed.toString()).isIn(200, 204);
    Duration taken = until(() -> outsiderOnB.get(release).status() == 404, "role taken on A");

    // a person disabled on A: their tokens stop on B
    Api qaOnB = t.qa.onPort(portB);
    assertThat(qaOnB.get("/api/v1/me").status()).isEqualTo(200);
    String qa = t.usernames.get("qa-lead");
    assertThat(admin.post("/api/v1/users/" + qa + "/disable").status()).isEqualTo(200);
    Duration disabled = until(() -> qaOnB.get("/api/v1/me").status() == 401, "disabled on A");
    assertThat(admin.post("/api/v1/users/" + qa + "/enable").status()).isEqualTo(200);

    report("token revoked on A, refused on B", List.of(revoked));
    report("role given on A, readable on B", List.of(granted));
    report("role taken on A, release hidden on B", List.of(taken));
    report("user disabled on A, token refused on B", List.of(disabled));
  }

  @Test
  void aLivePageOnOneNodeHearsOfAChangeMadeOnTheOtherWithinASecond() throws Exception {
    Team t = team();
    String id = ReleaseDriver.plan(t, "minor");
    WebSession onB = browserSignedIn(t.usernames.get("release-manager"), PASSWORD).onPort(portB);
    HttpResponse<InputStream> stream = onB.stream("/live?release=" + id);
    assertThat(stream.statusCode()).isEqualTo(200);
    // the stream's lines as they arrive, each with when it arrived
    record Line(String text, long at) {}
    java.util.concurrent.BlockingQueue<Line> lines =
        new java.util.concurrent.LinkedBlockingQueue<>();
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader in =
                  new BufferedReader(
                      new InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                  lines.add(new Line(line, System.nanoTime()));
                }
              } catch (java.io.IOException closed) {
                // the test closed the stream
              }
            });
    reader.start();
    try {
      // the release's own creation may still be on its way to B: wait for a quiet stream
      long quietUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (lines.poll(1500, TimeUnit.MILLISECONDS) != null) {
        assertThat(System.nanoTime()).as("the stream goes quiet").isLessThan(quietUntil);
      }
      long start = System.nanoTime();
      ReleaseDriver.ok(
          t.rm.put(
              "/api/v1/releases/" + id + "/notes",
              Map.of("summary", "live", "notableChanges", List.of("one"))));
      Duration heard = null;
      for (Line line; heard == null && (line = lines.poll(10, TimeUnit.SECONDS)) != null; ) {
        if (line.text().equals("data:release/" + id)) heard = Duration.ofNanos(line.at() - start);
      }
      assertThat(heard).as("B's stream carried A's change").isNotNull();
      report("command sent to A, live event on B", List.of(heard));
      assertThat(heard).isLessThan(WITHIN);
    } finally {
      stream.body().close();
      reader.join(5000);
    }
  }

  @Test
  void anOverdueHandoffFoundByBothNodesAtOnceIsEscalatedOnce() throws Exception {
    Team t = team();
    String id = ReleaseDriver.plan(t, "minor");
    ReleaseDriver.prepare(t, id); // qa-to-rm handed to the release manager, with a 4 h SLA
    HandoffClocks clocks = nodeA.getBean(HandoffClocks.class);
    org.awaitility.Awaitility.await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> clocks.find(id, "qa-to-rm").isPresent());
    java.time.Instant late =
        clocks.find(id, "qa-to-rm").orElseThrow().handedAt().plus(Duration.ofHours(5));
    List<Escalations> both =
        List.of(nodeA.getBean(Escalations.class), nodeB.getBean(Escalations.class));
    java.util.concurrent.CyclicBarrier together = new java.util.concurrent.CyclicBarrier(2);
    List<CompletableFuture<Integer>> runs = new ArrayList<>();
    for (Escalations node : both) {
      runs.add(
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  together.await(10, TimeUnit.SECONDS);
                } catch (Exception e) {
                  throw new IllegalStateException(e);
                }
                return node.escalateDue(late, t.product);
              }));
    }
    int done = 0;
    for (CompletableFuture<Integer> run : runs) done += run.get(30, TimeUnit.SECONDS);
    assertThat(done).as("escalated by one node, not both").isEqualTo(1);
    List<String> actions = new ArrayList<>();
    for (var e : t.rm.get("/api/v1/releases/" + id + "/audit").json()) {
      actions.add(e.path("action").asString());
    }
    assertThat(actions.stream().filter("handoff.escalated"::equals).count()).isEqualTo(1);
  }

  /** Polls until the condition holds, at most {@link #WITHIN}; answers how long it took. */
  private static Duration until(BooleanSupplier condition, String what) {
    long start = System.nanoTime();
    long deadline = start + WITHIN.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(what + ": not seen on node B within " + WITHIN);
      }
      java.util.concurrent.locks.LockSupport.parkNanos(10_000_000);
    }
    return Duration.ofNanos(System.nanoTime() - start);
  }

  private void report(String what, List<Duration> delays) {
    long max = delays.stream().mapToLong(Duration::toMillis).max().orElse(0);
    double mean = delays.stream().mapToLong(Duration::toMillis).average().orElse(0);
    System.out.printf(
        "[nodes] %s (%s): %d sample(s), mean %.0f ms, max %d ms%n",
        what, onPostgres() ? "postgres" : "h2", delays.size(), mean, max);
  }
}
