package io.tollgate.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.audit.AuditPublicKey;
import io.tollgate.audit.Checkpoint;
import io.tollgate.audit.Verification;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The offline check of a pack, without a server: what an auditor's own tooling does. */
class EvidenceCheckTests {
  static final String GENESIS = "0".repeat(64);

  @Test
  void aPackAsExportedChecks() throws Exception {
    KeyPair keys = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    EvidencePack pack = pack(keys, "{\"action\":\"release.planned\",\"seq\":1}");
    EvidenceCheck check = EvidenceCheck.of(pack, pem(keys));
    assertThat(check.altered()).isEmpty();
    assertThat(check.checkpointSigned()).isTrue();
    assertThat(check.headSigned()).isTrue();
    assertThat(check.ok()).isTrue();
  }

  @Test
  void anAlteredCanonicalFormAnotherKeyOrAnotherHeadDoNotCheck() throws Exception {
    KeyPair keys = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    EvidencePack pack = pack(keys, "{\"action\":\"release.planned\",\"seq\":1}");
    EvidencePack.Event first = pack.audit().events().get(0);
    EvidencePack.Event forged =
        new EvidencePack.Event(
            first.seq(),
            first.type(),
            "mallory",
            first.actorKind(),
            first.at(),
            first.payload(),
            first.prevHash(),
            first.hash(),
            first.form(),
            first.canonical().replace("release.planned", "release.cancelled"));
    EvidencePack altered =
        with(pack, List.of(forged, pack.audit().events().get(1)), pack.audit().head());
    assertThat(EvidenceCheck.of(altered, pem(keys)).altered()).containsExactly(1L);

    KeyPair other = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    assertThat(EvidenceCheck.of(pack, pem(other)).checkpointSigned()).isFalse();
    assertThat(EvidenceCheck.of(pack, "not a key").checkpointSigned()).isFalse();

    EvidencePack otherHead =
        with(pack, pack.audit().events(), new EvidencePack.Head(1, "f".repeat(64)));
    EvidenceCheck moved = EvidenceCheck.of(otherHead, pem(keys));
    assertThat(moved.headSigned()).isFalse();
    assertThat(moved.ok()).isFalse();
  }

  @Test
  void theHashIsSha256OverThePreviousHashAndTheCanonicalForm() {
    // sha256 of "0"*64 followed by "{}", as `printf '%s%s' "$prev" '{}' | sha256sum` prints it
    assertThat(EvidenceCheck.hash(GENESIS, "{}"))
        .isEqualTo("5508d2b710e64bc470079e1b211d9c58e21011e59d0559e422345dc19d659a75");
  }

  private static EvidencePack pack(KeyPair keys, String firstCanonical) throws Exception {
    String h1 = EvidenceCheck.hash(GENESIS, firstCanonical);
    String second = "{\"action\":\"decision.recorded\",\"seq\":2}";
    String h2 = EvidenceCheck.hash(h1, second);
    List<EvidencePack.Event> events =
        List.of(event(1, GENESIS, h1, firstCanonical), event(2, h1, h2, second));
    String at = "2026-12-02T02:00:00Z";
    Signature signer = Signature.getInstance("Ed25519");
    signer.initSign(keys.getPrivate());
    signer.update(Checkpoint.message(2, h2, at).getBytes(StandardCharsets.UTF_8));
    Checkpoint cp =
        new Checkpoint(2, h2, at, "key", Base64.getEncoder().encodeToString(signer.sign()));
    return new EvidencePack(
        EvidencePack.FORMAT_VERSION,
        null,
        null,
        List.of(),
        List.of(),
        List.of(),
        List.of(),
        List.of(),
        new EvidencePack.AuditEvidence(
            events,
            new EvidencePack.Head(2, h2),
            cp,
            new AuditPublicKey("key", "Ed25519", pem(keys)),
            Verification.intact(2, 2L)));
  }

  private static EvidencePack with(
      EvidencePack pack, List<EvidencePack.Event> events, EvidencePack.Head head) {
    EvidencePack.AuditEvidence a = pack.audit();
    return new EvidencePack(
        pack.formatVersion(),
        pack.exportedAt(),
        pack.release(),
        pack.requirements(),
        pack.decisions(),
        pack.deployments(),
        pack.handoffs(),
        pack.incidents(),
        new EvidencePack.AuditEvidence(
            events, head, a.checkpoint(), a.publicKey(), a.verification()));
  }

  private static EvidencePack.Event event(long seq, String prev, String hash, String canonical) {
    return new EvidencePack.Event(
        seq, "release.planned", "rita", "person", null, Map.of(), prev, hash, 2, canonical);
  }

  private static String pem(KeyPair keys) {
    return "-----BEGIN PUBLIC KEY-----\n"
        + Base64.getMimeEncoder().encodeToString(keys.getPublic().getEncoded())
        + "\n-----END PUBLIC KEY-----\n";
  }
}
