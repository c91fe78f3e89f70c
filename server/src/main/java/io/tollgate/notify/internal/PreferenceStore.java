package io.tollgate.notify.internal;

import io.tollgate.notify.Preferences;
import io.tollgate.shared.Timestamps;
import java.time.Instant;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The notify_preferences table: one row per person who changed theirs. */
@Repository
public class PreferenceStore {
  private final JdbcClient jdbc;

  PreferenceStore(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public Preferences of(String username) {
    return jdbc.sql("select email_off, muted_products from notify_preferences where username = ?")
        .param(username)
        .query(
            (rs, n) ->
                new Preferences(
                    ChannelJson.readList(rs.getString("email_off")),
                    ChannelJson.readList(rs.getString("muted_products"))))
        .optional()
        .orElse(Preferences.NONE);
  }

  public void set(String username, Preferences p, Instant at) {
    int updated =
        jdbc.sql(
                "update notify_preferences set email_off = ?, muted_products = ?, updated_at = ?"
                    + " where username = ?")
            .params(
                ChannelJson.writeList(p.emailOff()),
                ChannelJson.writeList(p.mutedProducts()),
                Timestamps.toDb(at),
                username)
            .update();
    if (updated == 0) {
      jdbc.sql(
              "insert into notify_preferences (username, email_off, muted_products, updated_at)"
                  + " values (?, ?, ?, ?)")
          .params(
              username,
              ChannelJson.writeList(p.emailOff()),
              ChannelJson.writeList(p.mutedProducts()),
              Timestamps.toDb(at))
          .update();
    }
  }
}
