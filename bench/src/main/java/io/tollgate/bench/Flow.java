package io.tollgate.bench;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BooleanSupplier;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Setting up a product with its people, and the happy path of one release, planned to closed. */
final class Flow {
  static final String RELEASE_MANAGER = "release-manager";
  static final String QA_LEAD = "qa-lead";
  static final String DEVOPS = "devops";
  static final String DEVELOPER = "developer";
  static final String SUPPORT = "support";
  static final List<String> ROLES = List.of(RELEASE_MANAGER, QA_LEAD, DEVOPS, DEVELOPER, SUPPORT);

  /** How often a create refused with 409 (a concurrent create took the version) is retried. */
  static final int CREATE_ATTEMPTS = 50;

  static final JsonMapper JSON = JsonMapper.builder().build();

  /** One command of the happy path: who sends it, where, with what body. */
  record Command(String name, String role, String method, String suffix, String body) {}

  /** The happy path after the create, in order; the suffix follows /api/v1/releases/{id}. */
  static final List<Command> HAPPY_PATH = happyPath();

  static final String CREATE = "create release (patch)";
  static final String VERIFY = "GET release (verify closed)";

  /** Every timed command of a release, in the order they are sent. */
  static final List<String> COMMAND_NAMES = commandNames();

  private final Http http;
  private final ErrorSamples samples;
  final String product;
  final Map<String, String> tokens = new LinkedHashMap<>();

  private Flow(Http http, ErrorSamples samples, String product) {
    this.http = http;
    this.samples = samples;
    this.product = product;
  }

  /** Creates a fresh product, one user per role, their memberships and tokens. */
  static Flow setUp(Http http, ErrorSamples samples, String adminToken) {
    String suffix = randomSuffix();
    String product = "bench-" + suffix;
    Flow flow = new Flow(http, samples, product);
    flow.admin(
        adminToken,
        "POST",
        "/api/v1/products",
        json(Map.of("key", product, "name", "Bench " + suffix)),
        "create product");
    for (String role : ROLES) {
      String username = "bench-" + suffix + "-" + role;
      flow.admin(
          adminToken,
          "POST",
          "/api/v1/users",
          json(
              Map.of(
                  "username",
                  username,
                  "displayName",
                  "Bench " + role,
                  "email",
                  username + "@bench.invalid")),
          "create user " + username);
      flow.admin(
          adminToken,
          "PUT",
          "/api/v1/products/" + product + "/members/" + username,
          json(Map.of("roles", List.of(role))),
          "make " + username + " a " + role);
      Http.Response r =
          flow.admin(
              adminToken,
              "POST",
              "/api/v1/users/" + username + "/tokens",
              json(Map.of("name", "bench")),
              "issue a token to " + username);
      String token = field(r.body(), "token");
      if (token.isEmpty()) {
        throw new SetupFailed("issue a token to " + username + ": no token in " + r.text());
      }
      flow.tokens.put(role, token);
    }
    return flow;
  }

  String token(String role) {
    return tokens.get(role);
  }

  /** The outcome of one attempt at a whole release. */
  record Outcome(String releaseId, boolean closed, boolean aborted) {}

  /**
   * Pushes one release planned to closed, each command as its role, timing every command into
   * {@code stats} while {@code recording} says so. Stops early (aborted) on the first failed
   * command, or (not counted) when {@code stop} turns true.
   */
  Outcome oneRelease(Stats stats, BooleanSupplier recording, BooleanSupplier stop) {
    String createPath = "/api/v1/products/" + product + "/releases";
    Http.Request create =
        http.send("POST", createPath, token(RELEASE_MANAGER), "{\"type\":\"patch\"}");
    long nanos = 0;
    int retries = 0;
    Http.Response r = null;
    for (int attempt = 1; attempt <= CREATE_ATTEMPTS; attempt++) {
      r = http.call(create);
      nanos += r.nanos();
      if (r.status() != 409 || attempt == CREATE_ATTEMPTS || stop.getAsBoolean()) {
        break;
      }
      retries++;
      pause();
    }
    // the create is timed end to end, retries included: that is what the release manager waits
    Http.Response createTimed = new Http.Response(r.status(), r.body(), nanos);
    if (recording.getAsBoolean()) {
      stats.record(CREATE, createTimed);
      stats.command(CREATE).retries += retries;
    }
    if (r.status() != 201) {
      samples.offer("POST " + createPath + " as " + RELEASE_MANAGER + " {\"type\":\"patch\"}", r);
      if (recording.getAsBoolean()) {
        stats.releasesAborted++;
      }
      return new Outcome(null, false, true);
    }
    String id = field(r.body(), "id");
    if (id.isEmpty()) {
      samples.offer("POST " + createPath + " (no id)", r);
      return new Outcome(null, false, true);
    }
    String base = "/api/v1/releases/" + id;
    for (Command c : HAPPY_PATH) {
      if (stop.getAsBoolean()) {
        return new Outcome(id, false, false);
      }
      Http.Response response =
          http.call(http.send(c.method(), base + c.suffix(), token(c.role()), c.body()));
      if (recording.getAsBoolean()) {
        stats.record(c.name(), response);
      }
      if (!response.ok()) {
        samples.offer(
            c.method()
                + " "
                + base
                + c.suffix()
                + " as "
                + c.role()
                + (c.body() == null ? "" : " " + c.body()),
            response);
        if (recording.getAsBoolean()) {
          stats.releasesAborted++;
        }
        return new Outcome(id, false, true);
      }
    }
    Http.Response check = http.call(http.get(base, token(RELEASE_MANAGER)));
    if (recording.getAsBoolean()) {
      stats.record(VERIFY, check);
    }
    if (!check.ok()) {
      samples.offer("GET " + base, check);
      if (recording.getAsBoolean()) {
        stats.releasesAborted++;
      }
      return new Outcome(id, false, true);
    }
    boolean closed = "closed".equals(field(check.body(), "status"));
    if (recording.getAsBoolean()) {
      if (closed) {
        stats.releasesClosed++;
      } else {
        stats.releasesNotClosed++;
      }
    }
    if (!closed) {
      samples.offer("GET " + base + " is not closed", check);
    }
    return new Outcome(id, closed, false);
  }

