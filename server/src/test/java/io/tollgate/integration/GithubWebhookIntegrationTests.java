package io.tollgate.integration;

import static io.tollgate.support.ReleaseDriver.ok;
import static io.tollgate.support.ReleaseDriver.path;
import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.support.Api;
import io.tollgate.support.IntegrationTest;
import io.tollgate.support.ReleaseDriver;
import io.tollgate.support.Team;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * GitHub's webhook through HTTP, driven by GitHub's own payload examples
 * (fixtures/github-webhooks): signatures, de-duplication, CI meeting ci-security, deployment
 * statuses completing deploy steps, pushes adding commits, merged pull requests listed, and the
 * deliveries list saying what each did.
 */
class GithubWebhookIntegrationTests extends IntegrationTest {
  static final String REPO = "Codertocat/Hello-World";
  static final String SECRET = "a webhook secret for the tests";
  static final String SHA = "ec26c3e57ca3a959ca5aad62de7213c562f8c821"; // check_suite, pull_request
  static final String RUN_SHA = "3484a3fb816e0859fd6e1cea078d76385ff50625"; // workflow_run
  static final String DEPLOY_SHA = "f95f852bd8fca8fcc58a9a2d6c842781e32a215e"; // deployment_status
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final JsonMapper JSON = JsonMapper.builder().build();

  record Delivery(int status, JsonNode body) {}

  // ---------------------------------------------------------------- signatures

  @Test
  void everySignatureVectorIsAcceptedOrRefusedAsItSays() {
    JsonNode vectors = GithubSignatureTests.vectors();
    for (JsonNode v : vectors.path("vectors")) {
      if (v.has("additional_secrets")) continue; // one secret per product
      Team t = team();
      connect(t, REPO, v.path("secret").asString());
      byte[] body = GithubSignatureTests.bytes(v.path("payload_file").asString());
      String header =
          v.has("expected_header")
              ? v.path("expected_header").asString()
              : v.path("header").asString();
      Delivery d = post(t.product, "ping", UUID.randomUUID().toString(), header, body);
      String id = v.path("id").asString();
      if (v.path("valid").asBoolean()) {
        assertThat(d.status())
            .as(id + ": verified (then read: 200, 202, or 400 if not JSON)")
            .isIn(200, 202, 400);
        byte[] altered = body.clone();
        altered[altered.length / 2] ^= 0x20;
        assertThat(post(t.product, "ping", UUID.randomUUID().toString(), header, altered).status())
            .as(id + " with one byte changed")
            .isEqualTo(401);
      } else {
        assertThat(d.status()).as(id).isEqualTo(401);
      }
    }
  }

  @Test
  void theDeliveryExampleOfOctokitVerifiesAndADeliveryIsAppliedOnce() {
    Team t = team();
    JsonNode example = GithubSignatureTests.vectors().path("delivery_example");
    connect(t, "baxterthehacker/public-repo", example.path("secret").asString());
    byte[] body = GithubSignatureTests.bytes(example.path("body_file").asString());
    JsonNode headers = example.path("headers");
    String release = plan(t, null, "changes");
    Delivery first =
        post(
            t.product,
            "push",
            headers.path("X-GitHub-Delivery").asString(),
            headers.path("X-Hub-Signature-256").asString(),
            body);
    assertThat(first.status()).as(first.body().toString()).isEqualTo(202);
    assertThat(first.body().path("outcome").asString()).isEqualTo("applied");
    Delivery again =
        post(
            t.product,
            "push",
            headers.path("X-GitHub-Delivery").asString(),
            headers.path("X-Hub-Signature-256").asString(),
            body);
    assertThat(again.status()).isEqualTo(200);
    assertThat(again.body().path("outcome").asString()).isEqualTo("duplicate");
    JsonNode changes = ok(t.rm.get(path(release) + "/changes")).json();
    assertThat(changes.path("commits").size()).as("applied once").isEqualTo(1);
    assertThat(changes.path("commits").get(0).path("sha").asString())
        .isEqualTo("0d1a26e67d8f5eaf1f6ba5c57fc3c7d91ac0fd1c");
    assertThat(changes.path("commits").get(0).path("source").asString()).isEqualTo("push");
    JsonNode deliveries = deliveries(t);
    assertThat(deliveries.size()).isEqualTo(1);
    assertThat(deliveries.get(0).path("detail").asString()).contains("added 1 commit");
  }

