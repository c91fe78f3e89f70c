package io.tollgate.audit;

/**
 * A signed statement of the audit chain's head: "at {@code at}, the chain held {@code seq} events
 * and the last one's hash was {@code hash}". Signed with Ed25519 by a key the database does not
 * hold; an auditor keeps checkpoints, and a later verification against one finds events cut from
 * the end or rewritten before it.
 *
 * <p>The signed bytes are {@link #message()}: {@code
 * tollgate-audit-checkpoint:v1:<seq>:<hash>:<at>} in UTF-8, so {@code openssl pkeyutl -verify
 * -rawin} can check a checkpoint with the exported public key. {@code signature} is base64; {@code
 * keyId} the first 16 hex characters of the SHA-256 of the public key's DER encoding.
 */
public record Checkpoint(long seq, String hash, String at, String keyId, String signature) {
  public static final String PREFIX = "tollgate-audit-checkpoint:v1:";

  /** The bytes the signature covers. */
  public String message() {
    return message(seq, hash, at);
  }

  public static String message(long seq, String hash, String at) {
    return PREFIX + seq + ":" + hash + ":" + at;
  }
}
