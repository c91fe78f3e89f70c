package io.tollgate.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.support.Api;
import io.tollgate.support.IntegrationTest;
import io.tollgate.support.ReleaseDriver;
import io.tollgate.support.Team;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Fuzzing the JSON bodies of every release and incident command over real HTTP, with valid member
 * tokens: generated bodies (see {@link JsonFuzz}), now and then with another content type or an
 * {@code If-Match}, never get a 5xx and never take longer than a few seconds, and afterwards every
 * release and incident touched still reads (200) and the audit chain verifies. {@code -Dfuzz.tries}
 * sets the number of requests (see {@link Fuzz}).
 */
class ReleaseCommandFuzzIntegrationTests extends IntegrationTest {
  // A hang, not a speed limit (a busy CI machine must not fail a request that does answer).
  private static final Duration PER_REQUEST = Duration.ofSeconds(30);
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(PER_REQUEST).build();
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final List<String> ODD_KEYS = List.of("nope", "a".repeat(300), "%C3%A9", "-");
  private static final List<String> CONTENT_TYPES =
      List.of(
          "application/json; charset=ISO-8859-1",
          "application/json;charset=UTF-16",
          "application/json; charset=nonsense",
          "text/plain",
          "application/x-www-form-urlencoded",
          "application/*",
          "*/*",
          "application",
          ";",
          "application/problem+json",
          "");
  private static final List<String> IF_MATCH =
      List.of(
          "\"1\"",
          "W/\"2\"",
          "*",
          "\"-1\"",
          "\"99999999999999999999\"",
          "\"abc\"",
          "\"\"",
          "\"1\", \"2\"",
          "9223372036854775807");

  private static final Map<String, String> REQUIREMENT_OWNERS =
      Map.of(
          "acceptance-criteria", "qa-lead",
          "ci-security", "devops",
          "release-notes", "release-manager",
          "rollback-plan", "devops",
          "smoke-tests", "qa-lead",
          "support-trained", "support");
  private static final Map<String, String> STEP_OWNERS =
      Map.of(
          "schedule-window", "release-manager",
          "backup", "devops",
          "quality-gate", "qa-lead",
          "deploy-staging", "devops",
          "smoke-staging", "qa-lead",
          "go-no-go", "release-manager",
          "deploy-production", "devops",
          "verify-production", "devops",
          "announce", "release-manager",
          "monitor-customers", "support");
  private static final Map<String, String> HANDOFF_RECEIVERS =
      Map.of(
          "qa-to-rm", "release-manager",
          "rm-to-devops", "devops",
          "devops-to-rm", "release-manager",
          "rm-to-support", "support");
  private static final Map<String, String> PLAYBOOK_OWNERS =
      Map.of(
          "trigger-incident", "release-manager",
          "execute-rollback", "devops",
          "notify-oncall", "devops",
          "verify-rollback", "qa-lead",
          "root-cause", "release-manager",
          "customer-comms", "support");
  private static final Map<String, String> ONLY_MANAGER = Map.of("", "release-manager");

  /** A command: its method, path (with {release}/{incident}/{key}), body fields, owners of keys. */
  private record Command(
      String name,
      String method,
      String path,
      List<String> fields,
      Map<String, String> owners,
      String... validBodies) {}

  private static final List<Command> COMMANDS =
      List.of(
          new Command(
              "plan",
              "POST",
              "/api/v1/products/{product}/releases",
              List.of("type", "version", "name", "summary", "window.start", "window.end"),
              ONLY_MANAGER,
              "{\"type\":\"minor\",\"name\":\"Fuzzed\"}",
              "{\"type\":\"major\"}",
              "{\"type\":\"patch\"}",
              "{\"type\":\"major\",\"version\":\"999999999999999999.0.0\"}"),
          new Command(
              "meet",
              "POST",
              "/api/v1/releases/{release}/requirements/{key}/meet",
              List.of("evidence.url", "evidence.note"),
              REQUIREMENT_OWNERS,
              "{\"evidence\":{\"url\":\"https://ci.example/builds/1\",\"note\":\"ok\"}}"),
          new Command(
              "complete",
              "POST",
              "/api/v1/releases/{release}/steps/{key}/complete",
              List.of("note", "evidence.url", "evidence.note", "outcome"),
              STEP_OWNERS,
              "{\"note\":\"done\",\"outcome\":\"succeeded\"}"),
          new Command(
              "skip",
              "POST",
              "/api/v1/releases/{release}/steps/{key}/skip",
              List.of("reason"),
              STEP_OWNERS,
              "{\"reason\":\"not needed\"}"),
          new Command(
              "decide",
              "POST",
              "/api/v1/releases/{release}/decision",
              List.of("decision", "rationale"),
              ONLY_MANAGER,
              "{\"decision\":\"go\",\"rationale\":\"all gates met\"}"),
          new Command(
              "notes",
              "PUT",
              "/api/v1/releases/{release}/notes",
              List.of("summary", "notableChanges", "migrationSteps", "knownIssues"),
              Map.of("", "release-manager", "qa", "qa-lead"),
              "{\"summary\":\"Faster\",\"notableChanges\":[\"One page\"]}"),
          new Command(
              "cancel",
              "POST",
              "/api/v1/releases/{release}/cancel",
              List.of("reason"),
              ONLY_MANAGER,
              "{\"reason\":\"postponed\"}"),
          new Command(
              "acknowledge",
              "POST",
              "/api/v1/releases/{release}/handoffs/{key}/acknowledge",
              List.of(),
              HANDOFF_RECEIVERS,
              ""),
          new Command(
              "incident-open",
              "POST",
              "/api/v1/releases/{release}/incidents",
              List.of("severity", "summary"),
              Map.of("", "devops"),
              "{\"severity\":\"high\",\"summary\":\"Checkout slow\"}"),
          new Command(
              "incident-complete",
              "POST",
              "/api/v1/incidents/{incident}/steps/{key}/complete",
              List.of("note"),
              PLAYBOOK_OWNERS,
              "{\"note\":\"done\"}"),
          new Command(
              "incident-skip",
              "POST",
              "/api/v1/incidents/{incident}/steps/{key}/skip",
              List.of("reason"),
              PLAYBOOK_OWNERS,
              "{\"reason\":\"not needed\"}"),
          new Command(
              "incident-resolve",
              "POST",
              "/api/v1/incidents/{incident}/resolve",
              List.of("rootCause", "actionItems"),
              ONLY_MANAGER,
              "{\"rootCause\":\"a slow query\",\"actionItems\":[\"add an index\"]}"));

