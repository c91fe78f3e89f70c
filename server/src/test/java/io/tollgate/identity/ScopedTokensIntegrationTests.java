package io.tollgate.identity;

import static io.tollgate.support.ReleaseDriver.evidence;
import static io.tollgate.support.ReleaseDriver.path;
import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.support.Api;
import io.tollgate.support.IntegrationTest;
import io.tollgate.support.ReleaseDriver;
import io.tollgate.support.Team;
import io.tollgate.support.WebPage;
import io.tollgate.support.WebSession;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Tokens with a scope through HTTP: a scoped token does only the intersection of its scope and its
 * user's roles, is refused with 403 naming the missing scope, is listed with its scope, expiry and
 * last use, expires, and is revoked like any token.
 */
class ScopedTokensIntegrationTests extends IntegrationTest {

  @Test
  void aPipelineTokenMeetsWhatItsScopeListsAndNothingElse() {
    Team t = team();
    String id = ReleaseDriver.plan(t, "minor");
    Api pipeline =
        t.scoped(
            "qa-lead",
            Map.of("products", List.of(t.product), "actions", List.of("requirements:meet")));

    assertThat(pipeline.get(path(id)).status()).as("reads need no action").isEqualTo(200);
    Api.Response met =
        pipeline.post(
            path(id) + "/requirements/acceptance-criteria/meet", evidence("https://ci.example/1"));
    assertThat(met.status()).as(met.toString()).isEqualTo(200);

    Api.Response notes = pipeline.put(path(id) + "/notes", Map.of("knownIssues", List.of("x")));
    assertThat(notes.status()).as(notes.toString()).isEqualTo(403);
    assertThat(notes.text("missingScope")).isEqualTo("notes:update");
    assertThat(notes.text("detail")).contains("notes:update");
    assertThat(t.qa.put(path(id) + "/notes", Map.of("knownIssues", List.of("x"))).status())
        .as("the same user's full token may")
        .isEqualTo(200);
  }

  @Test
  void theScopeNeverWidensTheUsersRoles() {
    Team t = team();
    String id = ReleaseDriver.plan(t, "minor");
    Api qa = t.scoped("qa-lead", Map.of("actions", List.of("requirements:meet")));
    // ci-security belongs to devops: the action is in the scope, the role is not the QA lead's
    Api.Response refused =
        qa.post(path(id) + "/requirements/ci-security/meet", evidence("https://ci.example/2"));
    assertThat(refused.status()).isEqualTo(403);
    assertThat(refused.json().has("missingScope")).as(refused.toString()).isFalse();
    assertThat(refused.text("detail")).contains("devops");
  }

  @Test
  void aReadOnlyTokenReadsAndIsRefusedEveryCommand() {
    Team t = team();
    String id = ReleaseDriver.plan(t, "minor");
    Api reader = t.scoped("release-manager", Map.of("readOnly", true));
    assertThat(reader.get(path(id)).status()).isEqualTo(200);
    assertThat(reader.get(path(id) + "/audit").status()).isEqualTo(200);
    Api.Response cancel = reader.post(path(id) + "/cancel", Map.of("reason", "no"));
    assertThat(cancel.status()).isEqualTo(403);
    assertThat(cancel.text("missingScope")).isEqualTo("releases:cancel");
    assertThat(cancel.contentType()).startsWith("application/problem+json");
    assertThat(reader.get(path(id)).json().path("status").asString())
        .as("nothing changed")
        .isEqualTo("planned");
  }

  @Test
  void aProductScopedTokenIsRefusedOtherProductsAndGlobalCommands() {
    Team a = team();
    Team b = team();
    String inB = ReleaseDriver.plan(b, "minor");
    // the same person is release manager of both products
    String rmOfA = a.usernames.get("release-manager");
    assertThat(
            admin
                .put(
                    "/api/v1/products/" + b.product + "/members/" + rmOfA,
                    Map.of("roles", List.of("release-manager")))
                .status())
        .isEqualTo(200);
    Api onlyA = a.scoped("release-manager", Map.of("products", List.of(a.product)));

    Api.Response other = onlyA.get(path(inB));
    assertThat(other.status()).isEqualTo(403);
    assertThat(other.text("missingScope")).isEqualTo("product:" + b.product);
    Api.Response plan =
        onlyA.post("/api/v1/products/" + b.product + "/releases", Map.of("type", "minor"));
    assertThat(plan.text("missingScope")).isEqualTo("product:" + b.product);
    assertThat(
            onlyA
                .post("/api/v1/products/" + a.product + "/releases", Map.of("type", "minor"))
                .status())
        .isEqualTo(201);
    assertThat(onlyA.get("/api/v1/me").status()).as("reads about no product").isEqualTo(200);
    Api.Response token = onlyA.post("/api/v1/users/" + rmOfA + "/tokens", Map.of("name", "wider"));
    assertThat(token.status()).as("a scoped token cannot make a wider one").isEqualTo(403);
    assertThat(token.text("missingScope")).isEqualTo("product:*");
    Api anyProduct = a.scoped("release-manager", Map.of("actions", List.of("releases:create")));
    Api.Response wider =
        anyProduct.post("/api/v1/users/" + rmOfA + "/tokens", Map.of("name", "wider"));
    assertThat(wider.status()).isEqualTo(403);
    assertThat(wider.text("missingScope")).isEqualTo("tokens:issue");
  }

