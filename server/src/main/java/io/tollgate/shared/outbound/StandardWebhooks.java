package io.tollgate.shared.outbound;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Standard Webhooks signing and verification, symmetric version {@code v1}: the signed content is
 * {@code webhook-id + "." + webhook-timestamp + "." + body}, the key the base64-decoded secret
 * (with or without its {@code whsec_} prefix), the signature {@code v1,<base64 HMAC-SHA256>}. A
 * header may carry several space-separated signatures (key rotation); one valid {@code v1} one is
 * enough. Immutable and thread-safe.
 */
public final class StandardWebhooks {
  public static final String PREFIX = "whsec_";
  public static final String HEADER_ID = "webhook-id";
  public static final String HEADER_TIMESTAMP = "webhook-timestamp";
  public static final String HEADER_SIGNATURE = "webhook-signature";

  /** How far a timestamp may be from now for {@link #verifyFresh}: the spec's five minutes. */
  public static final Duration TOLERANCE = Duration.ofMinutes(5);

  private static final SecureRandom RANDOM = new SecureRandom();
  private final byte[] key;

  private StandardWebhooks(byte[] key) {
    this.key = key;
  }

  /** From a secret as {@link #newSecret()} makes it ({@code whsec_} + base64), prefix optional. */
  public static StandardWebhooks ofSecret(String secret) {
    if (secret == null) throw new IllegalArgumentException("The webhook secret is missing");
    String encoded = secret.startsWith(PREFIX) ? secret.substring(PREFIX.length()) : secret;
    if (encoded.isBlank()) throw new IllegalArgumentException("The webhook secret is empty");
    byte[] key;
    try {
      key = Base64.getDecoder().decode(encoded);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("The webhook secret is not base64 after 'whsec_'");
    }
    if (key.length == 0) throw new IllegalArgumentException("The webhook secret is empty");
    return new StandardWebhooks(key);
  }

  /** A new random secret: {@code whsec_} and 32 random bytes in base64. */
  public static String newSecret() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return PREFIX + Base64.getEncoder().encodeToString(bytes);
  }

  /** The {@code webhook-signature} value for this message: {@code v1,<base64 HMAC-SHA256>}. */
  public String sign(String msgId, long timestampSeconds, String body) {
    return "v1," + Base64.getEncoder().encodeToString(hmac(msgId, timestampSeconds, body));
  }

  /** The three headers of a signed message, in the spec's names. */
  public Map<String, String> headers(String msgId, long timestampSeconds, String body) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put(HEADER_ID, msgId);
    headers.put(HEADER_TIMESTAMP, Long.toString(timestampSeconds));
    headers.put(HEADER_SIGNATURE, sign(msgId, timestampSeconds, body));
    return headers;
  }

  /**
   * Whether one of the space-separated signatures in the header is this message's {@code v1}
   * signature (compared in constant time). Does not look at the clock: see {@link #verifyFresh}.
   */
  public boolean verify(String msgId, long timestampSeconds, String body, String signatureHeader) {
    if (msgId == null || body == null || signatureHeader == null) return false;
    byte[] expected = hmac(msgId, timestampSeconds, body);
    for (String candidate : signatureHeader.trim().split(" +")) {
      int comma = candidate.indexOf(',');
      if (comma < 0 || !candidate.substring(0, comma).equals("v1")) continue;
      byte[] given;
      try {
        given = Base64.getDecoder().decode(candidate.substring(comma + 1));
      } catch (IllegalArgumentException e) {
        continue;
      }
      if (given.length > 0 && MessageDigest.isEqual(expected, given)) return true;
    }
    return false;
  }

  /** {@link #verify}, and the timestamp within {@link #TOLERANCE} of {@code now}. */
  public boolean verifyFresh(
      String msgId, long timestampSeconds, String body, String signatureHeader, Instant now) {
    long skew = Math.abs(now.getEpochSecond() - timestampSeconds);
    return skew <= TOLERANCE.toSeconds() && verify(msgId, timestampSeconds, body, signatureHeader);
  }

  private byte[] hmac(String msgId, long timestampSeconds, String body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      String content = msgId + "." + timestampSeconds + "." + body;
      return mac.doFinal(content.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HMAC-SHA256 is not available", e);
    }
  }
}
