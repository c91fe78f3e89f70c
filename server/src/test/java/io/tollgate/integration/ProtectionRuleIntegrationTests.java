package io.tollgate.integration;

import static io.tollgate.support.ReleaseDriver.ok;
import static io.tollgate.support.ReleaseDriver.path;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tollgate.support.Api;
import io.tollgate.support.IntegrationTest;
import io.tollgate.support.Receiver;
import io.tollgate.support.ReleaseDriver;
import io.tollgate.support.Team;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Tollgate as a GitHub custom deployment protection rule, against a local fake of GitHub's callback
 * endpoint: {@code deployment_protection_rule} requests (built as GitHub documents them, around
 * GitHub's own deployment example) are approved only at the environment's deploy step, rejected
 * with the blockers before it, and a run that waits for its go is approved by a later go.
 */
class ProtectionRuleIntegrationTests extends IntegrationTest {
  static final String REPO = "Codertocat/Hello-World";
  static final String SECRET = "a protection rule secret";
  static final String TOKEN = "ghs_protection-token-for-the-tests";
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final AtomicInteger RUNS = new AtomicInteger(4_200_000);

  private Receiver github;

  @BeforeEach
  void fakeGithub() {
    github = new Receiver();
  }

  @AfterEach
  void stopFake() {
    github.close();
  }

  @Test
  void approvedOnlyAtTheDeployStepAndRejectedWithTheBlockersBeforeIt() {
    Team t = team();
    connect(t);
    String sha = sha();
    String id = planOn(t, sha);

    String early = runPath();
    JsonNode answer = deliver(t, request(sha, "production", early));
    assertThat(answer.path("outcome").asString()).isEqualTo("applied");
    assertThat(answer.path("detail").asString()).startsWith("rejected the deployment");
    Receiver.Request rejected = awaitCall(early, r -> true);
    assertThat(rejected.headers().get("Authorization")).isEqualTo("Bearer " + TOKEN);
    assertThat(rejected.headers().get("Accept")).isEqualTo("application/vnd.github+json");
    JsonNode body = rejected.json();
    assertThat(body.path("environment_name").asString()).isEqualTo("production");
    assertThat(body.path("state").asString()).isEqualTo("rejected");
    assertThat(body.path("comment").asString())
        .contains("is not at its step 'deploy-production' yet")
        .contains("decision `go-no-go`")
        .contains("requirement `acceptance-criteria`");

    String staging = runPath();
    deliver(t, request(sha, "staging", staging));
    assertThat(awaitCall(staging, r -> true).json().path("comment").asString())
        .as("staging waits for the steps before it")
        .contains("step `backup`");

    ReleaseDriver.prepare(t, id);
    ReleaseDriver.go(t, id);
    String atTheStep = runPath();
    JsonNode approved = deliver(t, request(sha, "production", atTheStep));
    assertThat(approved.path("detail").asString()).startsWith("approved the deployment");
    JsonNode told = awaitCall(atTheStep, r -> true).json();
    assertThat(told.path("state").asString()).isEqualTo("approved");
    assertThat(told.path("comment").asString()).contains("deploy-production").contains("go given");
    assertThat(github.to(early)).as("a rejected run is told once").hasSize(1);

    String otherCommit = runPath();
    deliver(t, request(sha(), "production", otherCommit));
    assertThat(awaitCall(otherCommit, r -> true).json().path("comment").asString())
        .contains("no release of " + t.product + " under way is built from commit");
  }

  @Test
  void aLaterGoApprovesAWaitingRunAndANoGoRejectsOne() {
    Team t = team();
    connect(t);
    String sha = sha();
    String id = planOn(t, sha);
    ReleaseDriver.prepare(t, id);

    String waiting = runPath();
    JsonNode answer = deliver(t, request(sha, "production", waiting));
    assertThat(answer.path("detail").asString()).contains("waits");
    JsonNode report = awaitCall(waiting, r -> true).json();
    assertThat(report.has("state")).as("a status report only: the run keeps waiting").isFalse();
    assertThat(report.path("comment").asString()).contains("waits for its go decision");

    ReleaseDriver.go(t, id);
    JsonNode approved = awaitCall(waiting, r -> r.json().has("state")).json();
    assertThat(approved.path("state").asString()).isEqualTo("approved");
    assertThat(approved.path("environment_name").asString()).isEqualTo("production");
    assertThat(ok(t.rm.get(path(id) + "/audit")).body())
        .as("each verdict is in the release's history")
        .contains("protection-rule.decided")
        .contains("waiting")
        .contains("approved");

    Team u = team();
    connect(u);
    String other = sha();
    String second = planOn(u, other);
    ReleaseDriver.prepare(u, second);
    String refused = runPath();
    deliver(u, request(other, "production", refused));
    awaitCall(refused, r -> !r.json().has("state"));
    ok(
        u.rm.post(
            path(second) + "/decision",
            Map.of("decision", "no-go", "rationale", "payment provider unstable")));
    JsonNode rejected = awaitCall(refused, r -> r.json().has("state")).json();
    assertThat(rejected.path("state").asString()).isEqualTo("rejected");
    assertThat(rejected.path("comment").asString()).contains("payment provider unstable");
  }

  @Test
  void githubIsToldAgainAfterAServerErrorAndTheTokenGoesNowhereElse() {
    Team t = team();
    connect(t);
    String sha = sha();
    String id = planOn(t, sha);
    ReleaseDriver.prepare(t, id);
    ReleaseDriver.go(t, id);
    AtomicInteger calls = new AtomicInteger();
    github.answer(r -> calls.incrementAndGet() == 1 ? 502 : 204);
    String run = runPath();
    deliver(t, request(sha, "production", run));
    awaitCall(run, r -> calls.get() >= 2);
    assertThat(github.to(run)).hasSize(2);
    assertThat(github.to(run).get(1).json().path("state").asString()).isEqualTo("approved");

    // an expired token: GitHub answers 401, Tollgate gives up until a new token is set
    github.answer(r -> r.headers().get("Authorization").equals("Bearer " + TOKEN) ? 401 : 204);
    String expired = runPath();
    deliver(t, request(sha, "production", expired));
    awaitCall(expired, r -> true);
    awaitGivenUp(github.url(expired));
    ok(
        t.devops.put(
            "/api/v1/products/" + t.product + "/integrations/github",
            Map.of("repository", REPO, "protectionToken", "ghs_a-fresh-installation-token")));
    Receiver.Request again =
        awaitCall(
            expired, r -> r.headers().get("Authorization").endsWith("fresh-installation-token"));
    assertThat(again.json().path("state").asString()).isEqualTo("approved");
    assertThat(github.to(expired)).hasSize(2);
    assertThat(github.to(run)).as("what GitHub accepted is not sent again").hasSize(2);

    String elsewhere = "https://attacker.example/repos/" + REPO + "/actions/runs/1/x";
    JsonNode ignored = deliver(t, request(sha, "production", null, elsewhere));
    assertThat(ignored.path("outcome").asString()).isEqualTo("ignored");
    assertThat(ignored.path("detail").asString()).contains("does not send its token there");

    Team noToken = team();
    ok(
        noToken.devops.put(
            "/api/v1/products/" + noToken.product + "/integrations/github",
            Map.of("repository", REPO, "secret", SECRET)));
    JsonNode noAnswer = deliver(noToken, request(sha, "production", runPath()));
    assertThat(noAnswer.path("outcome").asString()).isEqualTo("ignored");
    assertThat(noAnswer.path("detail").asString()).contains("protectionToken");
    JsonNode integration =
        ok(noToken.devops.get("/api/v1/products/" + noToken.product + "/integrations/github"))
            .json();
    assertThat(integration.path("protectionToken").isNull()).isTrue();
    assertThat(integration.path("apiUrl").asString()).isEqualTo("https://api.github.com");
  }

  // ---------------------------------------------------------------- helpers

  private void connect(Team t) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("repository", REPO);
    body.put("secret", SECRET);
    body.put("apiUrl", github.url("/api/v3"));
    body.put("protectionToken", TOKEN);
    JsonNode set =
        ok(t.devops.put("/api/v1/products/" + t.product + "/integrations/github", body)).json();
    assertThat(set.path("protectionToken").asString()).isEqualTo("…set");
    assertThat(set.toString()).doesNotContain(TOKEN);
  }

  private static String planOn(Team t, String sha) {
    Api.Response r =
        t.rm.post(
            "/api/v1/products/" + t.product + "/releases", Map.of("type", "minor", "commit", sha));
    assertThat(r.status()).as(r.toString()).isEqualTo(201);
    return r.text("id");
  }

  private static String sha() {
    return (UUID.randomUUID().toString() + UUID.randomUUID()).replace("-", "").substring(0, 40);
  }

  /** The path of a new workflow run's protection rule callback on the fake GitHub API. */
  private static String runPath() {
    return "/api/v3/repos/"
        + REPO
        + "/actions/runs/"
        + RUNS.incrementAndGet()
        + "/deployment_protection_rule";
  }

  private byte[] request(String sha, String environment, String runPath) {
    return request(sha, environment, runPath, github.url(runPath));
  }

  /**
   * A {@code deployment_protection_rule.requested} payload with the fields GitHub documents
   * (action, environment, event, deployment_callback_url, deployment, pull_requests, repository,
   * installation, sender), around the deployment of GitHub's own {@code deployment} example.
   */
  private static byte[] request(String sha, String environment, String runPath, String callback) {
    JsonNode example =
        JSON.readTree(GithubWebhookIntegrationTests.example("deployment_payload.json"));
    ObjectNode deployment = (ObjectNode) example.path("deployment").deepCopy();
    deployment.put("sha", sha);
    deployment.put("environment", environment);
    deployment.put("original_environment", environment);
    ObjectNode payload = JSON.createObjectNode();
    payload.put("action", "requested");
    payload.put("environment", environment);
    payload.put("event", "workflow_dispatch");
    payload.put("deployment_callback_url", callback);
    payload.set("deployment", deployment);
    payload.putArray("pull_requests");
    payload.set("repository", example.path("repository"));
    payload.putObject("installation").put("id", 2).put("node_id", "MDIzOkludGVncmF0aW9uMg==");
    payload.set("sender", example.path("sender"));
    return JSON.writeValueAsBytes(payload);
  }

  private JsonNode deliver(Team t, byte[] body) {
    try {
      HttpResponse<String> r =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(
                          URI.create(
                              "http://127.0.0.1:" + port + "/api/v1/hooks/github/" + t.product))
                      .timeout(Duration.ofSeconds(30))
                      .header("Content-Type", "application/json")
                      .header("X-GitHub-Event", "deployment_protection_rule")
                      .header("X-GitHub-Delivery", UUID.randomUUID().toString())
                      .header("X-Hub-Signature-256", GithubSignature.sign(SECRET, body))
                      .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
      return JSON.readTree(r.body());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** Polls until Tollgate gave the run up (nothing due) and kept GitHub's answer. */
  private void awaitGivenUp(String callbackUrl) {
    String error =
        await("the run at " + callbackUrl + " given up")
            .atMost(Duration.ofSeconds(20))
            .pollInterval(Duration.ofMillis(20))
            .until(
                () ->
                    jdbc.sql(
                            "select last_error from github_protection_runs where callback_url = ?"
                                + " and next_attempt_at is null")
                        .param(callbackUrl)
                        .query(String.class)
                        .optional()
                        .orElse(null),
                java.util.Objects::nonNull);
    assertThat(error).contains("GitHub answered 401");
  }

  /** The latest call to the run's callback that matches, polled with a deadline. */
  private Receiver.Request awaitCall(String runPath, Predicate<Receiver.Request> matching) {
    return await("GitHub called at " + runPath)
        .atMost(Duration.ofSeconds(20))
        .pollInterval(Duration.ofMillis(20))
        .until(
            () -> {
              List<Receiver.Request> calls = github.to(runPath);
              for (int i = calls.size() - 1; i >= 0; i--) {
                if (matching.test(calls.get(i))) return calls.get(i);
              }
              return null;
            },
            java.util.Objects::nonNull);
  }
}
