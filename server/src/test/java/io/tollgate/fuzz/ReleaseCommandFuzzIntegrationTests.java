package io.tollgate.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.BugDetectors;
import com.code_intelligence.jazzer.api.SilentCloseable;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.tollgate.fuzz.FuzzedCommands.Request;
import io.tollgate.support.Api;
import io.tollgate.support.IntegrationTest;
import io.tollgate.support.ReleaseDriver;
import io.tollgate.support.Team;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import tools.jackson.databind.json.JsonMapper;

/**
 * Fuzzing the JSON bodies of every release and incident command over real HTTP, with Jazzer and
 * valid member tokens ({@link FuzzedCommands} reads a request out of the fuzzer's bytes): no
 * request gets a 5xx or goes unanswered, the release or incident it touched still reads (200), and
 * when the run ends the audit chain verifies. In every build the target runs once per committed
 * seed ({@code ReleaseCommandFuzzIntegrationTestsInputs/anyCommandBody/}), on H2 and on PostgreSQL;
 * {@code JAZZER_FUZZ=1} fuzzes it for real (README, "Fuzzing").
 */
class ReleaseCommandFuzzIntegrationTests extends IntegrationTest {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** What the run acts on, made once per server (fuzz inputs run one after another). */
  private static World world;

  @FuzzTest
  void anyCommandBody(byte[] input) {
    allowLoopback();
    World w = world();
    Request request = FuzzedCommands.read(input);
    String path = w.path(request);
    HttpResponse<String> response = w.send(request, path);
    assertThat(response.statusCode())
        .as("%s %s answered %s", request.command().method(), path, response.body())
        .isLessThan(500);
    if (response.statusCode() == 201) w.created(request, JSON.readTree(response.body()));
    w.stillReads(request);
  }

  /** Set once for the whole run, never taken back: see {@link #loopbackOnly}. */
  private static SilentCloseable loopback;

  private static synchronized void allowLoopback() {
    if (loopback == null) loopback = loopbackOnly();
  }

  /**
   * While fuzzing, Jazzer's SSRF detector reports any network connection: the test's own requests
   * and the server's database go to this machine, and only there. It holds for the whole run, not
   * per input: the server's notification senders connect to the test's mail server and receivers on
   * this machine from their own threads, between inputs too (a connection made between two inputs
   * was reported as SSRF). (Replaying the seeds, no detector runs, and there is nothing to allow.)
   */
  private static SilentCloseable loopbackOnly() {
    try {
      return BugDetectors.allowNetworkConnections(
          (host, port) ->
              host.equals("localhost") || host.equals("127.0.0.1") || host.equals("::1"));
    } catch (IllegalStateException noDetector) {
      return () -> {};
    }
  }

  @AfterAll
  static void theAuditChainStillVerifies() {
    if (world == null) return;
    Api.Response verify = world.admin.get("/api/v1/audit/verify");
    assertThat(verify.status()).as(verify.toString()).isEqualTo(200);
    assertThat(verify.json().path("ok").asBoolean()).as(verify.toString()).isTrue();
    world = null;
  }

  private World world() {
    if (world == null || world.port != port) world = new World(admin, port);
    return world;
  }

  /**
   * A product with one member per role, three releases (planned, prepared, with an incident) and
   * the incident; releases and incidents the fuzzer creates join them.
   */
  private static final class World {
    final Api admin;
    final int port;
    final Team team;
    final Map<String, String> tokens = new LinkedHashMap<>();
    final List<String> releases = new ArrayList<>();
    final List<String> incidents = new ArrayList<>();
    final CommandClient client;

    World(Api admin, int port) {
      this.admin = admin;
      this.port = port;
      this.team = Team.create(admin);
      this.client = new CommandClient(port);
      for (String role : FuzzedCommands.ROLES) tokens.put(role, client.member(admin, team, role));
      releases.add(ReleaseDriver.plan(team, "minor"));
      String prepared = ReleaseDriver.plan(team, "major");
      ReleaseDriver.prepare(team, prepared);
      releases.add(prepared);
      String failing = ReleaseDriver.plan(team, "patch");
      releases.add(failing);
      Api.Response opened =
          team.devops.post(
              ReleaseDriver.path(failing) + "/incidents",
              Map.of("severity", "high", "summary", "Checkout slow"));
      assertThat(opened.status()).as(opened.toString()).isEqualTo(201);
      incidents.add(opened.text("id"));
    }

    String path(Request r) {
      return r.command()
          .path()
          .replace("{product}", team.product)
          .replace("{release}", release(r))
          .replace("{incident}", incidents.get(r.incident() % incidents.size()))
          .replace("{key}", r.key());
    }

    HttpResponse<String> send(Request r, String path) {
      return client.send(
          r.command().method(), path, tokens.get(r.role()), r.contentType(), r.ifMatch(), r.body());
    }

    void created(Request r, tools.jackson.databind.JsonNode body) {
      (r.command().name().equals("plan") ? releases : incidents).add(body.path("id").asString());
    }

    /** The release (or incident) the request acted on reads as before: the fix of finding 1. */
    void stillReads(Request r) {
      String read =
          r.command().path().startsWith("/api/v1/incidents/")
              ? "/api/v1/incidents/" + incidents.get(r.incident() % incidents.size())
              : ReleaseDriver.path(release(r));
      Api.Response answer = team.rm.get(read);
      assertThat(answer.status()).as("GET %s after %s: %s", read, r, answer).isEqualTo(200);
    }

    private String release(Request r) {
      return releases.get(r.release() % releases.size());
    }
  }
}
