package io.tollgate.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.support.Api;
import io.tollgate.support.IntegrationTest;
import io.tollgate.support.Team;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The answers typed as records keep the exact JSON of contract v1 (../shared/docs/api.md): the same
 * field names, no more and no fewer, null fields included. A renamed record component, or one added
 * by accident, fails here.
 */
class ResponseShapesIntegrationTests extends IntegrationTest {

  @Test
  void aProductAndWhoTheCallerIs() {
    Team t = team();
    JsonNode product = ok(t.rm.get("/api/v1/products/" + t.product));
    assertFields(product, "key", "name", "process", "environments", "members", "createdAt");
    assertFields(
        product.path("environments").get(0),
        "name",
        "currentVersion",
        "currentRelease",
        "since",
        "lastKnownGood",
        "lastKnownGoodRelease");
    assertFields(product.path("members").get(0), "username", "roles");
    JsonNode listed = ok(admin.get("/api/v1/products"));
    assertFields(listed.get(0), "key", "name", "process", "environments", "members", "createdAt");

    JsonNode me = ok(t.qa.get("/api/v1/me"));
    assertFields(me, "username", "admin", "memberships");
    assertFields(me.path("memberships").get(0), "product", "roles");
    assertFields(ok(t.qa.get("/api/v1/ping")), "ok", "username");
    assertThat(ok(t.qa.get("/api/v1/ping")).path("ok").asBoolean()).isTrue();
  }

  @Test
  void aProcessAsJson() {
    JsonNode listed = ok(admin.get("/api/v1/processes"));
    assertFields(listed.get(0), "id", "version", "name");
    JsonNode p = ok(admin.get("/api/v1/processes/octoacme-standard"));
    assertFields(
        p,
        "id",
        "version",
        "name",
        "description",
        "roles",
        "requirements",
        "steps",
        "handoffs",
        "playbook",
        "notesTemplate");
    assertFields(p.path("roles").get(0), "key", "name", "responsibilities");
    assertFields(
        p.path("requirements").get(0),
        "key",
        "title",
        "description",
        "owner",
        "signers",
        "appliesTo",
        "metBy",
        "check");
    assertFields(
        p.path("steps").get(0),
        "key",
        "title",
        "description",
        "owner",
        "kind",
        "environment",
        "optional",
        "after",
        "requires",
        "meets",
        "incidentOnFailure",
        "appliesTo");
    assertFields(
        p.path("handoffs").get(0), "key", "from", "to", "handsOver", "trigger", "appliesTo");
    assertFields(p.path("playbook"), "trigger", "steps");
    assertFields(
        p.path("playbook").path("steps").get(0),
        "key",
        "title",
        "owner",
        "optional",
        "after",
        "action",
        "environment");
    assertFields(p.path("notesTemplate"), "fields", "template");
    assertFields(
        p.path("notesTemplate").path("fields").get(0),
        "key",
        "label",
        "owner",
        "list",
        "requiredFor");
    assertThat(p.path("requirements").get(0).path("check").asString()).isNotBlank();
    assertThat(p.path("steps").get(0).path("appliesTo").isArray()).isTrue();
  }

  static JsonNode ok(Api.Response r) {
    assertThat(r.status()).as(r.toString()).isBetween(200, 201);
    return r.json();
  }

  static void assertFields(JsonNode node, String... fields) {
    Set<String> actual = new TreeSet<>();
    node.propertyNames().forEach(actual::add);
    assertThat(actual).as("fields of %s", node).isEqualTo(new TreeSet<>(Set.of(fields)));
  }
}
