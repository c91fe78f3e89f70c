package io.tollgate.evidence;

import static io.tollgate.support.ReleaseDriver.ok;
import static io.tollgate.support.ReleaseDriver.path;
import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.audit.Checkpoint;
import io.tollgate.support.Api;
import io.tollgate.support.IntegrationTest;
import io.tollgate.support.ReleaseDriver;
import io.tollgate.support.Team;
import io.tollgate.support.WebSession;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The evidence pack of a release taken through go, production and an incident holds every part, and
 * an auditor can re-check it offline: every event's hash from its prevHash and canonical form, the
 * checkpoint's signature with the public key; an event altered in the database shows.
 */
class EvidencePackIntegrationTests extends IntegrationTest {

  /** A release prepared, handed off and acknowledged, decided go, deployed, with an incident. */
  private String throughGoDeployAndIncident(Team t) {
    String id = ReleaseDriver.plan(t, "minor");
    ReleaseDriver.prepare(t, id);
    ok(t.rm.post(path(id) + "/handoffs/qa-to-rm/acknowledge", Map.of()));
    ReleaseDriver.go(t, id);
    ok(
        t.devops.post(
            path(id) + "/steps/deploy-production/complete", Map.of("outcome", "succeeded")));
    ok(
        t.devops.post(
            path(id) + "/steps/verify-production/complete", Map.of("outcome", "succeeded")));
    Api.Response incident =
        t.developer.post(
            path(id) + "/incidents", Map.of("severity", "high", "summary", "Checkout slow"));
    assertThat(incident.status()).as(incident.toString()).isEqualTo(201);
    return id;
  }

  @Test
  void thePackOfAReleaseThroughGoDeployAndAnIncidentHoldsEveryPartAndVerifies()
      throws java.io.IOException {
    Team t = team();
    String id = throughGoDeployAndIncident(t);

    Api.Response answered = ok(t.developer.get(path(id) + "/evidence"));
    JsonNode pack = answered.json();
    // kept for the README's offline check, run by hand against a real pack
    java.nio.file.Files.writeString(
        java.nio.file.Path.of("target", "evidence-pack.json"), answered.body());

    assertThat(pack.path("formatVersion").asInt()).isEqualTo(2);
    assertThat(pack.path("release").path("id").asString()).isEqualTo(id);
    JsonNode acceptance = find(pack.path("requirements"), "key", "acceptance-criteria");
    assertThat(acceptance.path("status").asString()).isEqualTo("met");
    assertThat(acceptance.path("evidenceUrl").asString())
        .isEqualTo("https://tracker.example/epic/1");
    JsonNode trained = find(pack.path("requirements"), "key", "support-trained");
    assertThat(trained.path("signers")).hasSize(2);
    assertThat(trained.path("signers").get(0).path("by").asString())
        .isEqualTo(t.usernames.get("release-manager"));

    JsonNode go = pack.path("decisions").get(0);
    assertThat(go.path("decision").asString()).isEqualTo("go");
    assertThat(go.path("rationale").asString()).isEqualTo("all gates met");
    assertThat(
            find(go.path("snapshot").path("steps"), "key", "deploy-staging")
                .path("outcome")
                .asString())
        .isEqualTo("succeeded");
    assertThat(go.path("snapshot").path("requirements")).isNotEmpty();

    JsonNode production = find(pack.path("deployments"), "environment", "production");
    assertThat(production.path("outcome").asString()).isEqualTo("succeeded");
    assertThat(production.path("by").asString()).isEqualTo(t.usernames.get("devops"));
    JsonNode verify = find(production.path("checks"), "step", "verify-production");
    assertThat(verify.path("outcome").asString()).isEqualTo("succeeded");
    JsonNode staging = find(pack.path("deployments"), "environment", "staging");
    assertThat(find(staging.path("checks"), "step", "smoke-staging").path("outcome").asString())
        .isEqualTo("succeeded");

    JsonNode handoff = find(pack.path("handoffs"), "key", "qa-to-rm");
    assertThat(handoff.path("status").asString()).isEqualTo("acknowledged");
    assertThat(handoff.path("acknowledgedBy").asString())
        .isEqualTo(t.usernames.get("release-manager"));
    assertThat(handoff.path("waitSeconds").isNumber()).as(handoff.toString()).isTrue();
    assertThat(handoff.path("waitSeconds").asLong()).isGreaterThanOrEqualTo(0);

    JsonNode incident = pack.path("incidents").get(0);
    assertThat(incident.path("summary").asString()).isEqualTo("Checkout slow");
    assertThat(incident.path("severity").asString()).isEqualTo("high");

    JsonNode audit = pack.path("audit");
    List<String> types = new ArrayList<>();
    audit.path("events").forEach(e -> types.add(e.path("type").asString()));
    assertThat(types)
        .contains(
            "release.planned",
            "requirement.met",
            "decision.recorded",
            "handoff.acknowledged",
            "deployment.succeeded",
            "incident.opened");
    for (JsonNode e : audit.path("events")) {
      assertThat(EvidenceCheck.hash(e.path("prevHash").asString(), e.path("canonical").asString()))
          .as("event %s recomputes", e.path("seq"))
          .isEqualTo(e.path("hash").asString());
      assertThat(e.path("canonical").asString()).contains("\"seq\":" + e.path("seq").asLong());
      assertThat(e.has("actor") && e.has("at") && e.path("payload").isObject()).isTrue();
    }
    JsonNode cp = audit.path("checkpoint");
    assertThat(audit.path("head").path("seq").asLong()).isEqualTo(cp.path("seq").asLong());
    assertThat(audit.path("head").path("hash").asString()).isEqualTo(cp.path("hash").asString());
    String pem = admin.get("/api/v1/audit/public-key", "text/plain").body();
    assertThat(audit.path("publicKey").path("pem").asString()).isEqualTo(pem);
    assertThat(EvidenceCheck.signed(checkpoint(cp), pem)).isTrue();
    assertThat(audit.path("verification").path("ok").asBoolean()).isTrue();
    assertThat(audit.path("verification").path("checkpointSeq").asLong())
        .isEqualTo(cp.path("seq").asLong());

    // a read-only token of a member reads it as well
    Api readOnly = t.scoped("release-manager", Map.of("readOnly", true));
    assertThat(readOnly.get(path(id) + "/evidence").status()).isEqualTo(200);
  }

