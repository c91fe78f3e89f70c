package io.tollgate.integration;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * GitHub's {@code X-Hub-Signature-256}: {@code sha256=} and the lower-case hex HMAC-SHA256 of the
 * exact body bytes, keyed with the webhook's secret (UTF-8). Compared in constant time.
 */
public final class GithubSignature {
  private static final String PREFIX = "sha256=";

  private GithubSignature() {}

  /** The header value GitHub sends for this body and secret. */
  public static String sign(String secret, byte[] body) {
    return PREFIX + HexFormat.of().formatHex(hmac(secret, body));
  }

  /** Whether {@code header} is the signature of {@code body} with {@code secret}. */
  public static boolean verify(String secret, byte[] body, String header) {
    if (secret == null || secret.isEmpty() || body == null || header == null) return false;
    if (!header.startsWith(PREFIX) || header.length() != PREFIX.length() + 64) return false;
    byte[] given;
    try {
      given = HexFormat.of().parseHex(header.substring(PREFIX.length()));
    } catch (IllegalArgumentException e) {
      return false;
    }
    if (!header.substring(PREFIX.length()).equals(HexFormat.of().formatHex(given))) {
      return false; // upper-case hex is not what GitHub sends
    }
    return MessageDigest.isEqual(hmac(secret, body), given);
  }

  private static byte[] hmac(String secret, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return mac.doFinal(body);
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException(e);
    }
  }
}