  @Test
  void tokensAreListedWithScopeExpiryAndLastUseAndRevocable() {
    Team t = team();
    String user = t.usernames.get("developer");
    Instant expires = Instant.now().plus(30, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
    Api.Response issued =
        t.developer.post(
            "/api/v1/users/" + user + "/tokens",
            Map.of(
                "name",
                "ci",
                "expiresAt",
                expires.toString(),
                "scope",
                Map.of("products", List.of(t.product), "actions", List.of("changes:add"))));
    assertThat(issued.status()).as(issued.toString()).isEqualTo(201);
    assertThat(issued.text("token")).startsWith("tg_");
    assertThat(issued.json().path("scope").path("actions").get(0).asString())
        .isEqualTo("changes:add");
    String tokenId = issued.text("id");

    JsonNode before = token(t.developer, user, tokenId);
    assertThat(before.path("lastUsedAt").isNull()).isTrue();
    assertThat(Instant.parse(before.path("expiresAt").asString())).isEqualTo(expires);
    assertThat(before.path("scope").path("products").get(0).asString()).isEqualTo(t.product);
    assertThat(before.has("token")).isFalse();
    assertThat(
            jdbc.sql("select token_hash from api_tokens where id = ?")
                .param(tokenId)
                .query(String.class)
                .single())
        .as("stored hashed")
        .isEqualTo(Tokens.hash(issued.text("token")))
        .doesNotContain(issued.text("token"));

    Api ci = admin.as(issued.text("token"));
    assertThat(ci.get("/api/v1/me").status()).isEqualTo(200);
    assertThat(token(t.developer, user, tokenId).path("lastUsedAt").isNull()).isFalse();

    assertThat(t.developer.delete("/api/v1/users/" + user + "/tokens/" + tokenId).status())
        .isEqualTo(204);
    assertThat(ci.get("/api/v1/me").status()).isEqualTo(401);
  }

  @Test
  void anExpiredTokenIsUnauthenticatedAndAPastExpiryIsRefused() {
    Team t = team();
    String user = t.usernames.get("support");
    Api.Response past =
        admin.post(
            "/api/v1/users/" + user + "/tokens",
            Map.of("name", "old", "expiresAt", "2020-01-01T00:00:00Z"));
    assertThat(past.status()).isEqualTo(422);
    assertThat(past.text("field")).isEqualTo("expiresAt");

    Api.Response issued =
        admin.post(
            "/api/v1/users/" + user + "/tokens",
            Map.of("name", "soon", "expiresAt", Instant.now().plusSeconds(3600).toString()));
    assertThat(issued.status()).isEqualTo(201);
    jdbc.sql("update api_tokens set expires_at = ? where id = ?")
        .params(
            java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC).minusMinutes(1),
            issued.text("id"))
        .update();
    Api.Response expired = admin.as(issued.text("token")).get("/api/v1/me");
    assertThat(expired.status()).isEqualTo(401);
    assertThat(expired.text("detail")).contains("expired");
  }

  @Test
  void anUnknownActionOrAnAccountActionIsRefusedWhenIssuing() {
    Team t = team();
    String user = t.usernames.get("developer");
    Api.Response typo =
        t.developer.post(
            "/api/v1/users/" + user + "/tokens",
            Map.of("name", "x", "scope", Map.of("actions", List.of("requirement:meet"))));
    assertThat(typo.status()).isEqualTo(422);
    assertThat(typo.text("field")).isEqualTo("scope.actions");
    assertThat(typo.text("detail")).contains("requirements:meet");
    Api.Response account =
        t.developer.post(
            "/api/v1/users/" + user + "/tokens",
            Map.of("name", "x", "scope", Map.of("actions", List.of("tokens:issue"))));
    assertThat(account.status()).isEqualTo(422);
  }

  @Test
  void theOpenApiDocumentNamesEachCommandsAction() {
    JsonNode doc = admin.get("/v3/api-docs").json();
    JsonNode meet =
        doc.path("paths").path("/api/v1/releases/{id}/requirements/{key}/meet").path("post");
    assertThat(meet.path("x-tollgate-scope").asString()).isEqualTo("requirements:meet");
    assertThat(meet.path("responses").has("403")).isTrue();
    assertThat(doc.path("paths").path("/api/v1/releases/{id}").path("get").has("x-tollgate-scope"))
        .isFalse();
  }

  @Test
  void theAccountPageIssuesAndListsALimitedToken() {
    Team t = team();
    String user = t.usernames.get("devops");
    assertThat(
            admin
                .put(
                    "/api/v1/users/" + user + "/password",
                    Map.of("password", "scoped token page password"))
                .status())
        .isEqualTo(204);
    WebSession web = new WebSession(port);
    assertThat(web.signIn(user, "scoped token page password")).isTrue();
    assertThat(web.get("/account").body()).contains("steps:complete").contains("name=\"readOnly\"");
    WebPage created =
        web.post(
            "/account/tokens",
            "name",
            "deploy pipeline",
            "products",
            t.product,
            "actions",
            "steps:complete, steps:start",
            "expires",
            "2999-01-01");
    assertThat(created.status()).isEqualTo(302);
    WebPage shown = web.get("/account");
    String token = shown.secret();
    assertThat(shown.body())
        .contains("products: " + t.product)
        .contains("actions: steps:complete, steps:start")
        .contains("2999-01-01");
    String id = ReleaseDriver.plan(t, "minor");
    Api.Response refused =
        admin.as(token).post(path(id) + "/requirements/ci-security/meet", evidence("https://x.y/"));
    assertThat(refused.text("missingScope")).isEqualTo("requirements:meet");
  }

  private static JsonNode token(Api api, String user, String id) {
    Api.Response list = api.get("/api/v1/users/" + user + "/tokens");
    assertThat(list.status()).isEqualTo(200);
    for (JsonNode n : list.json()) {
      if (n.path("id").asString().equals(id)) return n;
    }
    throw new AssertionError("token " + id + " not listed: " + list);
  }
}
