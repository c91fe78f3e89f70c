package io.tollgate.notify.internal;

import io.tollgate.shared.Timestamps;
import io.tollgate.shared.outbound.SecretBox;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The links in "your turn" messages: {@code /go/<token>}, the token sealed (encrypted and
 * authenticated) by {@link SecretBox} so it cannot be made or altered, naming the release and
 * handoff and when it expires ({@code tollgate.notify.link-ttl}, default 7 days). A link only opens
 * a page, through the person's own sign-in; each person can use it once.
 */
@Component
public class SignedLinks {
  static final String FORMAT = "tgl1";

  private final SecretBox box;
  private final JdbcClient jdbc;
  private final Duration ttl;

  SignedLinks(
      SecretBox box, JdbcClient jdbc, @Value("${tollgate.notify.link-ttl:P7D}") Duration ttl) {
    this.box = box;
    this.jdbc = jdbc;
    this.ttl = ttl;
  }

  /** What a link leads to. */
  public record Target(String release, String handoff, long seq, Instant expiresAt) {}

  /** A new token for the handoff of the release, as told by the event {@code seq}. */
  public String token(String release, String handoff, long seq, Instant now) {
    String plain =
        String.join(
            "|",
            FORMAT,
            release,
            handoff,
            Long.toString(seq),
            Long.toString(now.plus(ttl).getEpochSecond()));
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(box.seal(plain).getBytes(StandardCharsets.UTF_8));
  }

  /** The target of a genuine token, or empty when it was not made here or was altered. */
  public Optional<Target> open(String token) {
    try {
      String sealed = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
      String[] parts = box.open(sealed).split("\\|");
      if (parts.length != 5 || !parts[0].equals(FORMAT)) return Optional.empty();
      return Optional.of(
          new Target(
              parts[1],
              parts[2],
              Long.parseLong(parts[3]),
              Instant.ofEpochSecond(Long.parseLong(parts[4]))));
    } catch (RuntimeException notGenuine) {
      return Optional.empty();
    }
  }

  /** Records that the person used the link; false when they had used it before. */
  public boolean use(String token, String username, Instant now) {
    // called outside a transaction: the refused insert of a second use spoils nothing
    try {
      jdbc.sql("insert into notify_link_uses (token_hash, username, used_at) values (?, ?, ?)")
          .params(hash(token), username, Timestamps.toDb(now))
          .update();
      return true;
    } catch (DuplicateKeyException usedBefore) {
      return false;
    }
  }

  private static String hash(String token) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
