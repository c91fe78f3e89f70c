package io.tollgate.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.support.Api;
import io.tollgate.support.IntegrationTest;
import io.tollgate.support.ReleaseDriver;
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
        "requiredFor",
        "atDecision",
        "customerFacing");
    assertThat(p.path("requirements").get(0).path("check").asString()).isNotBlank();
    assertThat(p.path("steps").get(0).path("appliesTo").isArray()).isTrue();
  }

  @Test
  void aReleaseItsListItsNotesAndItsAudit() {
    Team t = team();
    String id = ReleaseDriver.plan(t, "minor");
    ReleaseDriver.release(t, id);
    JsonNode r = ok(t.rm.get(ReleaseDriver.path(id)));
    assertFields(
        r,
        "id",
        "product",
        "version",
        "type",
        "name",
        "status",
        "process",
        "window",
        "createdBy",
        "createdAt",
        "requirements",
        "steps",
        "handoffs",
        "decision",
        "decisions",
        "goBlockers",
        "approvals",
        "next",
        "notes",
        "notesMissing",
        "deployments",
        "incidents",
        "cancellation",
        "rollback",
        "revision",
        "commit",
        "ref");
    assertFields(r.path("process"), "id", "version");
    assertFields(
        requirement(r, "acceptance-criteria"),
        "key",
        "title",
        "owner",
        "status",
        "evidence",
        "by",
        "at");
    assertFields(
        requirement(r, "support-trained"),
        "key",
        "title",
        "owner",
        "status",
        "evidence",
        "by",
        "at",
        "signers",
        "signatures");
    assertFields(
        requirement(r, "smoke-tests"),
        "key",
        "title",
        "owner",
        "status",
        "evidence",
        "by",
        "at",
        "metBy");
    assertFields(
        r.path("steps").get(0),
        "key",
        "title",
        "owner",
        "kind",
        "environment",
        "status",
        "optional",
        "dependsOn",
        "requires",
        "by",
        "at",
        "note",
        "evidence",
        "outcome",
        "attempts",
        "blockers");
    assertFields(
        r.path("handoffs").get(0),
        "key",
        "from",
        "to",
        "handsOver",
        "trigger",
        "status",
        "handedAt",
        "handedBy",
        "acknowledgedAt",
        "acknowledgedBy");
    assertFields(r.path("next").get(0), "key", "title", "owner");
    assertFields(
        r.path("decision"),
        "decision",
        "rationale",
        "by",
        "at",
        "snapshot",
        "commit",
        "stale",
        "staleBecause");
    assertFields(
        r.path("decisions").get(0),
        "decision",
        "rationale",
        "by",
        "at",
        "snapshot",
        "commit",
        "stale",
        "staleBecause");
    assertFields(
        r.path("decision").path("snapshot"), "requirements", "steps", "approvals", "overrides");
    assertFields(r.path("approvals"), "required", "given");
    assertFields(
        r.path("decision").path("snapshot").path("requirements").get(0),
        "key",
        "status",
        "evidence",
        "by",
        "at",
        "signatures");
    assertFields(
        r.path("decision").path("snapshot").path("steps").get(0),
        "key",
        "status",
        "outcome",
        "by",
        "at",
        "note");
    assertFields(
        r.path("deployments").get(0), "environment", "version", "outcome", "by", "at", "step");
    assertFields(
        r.path("notes"),
        "summary",
        "notableChanges",
        "migrationSteps",
        "knownIssues",
        "customerSummary",
        "customerChanges");

    JsonNode page = ok(t.rm.get("/api/v1/products/" + t.product + "/releases"));
    assertFields(page, "items", "page", "size", "total");
    assertFields(
        page.path("items").get(0),
        "id",
        "product",
        "version",
        "type",
        "name",
        "status",
        "window",
        "createdAt",
        "revision");
    JsonNode notes = ok(t.rm.get(ReleaseDriver.path(id) + "/notes", "application/json"));
    assertFields(
        notes,
        "summary",
        "notableChanges",
        "migrationSteps",
        "knownIssues",
        "customerSummary",
        "customerChanges",
        "complete",
        "markdown");
    JsonNode audit = ok(t.rm.get(ReleaseDriver.path(id) + "/audit"));
    assertFields(
        audit.get(0),
        "seq",
        "at",
        "actor",
        "action",
        "subject",
        "details",
        "prevHash",
        "hash",
        "type",
        "actorKind",
        "product",
        "payloadVersion");
    assertThat(audit.get(0).path("details").isObject()).isTrue();
  }

  @Test
  void anIncident() {
    Team t = team();
    String id = ReleaseDriver.plan(t, "minor");
    JsonNode incident =
        ok(
            t.rm.post(
                ReleaseDriver.path(id) + "/incidents",
                java.util.Map.of("severity", "high", "summary", "Checkout slow")));
    assertFields(
        incident,
        "id",
        "release",
        "product",
        "version",
        "severity",
        "summary",
        "status",
        "openedBy",
        "openedAt",
        "cause",
        "steps",
        "timeline",
        "rollback",
        "rollbackTarget",
        "rootCause",
        "actionItems",
        "resolvedBy",
        "resolvedAt",
        "revision");
    assertFields(
        incident.path("steps").get(0),
        "key",
        "title",
        "owner",
        "optional",
        "action",
        "status",
        "by",
        "at",
        "note");
  }

  private static JsonNode requirement(JsonNode release, String key) {
    return release
        .path("requirements")
        .valueStream()
        .filter(q -> q.path("key").asString().equals(key))
        .findFirst()
        .orElseThrow();
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