  /** One request of the run: which command, on what, as whom, with which body. */
  private record Try(
      Command command,
      int release,
      int incident,
      String key,
      String role,
      String contentType,
      String ifMatch,
      byte[] body) {
    @Override
    public String toString() {
      return command.name()
          + " "
          + command.path()
          + " key="
          + key
          + " as "
          + role
          + " content-type="
          + contentType
          + " if-match="
          + ifMatch
          + " on release #"
          + release
          + "/incident #"
          + incident
          + " body="
          + new String(body, StandardCharsets.UTF_8);
    }
  }

  private final Map<String, String> tokens = new LinkedHashMap<>();
  private final List<String> releases = new ArrayList<>();
  private final List<String> incidents = new ArrayList<>();
  private final Map<Integer, Integer> statuses = new java.util.TreeMap<>();
  private Team team;

  @Test
  void generatedBodiesNeverGetA5xxOrHangAndEverythingTouchedStillReads() {
    team = team();
    for (String role : List.of("release-manager", "qa-lead", "devops", "developer", "support")) {
      tokens.put(role, member(role));
    }
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

    Fuzz.check(300, this::generate, Try::toString, this::send);

    System.out.println("Release command fuzzing, answers by status: " + statuses);
    assertThat(statuses.keySet())
        .as("the run reached the commands and was refused too")
        .anyMatch(s -> s < 300)
        .anyMatch(s -> s >= 400);

    for (String release : releases) {
      Api.Response read = team.rm.get(ReleaseDriver.path(release));
      assertThat(read.status()).as("GET release %s: %s", release, read).isEqualTo(200);
      assertThat(read.json().path("id").asString()).isEqualTo(release);
    }
    for (String incident : incidents) {
      Api.Response read = team.rm.get("/api/v1/incidents/" + incident);
      assertThat(read.status()).as("GET incident %s: %s", incident, read).isEqualTo(200);
    }
    Api.Response verify = admin.get("/api/v1/audit/verify");
    assertThat(verify.status()).as(verify.toString()).isEqualTo(200);
    assertThat(verify.json().path("ok").asBoolean()).as(verify.toString()).isTrue();
  }

  /** Found by the fuzzer: a Content-Type that is a pattern (application/*) answered 500. */
  @Test
  void aContentTypeThatIsNoSingleMediaTypeIsRefusedWith415() {
    team = team();
    String release = ReleaseDriver.plan(team, "minor");
    for (String contentType : List.of("application/*", "*/*", "text/*; charset=UTF-8")) {
      Api.Response r =
          team.rm.raw(
              "POST",
              ReleaseDriver.path(release) + "/decision",
              contentType,
              "{\"decision\":\"go\",\"rationale\":\"x\"}");

      assertThat(r.status()).as(contentType + ": " + r).isEqualTo(415);
      assertThat(r.contentType()).startsWith("application/problem+json");
      assertThat(r.text("detail")).contains("application/json");
    }
  }

