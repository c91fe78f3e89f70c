package io.tollgate.audit.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The canonical forms an event is hashed in, and the chain's hash and keyed MAC. Each stored row
 * knows its form, so rows written in an older form keep verifying:
 *
 * <ul>
 *   <li>form 1 (rows written before the event vocabulary): {@code
 *       {"action","actor","at","details","release","seq","subject"}}
 *   <li>form 2: form 1 plus {@code "actorKind"}, {@code "form":2}, {@code "payloadVersion"} and
 *       {@code "product"}
 * </ul>
 *
 * Keys are sorted, strings are JSON strings, {@code at} is ISO-8601 UTC to the millisecond, {@code
 * details} is the stored canonical JSON as is. The hash is SHA-256 over the previous event's hash
 * (64 hex characters) followed by the canonical form, both UTF-8: anyone can recompute it. The MAC
 * is HMAC-SHA256 over the hash (hex), with a key held outside the database: only a holder of the
 * key can write a row that verifies.
 *
 * <p>An event waiting in {@code audit_staged} for its place in the chain carries a MAC of its own,
 * over its staging form: {@code staged:1:<pos>:} followed by form 2 with the staged row's id where
 * the chain has {@code seq} ({@code pos}: the event's place among its transaction's events). Id and
 * place are covered so that rows swapped while staged are found as well as rows altered; the prefix
 * keeps a staging MAC from ever standing for a chain MAC (whose input is a hash's 64 hex
 * characters), and says which staging form it is.
 */
public final class ChainForm {
  public static final String GENESIS = "0".repeat(64);
  public static final int CURRENT = 2;
  private static final String STAGED = "staged:1:";

  private ChainForm() {}

  /**
   * The event's fields as hashed: its place in the chain and the event; {@code form} decides which
   * of them take part.
   */
  public record Fields(long seq, Instant at, AuditStore.NewEvent event) {
    Fields withSeq(long other) {
      return new Fields(other, at, event);
    }
  }

  public static String canonical(int form, Fields place) {
    AuditStore.NewEvent f = place.event();
    StringBuilder s = new StringBuilder(256 + f.details().length());
    s.append("{\"action\":").append(CanonicalJson.string(f.action()));
    s.append(",\"actor\":").append(CanonicalJson.string(f.actor()));
    if (form >= 2) s.append(",\"actorKind\":").append(CanonicalJson.string(f.actorKind()));
    s.append(",\"at\":")
        .append(CanonicalJson.string(place.at().truncatedTo(ChronoUnit.MILLIS).toString()));
    s.append(",\"details\":").append(f.details());
    if (form >= 2) {
      s.append(",\"form\":").append(form);
      s.append(",\"payloadVersion\":").append(f.payloadVersion());
      s.append(",\"product\":").append(CanonicalJson.string(f.product()));
    }
    s.append(",\"release\":").append(CanonicalJson.string(f.release()));
    s.append(",\"seq\":").append(place.seq());
    s.append(",\"subject\":").append(CanonicalJson.string(f.subject()));
    return s.append('}').toString();
  }

  /** SHA-256 over the previous hash and the event's canonical form, as 64 hex characters. */
  public static String hash(int form, String prev, Fields f) {
    if (form < 1 || form > CURRENT) throw new IllegalArgumentException("unknown form " + form);
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(prev.getBytes(StandardCharsets.UTF_8));
      sha.update(canonical(form, f).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(sha.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The staging form of an event staged as row {@code (id, pos)} at {@code at} (version 1). */
  public static String staged(long id, int pos, Instant at, AuditStore.NewEvent event) {
    return STAGED + pos + ":" + canonical(2, new Fields(id, at, event));
  }

  /** HMAC-SHA256 of the event's staging form, as hex (with a {@link Mac} from {@link #newMac}). */
  public static String stagedMac(Mac mac, long id, int pos, Instant at, AuditStore.NewEvent event) {
    return HexFormat.of()
        .formatHex(mac.doFinal(staged(id, pos, at, event).getBytes(StandardCharsets.UTF_8)));
  }

  /** HMAC-SHA256 of the hash (its 64 hex characters) with the audit key, as hex. */
  public static String mac(byte[] key, String hash) {
    return mac(newMac(key), hash);
  }

  /** The MAC of the hash with a {@link Mac} from {@link #newMac} (reusable, not thread-safe). */
  public static String mac(Mac mac, String hash) {
    return HexFormat.of().formatHex(mac.doFinal(hash.getBytes(StandardCharsets.UTF_8)));
  }

  public static Mac newMac(byte[] key) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
