package io.tollgate.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.audit.internal.AuditStore;
import io.tollgate.audit.internal.ChainForm;
import io.tollgate.audit.internal.StoredEvent;
import io.tollgate.support.IntegrationTest;
import io.tollgate.support.ReleaseDriver;
import io.tollgate.support.Team;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Signed checkpoints prove the chain's length: events cut from its end, or rewritten with every
 * later hash recomputed, or reordered, in the database are found; a checkpoint whose signature was
 * altered is refused. Each test alters the chain directly in the database and puts it back.
 */
class AuditCheckpointIntegrationTests extends IntegrationTest {
  @Autowired AuditStore store;
  @Autowired AuditCheckpoints checkpoints;

  @Test
  void aCheckpointIsSignedWithTheExportedPublicKeyAndAValidChainVerifiesAgainstIt()
      throws Exception {
    ReleaseDriver.plan(team(), "minor");
    JsonNode cp = admin.get("/api/v1/audit/checkpoint").json();
    String pem = admin.get("/api/v1/audit/public-key").body();

    // checked with the JDK alone, as openssl pkeyutl -verify -rawin would
    assertThat(signatureValid(pem, message(cp), cp.path("signature").asString())).isTrue();
    assertThat(cp.path("hash").asString()).isEqualTo(store.head().hash());
    JsonNode v = admin.post("/api/v1/audit/verify", cp).json();
    assertThat(v.path("ok").asBoolean()).as(v.toString()).isTrue();
    assertThat(v.path("checkpointSeq").asLong()).isEqualTo(cp.path("seq").asLong());
    assertThat(v.path("truncated").asBoolean()).isFalse();
    JsonNode byQuery =
        admin
            .get(
                "/api/v1/audit/verify?seq="
                    + cp.path("seq").asLong()
                    + "&hash="
                    + cp.path("hash").asString()
                    + "&at="
                    + cp.path("at").asString()
                    + "&signature="
                    + java.net.URLEncoder.encode(
                        cp.path("signature").asString(), StandardCharsets.UTF_8))
            .json();
    assertThat(byQuery.path("ok").asBoolean()).as(byQuery.toString()).isTrue();
  }

  @Test
  void thePublicKeyIsPlainTextByDefaultAndJsonWhenAskedFor() throws Exception {
    JsonNode cp = admin.get("/api/v1/audit/checkpoint").json();
    var plain = admin.get("/api/v1/audit/public-key");
    assertThat(plain.status()).isEqualTo(200);
    assertThat(plain.contentType()).startsWith("text/plain");
    assertThat(plain.body()).startsWith("-----BEGIN PUBLIC KEY-----");
    for (String accept : List.of("*/*", "text/plain", "text/*", "application/json;q=0.5, */*")) {
      var r = admin.get("/api/v1/audit/public-key", accept);
      assertThat(r.status()).as(accept).isEqualTo(200);
      assertThat(r.body()).as(accept).isEqualTo(plain.body());
    }

    for (String accept :
        List.of(
            "application/json",
            "application/json, text/plain",
            "text/plain;q=0.1, application/json")) {
      var json = admin.get("/api/v1/audit/public-key", accept);
      assertThat(json.status()).as(json.toString()).isEqualTo(200);
      assertThat(json.contentType()).startsWith("application/json");
      assertThat(json.json().path("pem").asString()).isEqualTo(plain.body());
      assertThat(json.json().path("algorithm").asString()).isEqualTo("Ed25519");
      assertThat(json.json().path("keyId").asString()).isEqualTo(cp.path("keyId").asString());
    }
    assertThat(
            signatureValid(
                admin
                    .get("/api/v1/audit/public-key", "application/json")
                    .json()
                    .path("pem")
                    .asString(),
                message(cp),
                cp.path("signature").asString()))
        .isTrue();
  }

