package io.tollgate.calendar.internal;

import io.tollgate.shared.Timestamps;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The calendar_tokens table: one feed token per person, as its SHA-256 only. */
@Repository
public class CalendarTokenStore {
  private final JdbcClient jdbc;

  CalendarTokenStore(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Replaces the person's token (if any) by this one. */
  public void replace(String username, String tokenHash, Instant now) {
    jdbc.sql("delete from calendar_tokens where username = ?").param(username).update();
    jdbc.sql("insert into calendar_tokens (username, token_hash, created_at) values (?, ?, ?)")
        .params(username, tokenHash, Timestamps.toDb(now))
        .update();
  }

  /** Deletes the person's token; whether there was one. */
  public boolean delete(String username) {
    return jdbc.sql("delete from calendar_tokens where username = ?").param(username).update() > 0;
  }

  public Optional<String> owner(String tokenHash) {
    return jdbc.sql("select username from calendar_tokens where token_hash = ?")
        .param(tokenHash)
        .query(String.class)
        .optional();
  }

  public Optional<Instant> issuedAt(String username) {
    return jdbc.sql("select created_at from calendar_tokens where username = ?")
        .param(username)
        .query((rs, n) -> Timestamps.fromDb(rs.getObject(1, java.time.OffsetDateTime.class)))
        .optional();
  }
}