  @Test
  void aMissingOrWrongSignatureIsRefusedAndNothingIsApplied() {
    Team t = team();
    connect(t, REPO, SECRET);
    String release = plan(t, SHA, null);
    byte[] body = example("check_suite_completed.payload.json");
    String id = UUID.randomUUID().toString();
    assertThat(post(t.product, "check_suite", id, null, body).status()).isEqualTo(401);
    String wrong = GithubSignature.sign("another secret", body);
    Delivery refused = post(t.product, "check_suite", id, wrong, body);
    assertThat(refused.status()).isEqualTo(401);
    assertThat(refused.body().path("detail").asString()).contains("X-Hub-Signature-256");
    assertThat(requirement(t, release, "ci-security").path("status").asString()).isEqualTo("open");
    assertThat(deliveries(t).size()).as("not even recorded").isZero();
    Team unconnected = team();
    assertThat(post(unconnected.product, "ping", id, wrong, body).status()).isEqualTo(401);
  }

  @Test
  void malformedJsonIs400AndAHugeBodyIs413() {
    Team t = team();
    connect(t, REPO, SECRET);
    byte[] broken = "{\"action\": \"completed\", ".getBytes(StandardCharsets.UTF_8);
    Delivery bad = signed(t, "check_suite", broken);
    assertThat(bad.status()).isEqualTo(400);
    assertThat(deliveries(t).size()).isZero();
    byte[] huge = new byte[1_100_000];
    java.util.Arrays.fill(huge, (byte) ' ');
    huge[0] = '{';
    huge[huge.length - 1] = '}';
    assertThat(signed(t, "ping", huge).status()).isEqualTo(413);
    Api.Response form =
        admin
            .as(null)
            .raw(
                "POST",
                "/api/v1/hooks/github/" + t.product,
                "application/x-www-form-urlencoded",
                "payload=%7B%7D");
    assertThat(form.status()).as("GitHub's form content type is refused").isEqualTo(415);
  }

  // ---------------------------------------------------------------- effects

  @Test
  void aSuccessfulWorkflowRunMeetsCiSecurityWithTheRunAsEvidence() {
    Team t = team();
    connect(t, "octo-org/octo-repo", SECRET);
    String release = plan(t, RUN_SHA, "master");
    Delivery d = signed(t, "workflow_run", example("workflow_run_completed.payload.json"));
    assertThat(d.status()).as(d.body().toString()).isEqualTo(202);
    assertThat(d.body().path("outcome").asString()).isEqualTo("applied");
    JsonNode ci = requirement(t, release, "ci-security");
    assertThat(ci.path("status").asString()).isEqualTo("met");
    assertThat(ci.path("by").asString()).isEqualTo("github");
    assertThat(ci.path("evidence").path("url").asString())
        .isEqualTo("https://github.com/octo-org/octo-repo/actions/runs/289782451");
    JsonNode audit = ok(t.rm.get(path(release) + "/audit")).json();
    JsonNode met = audit.get(audit.size() - 1);
    assertThat(met.path("type").asString()).isEqualTo("requirement.met");
    assertThat(met.path("actor").asString()).isEqualTo("github");
    assertThat(met.path("actorKind").asString()).isEqualTo("integration");
    Delivery again = signed(t, "workflow_run", example("workflow_run_completed.payload.json"));
    assertThat(again.body().path("outcome").asString())
        .as("a new delivery id")
        .isEqualTo("ignored");
    assertThat(again.body().path("detail").asString()).contains("already met");
  }

  @Test
  void aFailingCheckSuiteIsRecordedAndMeetsNothing() {
    Team t = team();
    connect(t, REPO, SECRET);
    String release = plan(t, SHA, null);
    ObjectNode failed = json(example("check_suite_completed.payload.json"));
    ((ObjectNode) failed.path("check_suite")).put("conclusion", "failure");
    Delivery d = signed(t, "check_suite", JSON.writeValueAsBytes(failed));
    assertThat(d.status()).isEqualTo(202);
    assertThat(d.body().path("detail").asString()).contains("failure").contains("meets nothing");
    assertThat(requirement(t, release, "ci-security").path("status").asString()).isEqualTo("open");
    Delivery passed = signed(t, "check_suite", example("check_suite_completed.payload.json"));
    assertThat(passed.body().path("outcome").asString()).isEqualTo("applied");
    assertThat(requirement(t, release, "ci-security").path("status").asString()).isEqualTo("met");
  }

