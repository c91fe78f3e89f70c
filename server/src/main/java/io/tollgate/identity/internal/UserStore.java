package io.tollgate.identity.internal;

import io.tollgate.identity.AuthenticatedToken;
import io.tollgate.identity.TokenInfo;
import io.tollgate.identity.TokenScope;
import io.tollgate.identity.User;
import io.tollgate.shared.Actor;
import io.tollgate.shared.Timestamps;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The users and api_tokens tables. */
@Repository
public class UserStore {
  private final JdbcClient jdbc;

  UserStore(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public long count() {
    return jdbc.sql("select count(*) from users").query(Long.class).single();
  }

  public boolean exists(String username) {
    return jdbc.sql("select count(*) from users where username = ?")
            .param(username)
            .query(Long.class)
            .single()
        > 0;
  }

  public void insert(User user) {
    jdbc.sql(
            "insert into users (username, display_name, email, admin, created_at) values (?, ?, ?, ?, ?)")
        .params(
            user.username(),
            user.displayName(),
            user.email(),
            user.admin(),
            Timestamps.toDb(user.createdAt()))
        .update();
  }

  public Optional<User> find(String username) {
    return jdbc.sql("select * from users where username = ?")
        .param(username)
        .query((rs, n) -> map(rs))
        .optional();
  }

  /** Disables ({@code at} set) or enables ({@code at} null) a user; raises the session epoch. */
  public int setDisabled(String username, Instant at) {
    return jdbc.sql(
            "update users set disabled_at = ?, session_epoch = session_epoch + 1 where username = ?")
        .params(Timestamps.toDb(at), username)
        .update();
  }

  /** Ends every web session of the user: sessions signed in at an older epoch are refused. */
  public int raiseSessionEpoch(String username) {
    jdbc.sql("update users set session_epoch = session_epoch + 1 where username = ?")
        .param(username)
        .update();
    return sessionEpoch(username).orElse(0);
  }

  /** The epoch a session must carry; empty for an unknown or disabled user. */
  public Optional<Integer> sessionEpoch(String username) {
    return jdbc.sql("select session_epoch from users where username = ? and disabled_at is null")
        .param(username)
        .query(Integer.class)
        .optional();
  }

  public void updateProfile(String username, String displayName, String email) {
    jdbc.sql("update users set display_name = ?, email = ? where username = ?")
        .params(displayName, email, username)
        .update();
  }

  public List<User> all() {
    return jdbc.sql("select * from users order by username").query((rs, n) -> map(rs)).list();
  }

  public void setPasswordHash(String username, String hash) {
    jdbc.sql("update users set password_hash = ? where username = ?")
        .params(hash, username)
        .update();
  }

  public Optional<String> passwordHash(String username) {
    return jdbc.sql("select password_hash from users where username = ?")
        .param(username)
        .query(String.class)
        .optional();
  }

  public void insertToken(
      String id,
      String username,
      String name,
      String hash,
      Instant at,
      Instant expiresAt,
      TokenScope scope) {
    jdbc.sql(
            "insert into api_tokens (id, username, name, token_hash, created_at, expires_at, scope)"
                + " values (?, ?, ?, ?, ?, ?, ?)")
        .params(
            id,
            username,
            name,
            hash,
            Timestamps.toDb(at),
            Timestamps.toDb(expiresAt),
            TokenScopeFormat.write(scope))
        .update();
  }

  /** The user a live token belongs to, with the admin flag, and the token's scope and expiry. */
  public Optional<AuthenticatedToken> byTokenHash(String hash) {
    return jdbc.sql(
            "select u.*, t.id as token_id, t.expires_at as token_expires_at, t.scope as token_scope"
                + " from api_tokens t join users u on u.username = t.username"
                + " where t.token_hash = ? and t.revoked_at is null and u.disabled_at is null")
        .param(hash)
        .query(
            (rs, n) -> {
              User u = map(rs);
              return new AuthenticatedToken(
                  rs.getString("token_id"),
                  new Actor(u.username(), u.admin()),
                  TokenScopeFormat.read(rs.getString("token_scope")),
                  Timestamps.fromDb(rs.getObject("token_expires_at", OffsetDateTime.class)));
            })
        .optional();
  }

  /** Notes that a token was used (called at most once a minute per token). */
  public void touchToken(String id, Instant at) {
    jdbc.sql("update api_tokens set last_used_at = ? where id = ?")
        .params(Timestamps.toDb(at), id)
        .update();
  }

  public List<TokenInfo> tokens(String username) {
    return jdbc.sql("select * from api_tokens where username = ? order by created_at")
        .param(username)
        .query(
            (rs, n) ->
                new TokenInfo(
                    rs.getString("id"),
                    rs.getString("name"),
                    instant(rs, "created_at"),
                    instant(rs, "last_used_at"),
                    instant(rs, "expires_at"),
                    TokenScopeFormat.read(rs.getString("scope")),
                    instant(rs, "revoked_at")))
        .list();
  }

  private static Instant instant(java.sql.ResultSet rs, String column)
      throws java.sql.SQLException {
    return Timestamps.fromDb(rs.getObject(column, OffsetDateTime.class));
  }

  public int revoke(String username, String tokenId, Instant at) {
    return jdbc.sql(
            "update api_tokens set revoked_at = ? where id = ? and username = ? and revoked_at is null")
        .params(Timestamps.toDb(at), tokenId, username)
        .update();
  }

  /** The usernames that have a password for the web UI. */
  public java.util.Set<String> withPassword() {
    return new java.util.HashSet<>(
        jdbc.sql("select username from users where password_hash is not null")
            .query(String.class)
            .list());
  }

  private static User map(java.sql.ResultSet rs) throws java.sql.SQLException {
    return new User(
        rs.getString("username"),
        rs.getString("display_name"),
        rs.getString("email"),
        rs.getBoolean("admin"),
        Timestamps.fromDb(rs.getObject("created_at", OffsetDateTime.class)),
        rs.getObject("disabled_at", OffsetDateTime.class) != null);
  }
}
