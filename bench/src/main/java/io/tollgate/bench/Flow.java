package io.tollgate.bench;

import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BooleanSupplier;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Setting up a product with its people, and pushing one release through {@link HappyPath}, planned
 * to closed.
 */
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
      stats.record(HappyPath.CREATE, createTimed);
      stats.command(HappyPath.CREATE).retries += retries;
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
    for (HappyPath.Command c : HappyPath.COMMANDS) {
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
      stats.record(HappyPath.VERIFY, check);
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

  /** Setup could not be done: nothing can be measured. */
  static final class SetupFailed extends RuntimeException {
    SetupFailed(String message) {
      super(message);
    }
  }
}