  private Http.Response admin(String token, String method, String path, String body, String what) {
    Http.Response r = http.call(http.send(method, path, token, body));
    if (!r.ok()) {
      throw new SetupFailed(
          what + ": " + method + " " + path + " -> " + r.status() + " " + r.text());
    }
    return r;
  }

  private static void pause() {
    try {
      Thread.sleep(ThreadLocalRandom.current().nextInt(0, 3));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** A top-level text field of a JSON body, or "" if there is none or the body is not JSON. */
  static String field(byte[] body, String name) {
    try {
      JsonNode node = JSON.readTree(body);
      return node == null ? "" : node.path(name).asString("");
    } catch (JacksonException e) {
      return "";
    }
  }

  static String json(Object value) {
    return JSON.writeValueAsString(value);
  }

  private static String randomSuffix() {
    String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
    SecureRandom random = new SecureRandom();
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 8; i++) {
      sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return sb.toString();
  }

  private static List<String> commandNames() {
    List<String> names = new ArrayList<>();
    names.add(CREATE);
    HAPPY_PATH.forEach(c -> names.add(c.name()));
    names.add(VERIFY);
    return List.copyOf(names);
  }

  private static List<Command> happyPath() {
    String evidence = json(Map.of("evidence", Map.of("url", "https://ci.example/1", "note", "ok")));
    String succeeded = json(Map.of("outcome", "succeeded"));
    List<Command> path = new ArrayList<>();
    path.add(
        new Command(
            "PUT notes",
            RELEASE_MANAGER,
            "PUT",
            "/notes",
            json(
                Map.of(
                    "summary",
                    "Benchmark release",
                    "notableChanges",
                    List.of("Nothing, this is a load test.")))));
    path.add(meet("acceptance-criteria", QA_LEAD, evidence));
    path.add(meet("ci-security", DEVOPS, evidence));
    path.add(meet("rollback-plan", DEVOPS, evidence));
    path.add(meet("release-notes", RELEASE_MANAGER, evidence));
    path.add(meet("support-trained", RELEASE_MANAGER, evidence));
    path.add(meet("support-trained", SUPPORT, evidence));
    path.add(complete("schedule-window", RELEASE_MANAGER, json(Map.of("note", "window set"))));
    path.add(
        new Command(
            "skip backup [devops]",
            DEVOPS,
            "POST",
            "/steps/backup/skip",
            json(Map.of("reason", "no data change"))));
    path.add(complete("quality-gate", QA_LEAD, "{}"));
    path.add(complete("deploy-staging", DEVOPS, succeeded));
    path.add(complete("smoke-staging", QA_LEAD, succeeded));
    path.add(
        new Command(
            "decide go [release-manager]",
            RELEASE_MANAGER,
            "POST",
            "/decision",
            json(Map.of("decision", "go", "rationale", "all green"))));
    path.add(complete("deploy-production", DEVOPS, succeeded));
    path.add(complete("verify-production", DEVOPS, succeeded));
    path.add(complete("announce", RELEASE_MANAGER, "{}"));
    path.add(complete("monitor-customers", SUPPORT, "{}"));
    path.add(acknowledge("qa-to-rm", RELEASE_MANAGER));
    path.add(acknowledge("rm-to-devops", DEVOPS));
    path.add(acknowledge("devops-to-rm", RELEASE_MANAGER));
    path.add(acknowledge("rm-to-support", SUPPORT));
    return List.copyOf(path);
  }

  private static Command meet(String requirement, String role, String body) {
    return new Command(
        "meet " + requirement + " [" + role + "]",
        role,
        "POST",
        "/requirements/" + requirement + "/meet",
        body);
  }

  private static Command complete(String step, String role, String body) {
    return new Command(
        "complete " + step + " [" + role + "]", role, "POST", "/steps/" + step + "/complete", body);
  }

  private static Command acknowledge(String handoff, String role) {
    return new Command(
        "acknowledge " + handoff + " [" + role + "]",
        role,
        "POST",
        "/handoffs/" + handoff + "/acknowledge",
        "{}");
  }

  /** Setup could not be done: nothing can be measured. */
  static final class SetupFailed extends RuntimeException {
    SetupFailed(String message) {
      super(message);
    }
  }
}