  @Test
  void aCheckpointWhoseSignatureOrContentWasAlteredIsRefused() {
    ReleaseDriver.plan(team(), "minor");
    JsonNode cp = admin.get("/api/v1/audit/checkpoint").json();
    String sig = cp.path("signature").asString();
    Map<String, Object> altered = asMap(cp);
    altered.put("signature", (sig.charAt(0) == 'A' ? "B" : "A") + sig.substring(1));
    Map<String, Object> otherSeq = asMap(cp);
    otherSeq.put("seq", cp.path("seq").asLong() - 1);

    var refused = admin.post("/api/v1/audit/verify", altered);
    assertThat(refused.status()).isEqualTo(422);
    assertThat(refused.text("detail")).contains("signature does not match");
    assertThat(admin.post("/api/v1/audit/verify", otherSeq).status()).isEqualTo(422);
  }

  @Test
  void checkpointsAndVerificationAreTheAdministrators() {
    Team t = team();
    JsonNode cp = admin.get("/api/v1/audit/checkpoint").json();
    assertThat(t.rm.get("/api/v1/audit/checkpoint").status()).isEqualTo(403);
    assertThat(t.rm.get("/api/v1/audit/public-key").status()).isEqualTo(403);
    assertThat(t.rm.post("/api/v1/audit/verify", cp).status()).isEqualTo(403);
    // who may call is decided before the body is read: an empty body is no way to learn more
    assertThat(t.rm.post("/api/v1/audit/verify", java.util.Map.of()).status()).isEqualTo(403);
    assertThat(admin.post("/api/v1/audit/verify", java.util.Map.of()).status()).isEqualTo(422);
  }

  @Test
  void theScheduledExportWritesACheckpointAndThePublicKeyToTheAuditorsDirectory() throws Exception {
    ReleaseDriver.plan(team(), "minor");
    auditChained(); // the plan's events are chained, so the head read below is the exported one
    Path file = checkpoints.export();

    assertThat(file).isNotNull().exists();
    JsonNode cp = tools.jackson.databind.json.JsonMapper.builder().build().readTree(file.toFile());
    assertThat(cp.path("seq").asLong()).isEqualTo(store.head().seq());
    Path key = file.resolveSibling("audit-public-key-" + cp.path("keyId").asString() + ".pem");
    assertThat(signatureValid(Files.readString(key), message(cp), cp.path("signature").asString()))
        .isTrue();
    assertThat(admin.post("/api/v1/audit/verify", cp).json().path("ok").asBoolean()).isTrue();
  }

  @Test
  void deletingTheLastEventsAndMovingTheHeadIsFoundAgainstACheckpoint() {
    ReleaseDriver.plan(team(), "minor");
    JsonNode cp = admin.get("/api/v1/audit/checkpoint").json();
    long seq = cp.path("seq").asLong();

    withChainRestoredAfter(
        seq - 3,
        () -> {
          jdbc.sql("delete from audit_events where seq > ?").param(seq - 2).update();
          jdbc.sql(
                  "update audit_head set seq = ?, hash = (select hash from audit_events where seq"
                      + " = ?) where id = 1")
              .params(seq - 2, seq - 2)
              .update();

          assertThat(admin.get("/api/v1/audit/verify").json().path("ok").asBoolean()).isTrue();
          JsonNode v = admin.post("/api/v1/audit/verify", cp).json();
          assertThat(v.path("ok").asBoolean()).isFalse();
          assertThat(v.path("truncated").asBoolean()).as(v.toString()).isTrue();
          assertThat(v.path("firstBrokenSeq").asLong()).isEqualTo(seq - 1);
        });
    assertThat(admin.post("/api/v1/audit/verify", cp).json().path("ok").asBoolean()).isTrue();
  }

