package io.tollgate.notify.internal;

import io.tollgate.notify.InboxEntry;
import io.tollgate.shared.Timestamps;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The notify_inbox table: each person's notifications menu. */
@Repository
public class InboxStore {
  private final JdbcClient jdbc;

  InboxStore(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public void add(
      String username,
      String product,
      String release,
      long seq,
      String type,
      String handoff,
      String title,
      String link,
      Instant at) {
    jdbc.sql(
            "insert into notify_inbox (username, product, release_id, event_seq, type, handoff,"
                + " title, link, created_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .params(
            username,
            product,
            release,
            seq,
            type,
            handoff,
            title.length() > 1000 ? title.substring(0, 1000) : title,
            link,
            Timestamps.toDb(at))
        .update();
  }

  public List<InboxEntry> of(String username, int limit) {
    return jdbc.sql(
            "select * from notify_inbox where username = ? order by event_seq desc fetch first "
                + limit
                + " rows only")
        .param(username)
        .query(InboxStore::row)
        .list();
  }

  public long unread(String username) {
    return jdbc.sql("select count(*) from notify_inbox where username = ? and read_at is null")
        .param(username)
        .query(Long.class)
        .single();
  }

  public Optional<InboxEntry> find(String username, long id) {
    return jdbc.sql("select * from notify_inbox where id = ? and username = ?")
        .params(id, username)
        .query(InboxStore::row)
        .optional();
  }

  public void read(String username, long id, Instant at) {
    jdbc.sql(
            "update notify_inbox set read_at = ? where id = ? and username = ? and read_at is null")
        .params(Timestamps.toDb(at), id, username)
        .update();
  }

  /** Marks the person's entry of this event read, if they have one. */
  public void readEvent(String username, long seq, Instant at) {
    jdbc.sql(
            "update notify_inbox set read_at = ? where username = ? and event_seq = ? and read_at"
                + " is null")
        .params(Timestamps.toDb(at), username, seq)
        .update();
  }

  public void readAll(String username, Instant at) {
    jdbc.sql("update notify_inbox set read_at = ? where username = ? and read_at is null")
        .params(Timestamps.toDb(at), username)
        .update();
  }

  private static InboxEntry row(ResultSet rs, int n) throws SQLException {
    return new InboxEntry(
        rs.getLong("id"),
        rs.getString("product"),
        rs.getString("release_id"),
        rs.getLong("event_seq"),
        rs.getString("type"),
        rs.getString("handoff"),
        rs.getString("title"),
        rs.getString("link"),
        Timestamps.fromDb(rs.getObject("created_at", OffsetDateTime.class)),
        Timestamps.fromDb(rs.getObject("read_at", OffsetDateTime.class)));
  }
}
