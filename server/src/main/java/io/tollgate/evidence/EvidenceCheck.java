package io.tollgate.evidence;

import io.tollgate.audit.Checkpoint;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/**
 * The offline check of an evidence pack, as an auditor runs it (the README gives the same check as
 * a shell script): every event's hash is recomputed as SHA-256 over its {@code prevHash} and its
 * canonical form, and the checkpoint's Ed25519 signature over {@code
 * tollgate-audit-checkpoint:v1:<seq>:<hash>:<at>} is verified with a public key the auditor trusts
 * (the one they kept, or the pack's own).
 *
 * @param altered the sequence numbers of the events whose hash does not recompute
 * @param checkpointSigned whether the checkpoint's signature verifies with the key
 * @param headSigned whether the pack's head is the one the checkpoint signed
 */
public record EvidenceCheck(List<Long> altered, boolean checkpointSigned, boolean headSigned) {

  /** Whether every event recomputes and the signed checkpoint is the pack's head. */
  public boolean ok() {
    return altered.isEmpty() && checkpointSigned && headSigned;
  }

  /** Checks the pack with the public key (PEM, SubjectPublicKeyInfo) the auditor trusts. */
  public static EvidenceCheck of(EvidencePack pack, String publicKeyPem) {
    List<Long> altered = new ArrayList<>();
    for (EvidencePack.Event e : pack.audit().events()) {
      if (!hash(e.prevHash(), e.canonical()).equals(e.hash())) altered.add(e.seq());
    }
    Checkpoint cp = pack.audit().checkpoint();
    EvidencePack.Head head = pack.audit().head();
    return new EvidenceCheck(
        List.copyOf(altered),
        signed(cp, publicKeyPem),
        head.seq() == cp.seq() && head.hash().equals(cp.hash()));
  }

  /** SHA-256 over the UTF-8 bytes of the previous hash followed by the canonical form, as hex. */
  public static String hash(String prevHash, String canonical) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(prevHash.getBytes(StandardCharsets.UTF_8));
      sha.update(canonical.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(sha.digest());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Whether the checkpoint's signature verifies over its message with the Ed25519 key. */
  public static boolean signed(Checkpoint checkpoint, String publicKeyPem) {
    if (checkpoint.signature() == null) return false;
    try {
      Signature verifier = Signature.getInstance("Ed25519");
      verifier.initVerify(publicKey(publicKeyPem));
      verifier.update(checkpoint.message().getBytes(StandardCharsets.UTF_8));
      return verifier.verify(Base64.getDecoder().decode(checkpoint.signature()));
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      return false;
    }
  }

  private static PublicKey publicKey(String pem) throws GeneralSecurityException {
    String base64 =
        pem.replace("-----BEGIN PUBLIC KEY-----", "")
            .replace("-----END PUBLIC KEY-----", "")
            .replaceAll("\\s", "");
    return KeyFactory.getInstance("Ed25519")
        .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64)));
  }
}
