package io.tollgate.shared.outbound;

import io.tollgate.shared.DataDirectory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Encrypts secrets at rest (webhook secrets, channel URLs with tokens in them) with AES-256-GCM.
 *
 * <p>The key comes from {@code TOLLGATE_SECRET_KEY} (base64 of 32 bytes, or any passphrase of 32
 * characters or more, which is hashed to a key), otherwise from {@code <data dir>/secret-key},
 * created once (owner-only) on the first start. Several nodes must share one key: set the variable.
 *
 * <p>Sealed format, version 1: {@code tgs1:<key id>:<base64(12-byte nonce ‖ ciphertext ‖ tag)>};
 * the key id is the first 8 hex digits of SHA-256 of the key, so a value sealed under another key
 * is refused with a clear message; {@code tgs1:<key id>} is the additional authenticated data.
 */
@Component
public class SecretBox {
  private static final Logger log = LoggerFactory.getLogger(SecretBox.class);
  public static final String VERSION = "tgs1";
  public static final String KEY_FILE = "secret-key";
  private static final int NONCE_BYTES = 12;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final SecretKeySpec key;
  private final String keyId;

  @org.springframework.beans.factory.annotation.Autowired
  public SecretBox(
      @Value("${tollgate.secret-key:}") String configured,
      @Value("${tollgate.data-dir:./data}") String dataDir) {
    this(configured != null && !configured.isBlank() ? keyFrom(configured) : keyFile(dataDir));
  }

  /** A box with this 32-byte key (tests, tools). */
  public SecretBox(byte[] key) {
    if (key.length != 32) throw new IllegalArgumentException("the secret key must be 32 bytes");
    this.key = new SecretKeySpec(key.clone(), "AES");
    this.keyId = HexFormat.of().formatHex(sha256(key)).substring(0, 8);
  }

  /** Encrypts {@code plain}; each call uses a fresh nonce, so equal inputs seal differently. */
  public String seal(String plain) {
    if (plain == null) throw new IllegalArgumentException("nothing to seal");
    byte[] nonce = new byte[NONCE_BYTES];
    RANDOM.nextBytes(nonce);
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, nonce));
      cipher.updateAAD(aad(keyId));
      byte[] sealed = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
      byte[] out = new byte[NONCE_BYTES + sealed.length];
      System.arraycopy(nonce, 0, out, 0, NONCE_BYTES);
      System.arraycopy(sealed, 0, out, NONCE_BYTES, sealed.length);
      return VERSION + ":" + keyId + ":" + Base64.getEncoder().encodeToString(out);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is not available", e);
    }
  }

  /** Decrypts a value {@link #seal} made; refuses other versions, other keys and tampering. */
  public String open(String sealed) {
    if (sealed == null) throw new IllegalArgumentException("nothing to open");
    String[] parts = sealed.split(":", 3);
    if (parts.length != 3 || !parts[0].equals(VERSION)) {
      throw new IllegalArgumentException("not a sealed secret of version " + VERSION);
    }
    if (!parts[1].equals(keyId)) {
      throw new IllegalStateException(
          "this secret was sealed with another key (id "
              + parts[1]
              + ", ours "
              + keyId
              + "): set TOLLGATE_SECRET_KEY to the key it was sealed with");
    }
    try {
      byte[] in = Base64.getDecoder().decode(parts[2]);
      if (in.length < NONCE_BYTES + 16)
        throw new IllegalArgumentException("sealed value too short");
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, in, 0, NONCE_BYTES));
      cipher.updateAAD(aad(parts[1]));
      byte[] plain = cipher.doFinal(in, NONCE_BYTES, in.length - NONCE_BYTES);
      return new String(plain, StandardCharsets.UTF_8);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the sealed secret does not open: altered or damaged", e);
    }
  }

  /** Whether a stored value is in a sealed format this box knows. */
  public static boolean isSealed(String value) {
    return value != null && value.startsWith(VERSION + ":");
  }

  /** The id of this box's key (first 8 hex digits of its SHA-256), as sealed values carry it. */
  public String keyId() {
    return keyId;
  }

  static byte[] keyFrom(String configured) {
    String value = configured.trim();
    try {
      byte[] decoded = Base64.getDecoder().decode(value);
      if (decoded.length == 32) return decoded;
    } catch (IllegalArgumentException notBase64) {
      // a passphrase
    }
    if (value.length() < 32) {
      throw new IllegalStateException(
          "TOLLGATE_SECRET_KEY must be base64 of 32 bytes (openssl rand -base64 32) or a"
              + " passphrase of at least 32 characters");
    }
    return sha256(value.getBytes(StandardCharsets.UTF_8));
  }

  private static byte[] keyFile(String dataDir) {
    Path file = Path.of(dataDir).resolve(KEY_FILE);
    try {
      if (Files.exists(file)) {
        return keyFrom(Files.readString(file, StandardCharsets.US_ASCII));
      }
      byte[] key = new byte[32];
      RANDOM.nextBytes(key);
      DataDirectory.writeSecret(file, Base64.getEncoder().encodeToString(key) + "\n");
      log.info(
          "Created the key that encrypts stored secrets: {} (keep it; several nodes share it"
              + " through TOLLGATE_SECRET_KEY)",
          file);
      return key;
    } catch (IOException e) {
      throw new UncheckedIOException("Could not read or create the secret key " + file, e);
    }
  }

  private static byte[] aad(String keyId) {
    return (VERSION + ":" + keyId).getBytes(StandardCharsets.US_ASCII);
  }

  private static byte[] sha256(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
