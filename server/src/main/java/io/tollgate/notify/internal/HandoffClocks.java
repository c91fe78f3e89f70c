package io.tollgate.notify.internal;

import io.tollgate.shared.Timestamps;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The notify_handoff_clocks table: each handed handoff's SLA clock. */
@Repository
public class HandoffClocks {
  private final JdbcClient jdbc;

  HandoffClocks(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** A running or stopped clock. */
  public record Clock(
      String release,
      String handoff,
      String product,
      String version,
      String from,
      String to,
      Instant handedAt,
      Instant remindAt,
      Instant dueAt,
      Instant acknowledgedAt,
      String acknowledgedBy,
      Instant remindedAt,
      Instant escalatedAt) {}

  /** Starts (or restarts, when handed again) the clock of a handoff. */
  public void handed(
      String release,
      String handoff,
      String product,
      String version,
      String from,
      String to,
      Instant at,
      Instant remind,
      Instant due) {
    int updated =
        jdbc.sql(
                "update notify_handoff_clocks set handed_at = ?, remind_at = ?, due_at = ?,"
                    + " acknowledged_at ="
                    + " null, acknowledged_by = null, reminded_at = null, escalated_at = null,"
                    + " version = ? where"
                    + " release_id = ? and handoff = ?")
            .params(
                Timestamps.toDb(at),
                Timestamps.toDb(remind),
                Timestamps.toDb(due),
                version,
                release,
                handoff)
            .update();
    if (updated == 0) {
      jdbc.sql(
              "insert into notify_handoff_clocks (release_id, handoff, product, version,"
                  + " from_role, to_role, handed_at, remind_at, due_at) values (?, ?, ?, ?, ?, ?,"
                  + " ?, ?, ?)")
          .params(
              release,
              handoff,
              product,
              version,
              from,
              to,
              Timestamps.toDb(at),
              Timestamps.toDb(remind),
              Timestamps.toDb(due))
          .update();
    }
  }

  public void acknowledged(String release, String handoff, Instant at, String by) {
    jdbc.sql(
            "update notify_handoff_clocks set acknowledged_at = ?, acknowledged_by = ? where"
                + " release_id = ? and handoff = ? and acknowledged_at is null")
        .params(Timestamps.toDb(at), by, release, handoff)
        .update();
  }

  /** Unacknowledged, unescalated clocks due by {@code now}. */
  public List<Clock> overdue(Instant now) {
    return jdbc.sql(
            "select * from notify_handoff_clocks where acknowledged_at is null and escalated_at"
                + " is null and due_at <= ? order by due_at")
        .param(Timestamps.toDb(now))
        .query(HandoffClocks::row)
        .list();
  }

  /** Unacknowledged clocks past their reminder time, not reminded nor escalated yet. */
  public List<Clock> toRemind(Instant now) {
    return jdbc.sql(
            "select * from notify_handoff_clocks where acknowledged_at is null and reminded_at is"
                + " null and escalated_at is null and remind_at <= ? and due_at > ? order by"
                + " remind_at")
        .params(Timestamps.toDb(now), Timestamps.toDb(now))
        .query(HandoffClocks::row)
        .list();
  }

  /** Marks the clock reminded; true for exactly one caller. */
  public boolean remind(String release, String handoff, Instant now) {
    return jdbc.sql(
                "update notify_handoff_clocks set reminded_at = ? where release_id = ? and"
                    + " handoff = ? and reminded_at is null and acknowledged_at is null")
            .params(Timestamps.toDb(now), release, handoff)
            .update()
        == 1;
  }

  /** Marks the clock escalated; true for exactly one caller. */
  public boolean escalate(String release, String handoff, Instant now) {
    return jdbc.sql(
                "update notify_handoff_clocks set escalated_at = ? where release_id = ? and"
                    + " handoff = ? and escalated_at is null and acknowledged_at is null")
            .params(Timestamps.toDb(now), release, handoff)
            .update()
        == 1;
  }

  public Optional<Clock> find(String release, String handoff) {
    return jdbc.sql("select * from notify_handoff_clocks where release_id = ? and handoff = ?")
        .params(release, handoff)
        .query(HandoffClocks::row)
        .optional();
  }

  private static Clock row(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
    return new Clock(
        rs.getString("release_id"),
        rs.getString("handoff"),
        rs.getString("product"),
        rs.getString("version"),
        rs.getString("from_role"),
        rs.getString("to_role"),
        at(rs, "handed_at"),
        at(rs, "remind_at"),
        at(rs, "due_at"),
        at(rs, "acknowledged_at"),
        rs.getString("acknowledged_by"),
        at(rs, "reminded_at"),
        at(rs, "escalated_at"));
  }

  private static Instant at(java.sql.ResultSet rs, String column) throws java.sql.SQLException {
    return Timestamps.fromDb(rs.getObject(column, OffsetDateTime.class));
  }
}