  @Test
  void aDeploymentStatusCompletesTheEnvironmentsDeployStepOnlyWhenItsTurnCame() {
    Team t = team();
    connect(t, REPO, SECRET);
    String release = plan(t, DEPLOY_SHA, null);
    ReleaseDriver.prepare(t, release);
    byte[] production = example("deployment_status_payload.json");
    Delivery early = signed(t, "deployment_status", production);
    assertThat(early.status()).isEqualTo(202);
    assertThat(early.body().path("outcome").asString()).isEqualTo("ignored");
    assertThat(early.body().path("detail").asString()).contains("deploy-production").contains("go");
    ReleaseDriver.go(t, release);
    Delivery deployed = signed(t, "deployment_status", production);
    assertThat(deployed.body().path("outcome").asString())
        .as(deployed.body().toString())
        .isEqualTo("applied");
    JsonNode step = step(t, release, "deploy-production");
    assertThat(step.path("status").asString()).isEqualTo("done");
    assertThat(step.path("by").asString()).isEqualTo("github");
    assertThat(ok(t.rm.get(path(release))).json().path("status").asString()).isEqualTo("released");
  }

  @Test
  void aMergedPullRequestIsListedOnTheReleaseOfItsBaseBranch() {
    Team t = team();
    connect(t, REPO, SECRET);
    String release = plan(t, SHA, "master");
    byte[] closed = example("pull_request_closed.payload.json");
    Delivery notMerged = signed(t, "pull_request", closed);
    assertThat(notMerged.body().path("detail").asString()).contains("without merging");
    ObjectNode merged = json(closed);
    ((ObjectNode) merged.path("pull_request"))
        .put("merged", true)
        .put("merged_at", "2019-05-15T15:20:33Z");
    Delivery listed = signed(t, "pull_request", JSON.writeValueAsBytes(merged));
    assertThat(listed.body().path("outcome").asString()).isEqualTo("applied");
    JsonNode prs = ok(t.qa.get(path(release) + "/changes")).json().path("pullRequests");
    assertThat(prs.size()).isEqualTo(1);
    assertThat(prs.get(0).path("number").asInt()).isEqualTo(2);
    assertThat(prs.get(0).path("title").asString())
        .isEqualTo("Update the README with new information.");
    assertThat(prs.get(0).path("author").asString()).isEqualTo("Codertocat");
    assertThat(prs.get(0).path("url").asString())
        .isEqualTo("https://github.com/Codertocat/Hello-World/pull/2");
  }

  @Test
  void whatCannotBeAppliedIsAcceptedAndSaysWhy() {
    Team t = team();
    connect(t, REPO, SECRET);
    plan(t, "0000000000000000000000000000000000000abc", "main");
    assertThat(signed(t, "ping", example("ping_payload.json")).body().path("detail").asString())
        .as("ping from another repository still answers")
        .isNotBlank();
    Delivery unknownSha = signed(t, "check_suite", example("check_suite_completed.payload.json"));
    assertThat(unknownSha.status()).isEqualTo(202);
    assertThat(unknownSha.body().path("detail").asString())
        .contains("ec26c3e")
        .contains("No release");
    Delivery otherRepo = signed(t, "workflow_run", example("workflow_run_completed.payload.json"));
    assertThat(otherRepo.body().path("detail").asString()).contains("octo-org/octo-repo");
    Delivery unknownEvent = signed(t, "release", example("release_published.payload.json"));
    assertThat(unknownEvent.status()).isEqualTo(202);
    assertThat(unknownEvent.body().path("outcome").asString()).isEqualTo("ignored");
    Delivery tag = signed(t, "push", example("push_payload.json"));
    assertThat(tag.body().path("outcome").asString()).isEqualTo("ignored");
    JsonNode list = deliveries(t);
    assertThat(list.size()).isEqualTo(5);
    assertThat(list.get(0).path("event").asString()).as("newest first").isEqualTo("push");
    for (JsonNode d : list) {
      assertThat(d.path("detail").asString()).as(d.toString()).isNotBlank();
    }
  }

