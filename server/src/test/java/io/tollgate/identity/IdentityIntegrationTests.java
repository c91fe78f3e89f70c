package io.tollgate.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.support.Api;
import io.tollgate.support.IntegrationTest;
import io.tollgate.support.Team;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Users, tokens and passwords: who may do what, and that secrets are stored only hashed. */
class IdentityIntegrationTests extends IntegrationTest {

  @Test
  void meListsTheCallersMemberships() {
    Team t = team();
    JsonNode me = t.qa.get("/api/v1/me").json();
    assertThat(me.path("username").asString()).isEqualTo(t.usernames.get("qa-lead"));
    assertThat(me.path("admin").asBoolean()).isFalse();
    assertThat(me.path("memberships").get(0).path("product").asString()).isEqualTo(t.product);
    assertThat(me.path("memberships").get(0).path("roles").get(0).asString()).isEqualTo("qa-lead");
    assertThat(admin.get("/api/v1/me").json().path("admin").asBoolean()).isTrue();
  }

  @Test
  void aUserIssuesAndRevokesTheirOwnTokensWhichAreStoredOnlyHashed() {
    Team t = team();
    String me = t.usernames.get("devops");
    Api.Response issued =
        t.devops.post("/api/v1/users/" + me + "/tokens", Map.of("name", "pipeline"));
    assertThat(issued.status()).isEqualTo(201);
    String token = issued.text("token");
    assertThat(token).startsWith("tg_").hasSizeGreaterThan(40);
    assertThat(
            jdbc.sql("select count(*) from api_tokens where token_hash = ?")
                .param(token)
                .query(Long.class)
                .single())
        .isZero();
    Api pipeline = admin.as(token);
    assertThat(pipeline.get("/api/v1/me").json().path("username").asString()).isEqualTo(me);
    assertThat(
            t.devops
                .post(
                    "/api/v1/users/" + t.usernames.get("qa-lead") + "/tokens", Map.of("name", "x"))
                .status())
        .isEqualTo(403);
    assertThat(
            t.devops
                .get("/api/v1/users/" + me + "/tokens")
                .json()
                .valueStream()
                .map(n -> n.path("name").asString())
                .toList())
        .contains("pipeline");
    assertThat(t.devops.get("/api/v1/users/" + me + "/tokens").body()).doesNotContain(token);
    assertThat(t.devops.delete("/api/v1/users/" + me + "/tokens/" + issued.text("id")).status())
        .isEqualTo(204);
    assertThat(pipeline.get("/api/v1/me").status()).isEqualTo(401);
  }

  @Test
  void passwordsAreSetByTheUserOrTheAdminAndStoredWithAnAdaptiveHash() {
    Team t = team();
    String me = t.usernames.get("support");
    assertThat(
            t.support
                .put(
                    "/api/v1/users/" + me + "/password",
                    Map.of("password", "correct horse battery"))
                .status())
        .isEqualTo(204);
    String hash =
        jdbc.sql("select password_hash from users where username = ?")
            .param(me)
            .query(String.class)
            .single();
    assertThat(hash).startsWith("{bcrypt}").doesNotContain("correct horse");
    assertThat(
            t.support
                .put(
                    "/api/v1/users/" + me + "/password",
                    Map.of("password", "short", "currentPassword", "correct horse battery"))
                .status())
        .isEqualTo(422);
    assertThat(
            t.support
                .put(
                    "/api/v1/users/" + t.usernames.get("qa-lead") + "/password",
                    Map.of("password", "another long one"))
                .status())
        .isEqualTo(403);
    assertThat(
            admin
                .put(
                    "/api/v1/users/" + t.usernames.get("qa-lead") + "/password",
                    Map.of("password", "set by the admin"))
                .status())
        .isEqualTo(204);
  }

  @Test
  void usernamesAreValidatedAndUnique() {
    String name = "dup-" + System.nanoTime();
    assertThat(admin.post("/api/v1/users", Map.of("username", name, "displayName", "D")).status())
        .isEqualTo(201);
    assertThat(admin.post("/api/v1/users", Map.of("username", name, "displayName", "D")).status())
        .isEqualTo(409);
    assertThat(
            admin
                .post("/api/v1/users", Map.of("username", "Not Valid!", "displayName", "D"))
                .status())
        .isEqualTo(422);
  }

  @Test
  void membershipIsManagedByTheAdminOrAReleaseManagerOfTheProduct() {
    Team t = team();
    Api newcomer = t.person("new-" + t.product, List.of());
    String name = "new-" + t.product;
    assertThat(
            t.qa
                .put(
                    "/api/v1/products/" + t.product + "/members/" + name,
                    Map.of("roles", List.of("developer")))
                .status())
        .isEqualTo(403);
    assertThat(
            t.rm
                .put(
                    "/api/v1/products/" + t.product + "/members/" + name,
                    Map.of("roles", List.of("developer")))
                .status())
        .isEqualTo(200);
    assertThat(newcomer.get("/api/v1/products/" + t.product).status()).isEqualTo(200);
    assertThat(
            t.rm
                .put(
                    "/api/v1/products/" + t.product + "/members/" + name,
                    Map.of("roles", List.of("astronaut")))
                .status())
        .isEqualTo(422);
    JsonNode product = t.rm.get("/api/v1/products/" + t.product).json();
    assertThat(
            product.path("members").valueStream().map(m -> m.path("username").asString()).toList())
        .contains(name);
    assertThat(
            product.path("environments").valueStream().map(e -> e.path("name").asString()).toList())
        .containsExactly("staging", "production");
  }

  @Test
  void servesItsOpenApiDocumentGeneratedFromTheCode() {
    Api.Response doc = admin.as(null).get("/v3/api-docs");
    assertThat(doc.status()).isEqualTo(200);
    JsonNode paths = doc.json().path("paths");
    assertThat(paths.has("/api/v1/releases/{id}")).isTrue();
    assertThat(paths.has("/api/v1/releases/{id}/decision")).isTrue();
    assertThat(paths.has("/api/v1/incidents/{id}/resolve")).isTrue();
  }

  @Test
  void metricsAreForTheAdminAndUnknownPathsAreProblems() {
    Team t = team();
    Api.Response metrics = admin.get("/actuator/prometheus");
    assertThat(metrics.status()).isEqualTo(200);
    assertThat(metrics.body()).contains("http_server_requests");
    assertThat(t.rm.get("/actuator/prometheus").status()).isEqualTo(403);
    assertThat(admin.as(null).get("/actuator/prometheus").status()).isEqualTo(401);
    assertThat(admin.as(null).get("/actuator/health").status()).isEqualTo(200);
    Api.Response unknown = t.rm.get("/api/v1/no-such-thing");
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.contentType()).startsWith("application/problem+json");
    Api.Response wrongVerb = t.rm.delete("/api/v1/me");
    assertThat(wrongVerb.status()).isEqualTo(405);
    assertThat(wrongVerb.contentType()).startsWith("application/problem+json");
  }
}