  @Test
  void anEventRewrittenWithEveryLaterHashRecomputedIsFound() {
    ReleaseDriver.plan(team(), "minor");
    JsonNode cp = admin.get("/api/v1/audit/checkpoint").json();
    long seq = cp.path("seq").asLong();
    long target = seq - 2;

    withChainRestoredAfter(
        target - 1,
        () -> {
          jdbc.sql("update audit_events set actor = 'mallory' where seq = ?")
              .param(target)
              .update();
          recomputeHashesAfter(target - 1);

          JsonNode plain = admin.get("/api/v1/audit/verify").json();
          assertThat(plain.path("ok").asBoolean()).isFalse();
          assertThat(plain.path("rewritten").asBoolean()).as(plain.toString()).isTrue();
          assertThat(plain.path("firstBrokenSeq").asLong()).isEqualTo(target);
          JsonNode against = admin.post("/api/v1/audit/verify", cp).json();
          assertThat(against.path("rewritten").asBoolean()).isTrue();
        });
    assertThat(admin.get("/api/v1/audit/verify").json().path("ok").asBoolean()).isTrue();
  }

  @Test
  void twoEventsSwappedInTheDatabaseAreReportedAsReordered() {
    ReleaseDriver.plan(team(), "minor");
    auditChained();
    long seq = store.head().seq();

    withChainRestoredAfter(
        seq - 2,
        () -> {
          jdbc.sql("update audit_events set seq = -1 where seq = ?").param(seq - 1).update();
          jdbc.sql("update audit_events set seq = ? where seq = ?").params(seq - 1, seq).update();
          jdbc.sql("update audit_events set seq = ? where seq = -1").param(seq).update();

          JsonNode v = admin.get("/api/v1/audit/verify").json();
          assertThat(v.path("ok").asBoolean()).isFalse();
          assertThat(v.path("reordered").asBoolean()).as(v.toString()).isTrue();
          assertThat(v.path("firstBrokenSeq").asLong()).isEqualTo(seq - 1);
        });
    assertThat(admin.get("/api/v1/audit/verify").json().path("ok").asBoolean()).isTrue();
  }

  /** What someone with write access to the database but not the audit key can do. */
  private void recomputeHashesAfter(long from) {
    String prev =
        jdbc.sql("select hash from audit_events where seq = ?")
            .param(from)
            .query(String.class)
            .single();
    for (StoredEvent e : store.stored(from, 1000)) {
      String hash = ChainForm.hash(e.form(), prev, e.fields());
      jdbc.sql("update audit_events set prev_hash = ?, hash = ? where seq = ?")
          .params(prev, hash, e.seq())
          .update();
      prev = hash;
    }
    jdbc.sql("update audit_head set hash = ? where id = 1").param(prev).update();
  }

  /** Runs the change with the events after {@code seq} and the head saved, then puts them back. */
  private void withChainRestoredAfter(long seq, Runnable change) {
    AuditStore.Head head = store.head();
    jdbc.sql("create table audit_events_saved as select * from audit_events where seq > " + seq)
        .update();
    try {
      change.run();
    } finally {
      jdbc.sql("delete from audit_events where seq > ? or seq < 0").param(seq).update();
      jdbc.sql("insert into audit_events select * from audit_events_saved").update();
      jdbc.sql("drop table audit_events_saved").update();
      jdbc.sql("update audit_head set seq = ?, hash = ? where id = 1")
          .params(head.seq(), head.hash())
          .update();
    }
  }

  private static String message(JsonNode cp) {
    return "tollgate-audit-checkpoint:v1:"
        + cp.path("seq").asLong()
        + ":"
        + cp.path("hash").asString()
        + ":"
        + cp.path("at").asString();
  }

  private static boolean signatureValid(String pem, String message, String signature)
      throws Exception {
    String base64 =
        pem.replace("-----BEGIN PUBLIC KEY-----", "")
            .replace("-----END PUBLIC KEY-----", "")
            .replaceAll("\\s", "");
    PublicKey key =
        KeyFactory.getInstance("Ed25519")
            .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64)));
    Signature s = Signature.getInstance("Ed25519");
    s.initVerify(key);
    s.update(message.getBytes(StandardCharsets.UTF_8));
    return s.verify(Base64.getDecoder().decode(signature));
  }

  private static Map<String, Object> asMap(JsonNode cp) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (String name : List.of("seq", "hash", "at", "keyId", "signature")) {
      JsonNode v = cp.path(name);
      m.put(name, v.isNumber() ? (Object) v.asLong() : v.asString());
    }
    return m;
  }
}