  @Test
  void theIntegrationIsSetByDevopsAndItsSecretIsNeverShown() {
    Team t = team();
    Api.Response byQa = t.qa.put(integration(t), Map.of("repository", REPO, "secret", SECRET));
    assertThat(byQa.status()).isEqualTo(403);
    Api.Response set = t.devops.put(integration(t), Map.of("repository", REPO, "secret", SECRET));
    assertThat(set.status()).as(set.toString()).isEqualTo(200);
    assertThat(set.body()).doesNotContain(SECRET);
    assertThat(set.text("secret")).isEqualTo("…set");
    assertThat(ok(t.support.get(integration(t))).body()).doesNotContain(SECRET);
    String stored =
        jdbc.sql("select secret from github_integrations where product_key = ?")
            .param(t.product)
            .query(String.class)
            .single();
    assertThat(stored).as("sealed at rest").doesNotContain(SECRET);
    Api.Response bad =
        t.devops.put(integration(t), Map.of("repository", "not a repo", "secret", "x"));
    assertThat(bad.status()).isEqualTo(422);
    Api.Response keep = t.devops.put(integration(t), Map.of("repository", "octo-org/octo-repo"));
    assertThat(keep.status()).as("the secret is kept when left out").isEqualTo(200);
    assertThat(signed(t, "ping", example("ping_payload.json")).status()).isEqualTo(200);
  }

  @Test
  void theProductPageShowsTheIntegrationAndWhatEachDeliveryDid() {
    Team t = team();
    connect(t, REPO, SECRET);
    plan(t, SHA, null);
    signed(t, "check_suite", example("check_suite_completed.payload.json"));
    String devops = t.usernames.get("devops");
    admin.put("/api/v1/users/" + devops + "/password", Map.of("password", "github page password"));
    io.tollgate.support.WebSession web = new io.tollgate.support.WebSession(port);
    assertThat(web.signIn(devops, "github page password")).isTrue();
    assertThat(web.get("/products/" + t.product).body())
        .contains("/products/" + t.product + "/github");
    io.tollgate.support.WebPage panel = web.get("/products/" + t.product + "/github");
    assertThat(panel.status()).isEqualTo(200);
    assertThat(panel.body())
        .contains(REPO)
        .contains("/api/v1/hooks/github/" + t.product)
        .contains("check_suite.completed")
        .contains("met ci-security")
        .contains("data-action=\"github\"")
        .doesNotContain(SECRET);
    io.tollgate.support.WebPage saved =
        web.post(
            "/products/" + t.product + "/github", "repository", "octo-org/other", "secret", "");
    assertThat(saved.status()).isEqualTo(302);
    assertThat(ok(t.qa.get(integration(t))).text("repository")).isEqualTo("octo-org/other");
  }

  // ---------------------------------------------------------------- helpers

  private String integration(Team t) {
    return "/api/v1/products/" + t.product + "/integrations/github";
  }

  private void connect(Team t, String repository, String secret) {
    ok(t.devops.put(integration(t), Map.of("repository", repository, "secret", secret)));
  }

  private static String plan(Team t, String commit, String ref) {
    Map<String, Object> body = new java.util.LinkedHashMap<>();
    body.put("type", "minor");
    if (commit != null) body.put("commit", commit);
    if (ref != null) body.put("ref", ref);
    Api.Response r = t.rm.post("/api/v1/products/" + t.product + "/releases", body);
    assertThat(r.status()).as(r.toString()).isEqualTo(201);
    return r.text("id");
  }

  private JsonNode deliveries(Team t) {
    return ok(t.support.get(integration(t) + "/deliveries")).json();
  }

  private static JsonNode requirement(Team t, String release, String key) {
    for (JsonNode r : ok(t.rm.get(path(release))).json().path("requirements")) {
      if (r.path("key").asString().equals(key)) return r;
    }
    throw new AssertionError(key);
  }

  private static JsonNode step(Team t, String release, String key) {
    for (JsonNode s : ok(t.rm.get(path(release))).json().path("steps")) {
      if (s.path("key").asString().equals(key)) return s;
    }
    throw new AssertionError(key);
  }

  private Delivery signed(Team t, String event, byte[] body) {
    return post(
        t.product, event, UUID.randomUUID().toString(), GithubSignature.sign(SECRET, body), body);
  }

  static byte[] example(String name) {
    try (InputStream in =
        GithubWebhookIntegrationTests.class.getResourceAsStream(
            "/fixtures/github-webhooks/payload-examples/" + name)) {
      if (in == null) throw new IllegalStateException("no example " + name);
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static ObjectNode json(byte[] body) {
    return (ObjectNode) JSON.readTree(body);
  }

  private Delivery post(
      String product, String event, String delivery, String signature, byte[] body) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/api/v1/hooks/github/" + product))
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/json")
            .header("X-GitHub-Event", event)
            .header("X-GitHub-Delivery", delivery)
            .header("User-Agent", "GitHub-Hookshot/test")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (signature != null) b.header("X-Hub-Signature-256", signature);
    try {
      HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
      JsonNode parsed = r.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(r.body());
      return new Delivery(r.statusCode(), parsed);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
