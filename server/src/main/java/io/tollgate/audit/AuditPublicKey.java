package io.tollgate.audit;

/**
 * The public key that verifies audit checkpoints, as JSON: the same PEM as the plain-text form,
 * with the key id checkpoints name and the algorithm.
 *
 * @param keyId the first 16 hex characters of the SHA-256 of the key's DER encoding, as in {@link
 *     Checkpoint#keyId()}
 * @param algorithm always {@code Ed25519}
 * @param pem the public key in PEM (SubjectPublicKeyInfo), for {@code openssl pkeyutl -verify}
 */
public record AuditPublicKey(String keyId, String algorithm, String pem) {}