  @Test
  void anEventAlteredInTheDatabaseShowsInThePack() {
    Team t = team();
    String id = ReleaseDriver.plan(t, "minor");
    auditChained();
    long seq =
        jdbc.sql("select seq from audit_events where release_id = ? and action = 'release.planned'")
            .param(id)
            .query(Long.class)
            .single();
    String original =
        jdbc.sql("select actor from audit_events where seq = ?")
            .param(seq)
            .query(String.class)
            .single();
    try {
      jdbc.sql("update audit_events set actor = 'mallory' where seq = ?").param(seq).update();
      JsonNode audit = ok(t.rm.get(path(id) + "/evidence")).json().path("audit");
      JsonNode verification = audit.path("verification");
      assertThat(verification.path("ok").asBoolean()).isFalse();
      assertThat(verification.path("rewritten").asBoolean()).isTrue();
      assertThat(verification.path("firstBrokenSeq").asLong()).isEqualTo(seq);
      JsonNode altered = find(audit.path("events"), "seq", Long.toString(seq));
      assertThat(altered.path("actor").asString()).isEqualTo("mallory");
      assertThat(altered.path("canonical").asString()).contains("\"actor\":\"mallory\"");
      assertThat(
              EvidenceCheck.hash(
                  altered.path("prevHash").asString(), altered.path("canonical").asString()))
          .isNotEqualTo(altered.path("hash").asString());
    } finally {
      jdbc.sql("update audit_events set actor = ? where seq = ?").params(original, seq).update();
    }
    assertThat(
            ok(t.rm.get(path(id) + "/evidence"))
                .json()
                .path("audit")
                .path("verification")
                .path("ok")
                .asBoolean())
        .isTrue();
  }

  @Test
  void toAnyoneOutsideTheProductTheReleaseHasNoPack() {
    Team t = team();
    String id = ReleaseDriver.plan(t, "minor");
    Team other = team();
    Api.Response r = other.rm.get(path(id) + "/evidence");
    assertThat(r.status()).isEqualTo(404);
    assertThat(r.body()).contains(id);
    assertThat(other.rm.get(path(id) + "/evidence", "text/html").status()).isEqualTo(404);
  }

  @Test
  void thePackIsAPrintablePageAndTheReleasePageLinksToIt() {
    Team t = team();
    String id = throughGoDeployAndIncident(t);

    Api.Response html = ok(t.qa.get(path(id) + "/evidence", "text/html"));
    assertThat(html.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
    assertThat(html.body())
        .contains("Evidence pack")
        .contains("@media print")
        .contains("Audit chain verified")
        .contains("Checkout slow")
        .contains("https://tracker.example/epic/1")
        .contains("data-deployment=\"production\"")
        .contains("data-handoff=\"qa-to-rm\"");

    String qa = t.usernames.get("qa-lead");
    admin.put("/api/v1/users/" + qa + "/password", Map.of("password", "evidence pack password"));
    WebSession web = new WebSession(port);
    assertThat(web.signIn(qa, "evidence pack password")).isTrue();
    assertThat(web.get("/releases/" + id).body()).contains("/releases/" + id + "/evidence");
    String page = web.get("/releases/" + id + "/evidence").body();
    assertThat(page).contains("Audit chain verified").contains("data-decision=\"1\"");
  }

  private static Checkpoint checkpoint(JsonNode cp) {
    return new Checkpoint(
        cp.path("seq").asLong(),
        cp.path("hash").asString(),
        cp.path("at").asString(),
        cp.path("keyId").asString(),
        cp.path("signature").asString());
  }

  private static JsonNode find(JsonNode list, String field, String value) {
    for (JsonNode n : list) {
      if (n.path(field).asString().equals(value)) return n;
    }
    throw new AssertionError("no " + field + "=" + value + " in " + list);
  }
}