  /** Found by the fuzzer: a form-encoded body that is not UTF-8 answered 500. */
  @Test
  void aFormBodyThatIsNotUtf8IsABadRequest() {
    team = team();
    tokens.put("release-manager", member("release-manager"));
    String release = ReleaseDriver.plan(team, "minor");
    byte[] body = {
      '{', '"', 'r', 'e', 'a', 's', 'o', 'n', '"', ':', '"', 'a', (byte) 0xff, '"', '}'
    };

    HttpResponse<String> r =
        send(
            "POST",
            ReleaseDriver.path(release) + "/steps/backup/skip",
            tokens.get("release-manager"),
            "application/x-www-form-urlencoded",
            null,
            body);

    assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
    assertThat(r.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
    assertThat(r.body()).contains("UTF-8");
  }

  /**
   * Found by the fuzzer: a form-encoded body whose parameter names Spring Security's firewall
   * refuses answered 500.
   */
  @Test
  void aFormBodyTheFirewallRefusesIsABadRequest() {
    team = team();
    tokens.put("release-manager", member("release-manager"));
    String release = ReleaseDriver.plan(team, "minor");
    String body =
        "{\"reason\":\"2026-12-03T09:00:00Z\",\"reason\":[\"\\u0022\\ud9aa朠S㠠Ῐ?AK$w힭Aj3t3b郦礴}K&n뤹EO1"
            + "攊ZS2䍕:l]ᝆ\",\"failed\"],\"reason\":null}";

    HttpResponse<String> r =
        send(
            "POST",
            ReleaseDriver.path(release) + "/cancel",
            tokens.get("release-manager"),
            "application/x-www-form-urlencoded",
            null,
            body.getBytes(StandardCharsets.UTF_8));

    assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
    assertThat(r.body()).contains("application/json");
  }

  private Try generate(SplittableRandom r) {
    Command command = COMMANDS.get(r.nextInt(COMMANDS.size()));
    List<String> keys = new ArrayList<>(command.owners().keySet());
    String key =
        r.nextInt(12) == 0
            ? ODD_KEYS.get(r.nextInt(ODD_KEYS.size()))
            : keys.get(r.nextInt(keys.size()));
    String role =
        r.nextInt(5) < 3 && command.owners().containsKey(key)
            ? command.owners().get(key)
            : List.copyOf(tokens.keySet()).get(r.nextInt(tokens.size()));
    byte[] body =
        r.nextInt(6) == 0
            ? command.validBodies()[r.nextInt(command.validBodies().length)].getBytes(
                StandardCharsets.UTF_8)
            : JsonFuzz.body(r, command.fields());
    String contentType =
        r.nextInt(10) == 0
            ? CONTENT_TYPES.get(r.nextInt(CONTENT_TYPES.size()))
            : "application/json";
    String ifMatch = r.nextInt(8) == 0 ? IF_MATCH.get(r.nextInt(IF_MATCH.size())) : null;
    return new Try(
        command, r.nextInt(1 << 16), r.nextInt(1 << 16), key, role, contentType, ifMatch, body);
  }

  private void send(Try t) {
    String path =
        t.command()
            .path()
            .replace("{product}", team.product)
            .replace("{release}", releases.get(t.release() % releases.size()))
            .replace("{incident}", incidents.get(t.incident() % incidents.size()))
            .replace("{key}", t.key());
    HttpResponse<String> response =
        send(
            t.command().method(),
            path,
            tokens.get(t.role()),
            t.contentType(),
            t.ifMatch(),
            t.body());
    assertThat(response.statusCode())
        .as("%s %s answered %s", t.command().method(), path, response.body())
        .isLessThan(500);
    statuses.merge(response.statusCode(), 1, Integer::sum);
    if (response.statusCode() == 201) {
      JsonNode created = JSON.readTree(response.body());
      (t.command().name().equals("plan") ? releases : incidents).add(created.path("id").asString());
    }
  }

  /** Sends one request; fails when no answer comes within {@link #PER_REQUEST}. */
  private HttpResponse<String> send(
      String method, String path, String token, String contentType, String ifMatch, byte[] body) {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(PER_REQUEST)
            .header("Authorization", "Bearer " + token)
            .method(method, HttpRequest.BodyPublishers.ofByteArray(body));
    if (!contentType.isEmpty()) builder.header("Content-Type", contentType);
    if (ifMatch != null) builder.header("If-Match", ifMatch);
    try {
      return HTTP.send(builder.build(), HttpResponse.BodyHandlers.ofString());
    } catch (HttpTimeoutException e) {
      throw new AssertionError("no answer within " + PER_REQUEST + " to " + path, e);
    } catch (java.io.IOException e) {
      throw new AssertionError("the connection failed for " + path + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** A new member of the team's product with one role; returns their token. */
  private String member(String role) {
    String username = "fz-" + role.replace("-", "") + "-" + team.product.substring(2);
    assertThat(
            admin
                .post(
                    "/api/v1/users",
                    Map.of(
                        "username",
                        username,
                        "displayName",
                        "Fuzz " + role,
                        "email",
                        username + "@example.com"))
                .status())
        .isEqualTo(201);
    assertThat(
            admin
                .put(
                    "/api/v1/products/" + team.product + "/members/" + username,
                    Map.of("roles", List.of(role)))
                .status())
        .isEqualTo(200);
    return admin
        .post("/api/v1/users/" + username + "/tokens", Map.of("name", "fuzz"))
        .text("token");
  }
}
