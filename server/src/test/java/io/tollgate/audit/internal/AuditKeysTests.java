package io.tollgate.audit.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The audit key: read as openssl writes it, signs as openssl does, created owner-only. */
class AuditKeysTests {
  /** {@code openssl genpkey -algorithm ed25519} (a key made for this test only). */
  static final String OPENSSL_KEY =
      "-----BEGIN PRIVATE KEY-----\n"
          + "MC4CAQAwBQYDK2VwBCIEIE5ZfyH7zsfe9g+RMc/IoAlPMqWyRM8DHUSQFwyzhUD/\n"
          + "-----END PRIVATE KEY-----\n";

  /** {@code openssl pkey -in key.pem -pubout} */
  static final String OPENSSL_PUBLIC =
      "-----BEGIN PUBLIC KEY-----\n"
          + "MCowBQYDK2VwAyEAnyyfMJNfZbg14G7ZaSbw6PIVRM+7hGx2/3g+zUDz27s=\n"
          + "-----END PUBLIC KEY-----\n";

  static final String MESSAGE =
      "tollgate-audit-checkpoint:v1:42:"
          + "25d23d7ac76bb4e54f39a6964a939eb3142fed9198c6e654208f2f2115d95ebb:2026-03-10T19:00:00Z";

  /**
   * {@code printf '%s' "$MESSAGE" | openssl pkeyutl -sign -inkey key.pem -rawin -in /dev/stdin |
   * base64 -w0} (Ed25519 signatures are deterministic).
   */
  static final String OPENSSL_SIGNATURE =
      "QXEIjz2MwUKGkh+Y0YkjXcgWhLiMZBKcrdV4xIxUU+N3JNHSZAGPAZmt7N/mxscTjcZWaAImdK1CjTjYkQgnCg==";

  @Test
  void readsAnOpensslKeyAndDerivesItsPublicKey() {
    AuditKeys keys = AuditKeys.fromPem(OPENSSL_KEY, "test");

    assertThat(keys.publicPem()).isEqualTo(OPENSSL_PUBLIC);
    // openssl pkey -in key.pem -pubout -outform DER | sha256sum | cut -c1-16
    assertThat(keys.keyId()).isEqualTo("aee836225d3ced96");
  }

  @Test
  void signsAsOpensslDoesAndVerifiesOpensslsSignature() {
    AuditKeys keys = AuditKeys.fromPem(OPENSSL_KEY, "test");

    assertThat(keys.sign(MESSAGE)).isEqualTo(OPENSSL_SIGNATURE);
    assertThat(keys.verify(MESSAGE, OPENSSL_SIGNATURE)).isTrue();
  }

  @Test
  void refusesAnAlteredSignatureOrMessage() {
    AuditKeys keys = AuditKeys.fromPem(OPENSSL_KEY, "test");
    String altered =
        (OPENSSL_SIGNATURE.charAt(0) == 'Q' ? "R" : "Q") + OPENSSL_SIGNATURE.substring(1);

    assertThat(keys.verify(MESSAGE, altered)).isFalse();
    assertThat(keys.verify(MESSAGE.replace(":42:", ":43:"), OPENSSL_SIGNATURE)).isFalse();
    assertThat(keys.verify(MESSAGE, "not base64!")).isFalse();
    assertThat(AuditKeys.generate().verify(MESSAGE, OPENSSL_SIGNATURE)).isFalse();
  }

  @Test
  void createsAMissingKeyFileReadableByItsOwnerOnlyAndReadsItBack(@TempDir Path dir)
      throws Exception {
    Path file = dir.resolve("keys/audit-key.pem");

    AuditKeys created = AuditKeys.load(file, true);
    AuditKeys again = AuditKeys.load(file, true);

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    assertThat(again.keyId()).isEqualTo(created.keyId());
    assertThat(again.macKey()).isEqualTo(created.macKey());
    assertThat(again.verify(MESSAGE, created.sign(MESSAGE))).isTrue();
  }

  @Test
  void aConfiguredKeyFileMustExist(@TempDir Path dir) {
    assertThatThrownBy(() -> AuditKeys.load(dir.resolve("missing.pem"), false))
        .hasMessageContaining("missing.pem");
  }

  @Test
  void aFileWithoutAPrivateKeySaysHowToMakeOne() {
    assertThatThrownBy(() -> AuditKeys.fromPem(OPENSSL_PUBLIC, "key.pem"))
        .hasMessageContaining("openssl genpkey -algorithm ed25519");
  }
}
