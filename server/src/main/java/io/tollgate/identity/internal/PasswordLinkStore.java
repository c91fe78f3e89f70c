package io.tollgate.identity.internal;

import io.tollgate.shared.Timestamps;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The password_links table: one-time set-password links, stored as hashes of their tokens. */
@Repository
public class PasswordLinkStore {
  private final JdbcClient jdbc;

  PasswordLinkStore(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public void insertPasswordLink(
      String id, String username, String hash, Instant createdAt, Instant expiresAt) {
    jdbc.sql(
            "insert into password_links (id, username, token_hash, created_at, expires_at)"
                + " values (?, ?, ?, ?, ?)")
        .params(id, username, hash, Timestamps.toDb(createdAt), Timestamps.toDb(expiresAt))
        .update();
  }

  /** A set-password link by the hash of its token. */
  public Optional<StoredPasswordLink> passwordLink(String hash) {
    return jdbc.sql("select * from password_links where token_hash = ?")
        .param(hash)
        .query(
            (rs, n) ->
                new StoredPasswordLink(
                    rs.getString("id"),
                    rs.getString("username"),
                    Timestamps.fromDb(rs.getObject("expires_at", OffsetDateTime.class)),
                    Timestamps.fromDb(rs.getObject("used_at", OffsetDateTime.class))))
        .optional();
  }

  /** Marks a link used; 0 when someone used it first. */
  public int usePasswordLink(String id, Instant at) {
    return jdbc.sql("update password_links set used_at = ? where id = ? and used_at is null")
        .params(Timestamps.toDb(at), id)
        .update();
  }

  /** A set-password link as stored: never the token itself. */
  public record StoredPasswordLink(String id, String username, Instant expiresAt, Instant usedAt) {}
}
