package io.tollgate.shared.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretBoxTests {
  /** The key 00 01 02 … 1f. */
  static final byte[] KEY = key();

  /**
   * A value sealed in format {@code tgs1} under {@link #KEY} (nonce a0…ab), made once by an
   * independent program: stored secrets of version 1 must keep opening.
   */
  static final String SEALED_V1 =
      "tgs1:630dcd29:oKGio6SlpqeoqaqrkXAPSCaUT9kpNL6hPz2LhwHeDWf44hIopEdq1iXiGjOeFwue/FVl4hMdC0yygyfZ5j1hoT/G";

  @Test
  void opensAStoredVersionOneValue() {
    SecretBox box = new SecretBox(KEY);
    assertThat(box.keyId()).isEqualTo("630dcd29");
    assertThat(box.open(SEALED_V1)).isEqualTo("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
  }

  @Test
  void sealsWithAFreshNonceAndOpensWhatItSealed() {
    SecretBox box = new SecretBox(KEY);
    String a = box.seal("pipeline-secret ✓");
    String b = box.seal("pipeline-secret ✓");
    assertThat(a).startsWith("tgs1:630dcd29:").isNotEqualTo(b).doesNotContain("pipeline");
    assertThat(box.open(a)).isEqualTo("pipeline-secret ✓");
    assertThat(box.open(b)).isEqualTo("pipeline-secret ✓");
    assertThat(SecretBox.isSealed(a)).isTrue();
    assertThat(SecretBox.isSealed("whsec_x")).isFalse();
  }

  @Test
  void refusesTamperingOtherKeysAndOtherVersions() {
    SecretBox box = new SecretBox(KEY);
    String tampered = SEALED_V1.substring(0, SEALED_V1.length() - 4) + "AAA=";
    assertThatThrownBy(() -> box.open(tampered)).hasMessageContaining("altered");
    byte[] other = KEY.clone();
    other[0] = 9;
    assertThatThrownBy(() -> new SecretBox(other).open(SEALED_V1))
        .hasMessageContaining("another key")
        .hasMessageContaining("TOLLGATE_SECRET_KEY");
    assertThatThrownBy(() -> box.open("tgs0:630dcd29:AAAA")).hasMessageContaining("version tgs1");
    // the key id is authenticated: relabelling the value does not help
    assertThatThrownBy(
            () ->
                new SecretBox(other)
                    .open(SEALED_V1.replace("630dcd29", new SecretBox(other).keyId())))
        .hasMessageContaining("altered");
  }

  @Test
  void takesTheConfiguredKeyAsBase64OrLongPassphrase() {
    String base64 = Base64.getEncoder().encodeToString(KEY);
    assertThat(new SecretBox(base64, "/nonexistent").open(SEALED_V1)).startsWith("whsec_");
    SecretBox phrase = new SecretBox("correct horse battery staple and more words", "/nonexistent");
    assertThat(phrase.open(phrase.seal("x"))).isEqualTo("x");
    assertThatThrownBy(() -> new SecretBox("too short", "/nonexistent")).hasMessageContaining("32");
  }

  @Test
  void createsTheKeyFileOnceOwnerOnly(@TempDir Path dir) throws Exception {
    Path data = dir.resolve("data");
    SecretBox first = new SecretBox("", data.toString());
    Path file = data.resolve("secret-key");
    assertThat(file).exists();
    if (Files.getFileStore(file).supportsFileAttributeView("posix")) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
          .isEqualTo("rw-------");
    }
    String sealed = first.seal("kept across restarts");
    SecretBox second = new SecretBox("", data.toString());
    assertThat(second.keyId()).isEqualTo(first.keyId());
    assertThat(second.open(sealed)).isEqualTo("kept across restarts");
  }

  private static byte[] key() {
    byte[] key = new byte[32];
    for (int i = 0; i < key.length; i++) key[i] = (byte) i;
    return key;
  }
}
