package io.tollgate.audit.internal;

import io.tollgate.shared.Timestamps;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import javax.crypto.Mac;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The audit_staged table: events of committed commands waiting for the appender to chain them.
 * Staging takes no lock another command waits for; each row carries a MAC over its staging form.
 */
@Repository
public class AuditStaging {
  private final JdbcClient jdbc;
  private final JdbcTemplate batch;
  // one keyed MAC per thread: commands stage on their own threads
  private final ThreadLocal<Mac> mac;

  AuditStaging(JdbcClient jdbc, DataSource dataSource, AuditKeys keys) {
    this.jdbc = jdbc;
    this.batch = new JdbcTemplate(dataSource);
    byte[] macKey = keys.macKey();
    this.mac = ThreadLocal.withInitial(() -> ChainForm.newMac(macKey));
  }

  /**
   * Stages the events in the current transaction, each at {@code at}: under one id from the
   * sequence, taken first as each row's MAC covers it, in their order ({@code pos}).
   */
  public void stage(List<AuditStore.NewEvent> events, Instant now) {
    Instant at = now.truncatedTo(ChronoUnit.MILLIS);
    Mac keyed = mac.get();
    long id = jdbc.sql("select nextval('audit_staged_ids')").query(Long.class).single();
    for (int pos = 0; pos < events.size(); pos++) {
      AuditStore.NewEvent e = events.get(pos);
      jdbc.sql(
              "insert into audit_staged (id, pos, at, actor, actor_kind, action, subject,"
                  + " release_id, product, payload_version, details, mac) values (?, ?, ?, ?, ?,"
                  + " ?, ?, ?, ?, ?, ?, ?)")
          .params(
              id,
              pos,
              Timestamps.toDb(at),
              e.actor(),
              e.actorKind(),
              e.action(),
              e.subject(),
              e.release(),
              e.product(),
              e.payloadVersion(),
              e.details(),
              ChainForm.stagedMac(keyed, id, pos, at, e))
          .update();
    }
  }

  /** Whether the row is as it was staged: its MAC matches its staging form. */
  public boolean genuine(StagedEvent row) {
    if (row.mac() == null) return false;
    String expected = ChainForm.stagedMac(mac.get(), row.id(), row.pos(), row.at(), row.event());
    return MessageDigest.isEqual(
        expected.getBytes(StandardCharsets.US_ASCII),
        row.mac().getBytes(StandardCharsets.US_ASCII));
  }

  /** The first committed staged rows, in (id, pos) order, at most {@code limit}. */
  public List<StagedEvent> next(int limit) {
    return jdbc.sql("select * from audit_staged order by id, pos limit ?")
        .param(limit)
        .query(
            (rs, n) ->
                new StagedEvent(
                    rs.getLong("id"),
                    rs.getInt("pos"),
                    Timestamps.fromDb(rs.getObject("at", OffsetDateTime.class)),
                    AuditStore.NewEvent.read(rs),
                    rs.getString("mac")))
        .list();
  }

  public void delete(List<StagedEvent> rows) {
    batch.batchUpdate(
        "delete from audit_staged where id = ? and pos = ?",
        rows.stream().map(r -> new Object[] {r.id(), r.pos()}).toList());
  }

  /**
   * Whether any row waits. Read through the key's order, not as "any row": rows are staged and
   * deleted all the time, and where nothing vacuums the table (PostgreSQL with autovacuum off) a
   * scan of the table reads every deleted row before the live ones (measured: 0.15 ms a pass,
   * growing with the run); the key's entries of deleted rows are marked dead by the first scan that
   * meets them and skipped after that.
   */
  public boolean any() {
    return jdbc.sql("select id from audit_staged order by id, pos limit 1")
        .query(Long.class)
        .optional()
        .isPresent();
  }

  public long count() {
    return jdbc.sql("select count(*) from audit_staged").query(Long.class).single();
  }

  /** The last id staged and committed, or null when nothing waits. */
  public Long lastId() {
    return jdbc.sql("select id from audit_staged order by id desc limit 1")
        .query(Long.class)
        .optional()
        .orElse(null);
  }

  /** The last id of the release's staged events, or null when none waits. */
  public Long lastIdOf(String release) {
    return jdbc.sql("select id from audit_staged where release_id = ? order by id desc limit 1")
        .param(release)
        .query(Long.class)
        .optional()
        .orElse(null);
  }

  /** Whether a row up to {@code id} is still staged. */
  public boolean anyUpTo(long id) {
    return jdbc.sql("select id from audit_staged where id <= ? order by id, pos limit 1")
        .param(id)
        .query(Long.class)
        .optional()
        .isPresent();
  }

  /** Whether a row of the release up to {@code id} is still staged. */
  public boolean anyOfUpTo(String release, long id) {
    return jdbc.sql("select id from audit_staged where release_id = ? and id <= ? limit 1")
        .params(release, id)
        .query(Long.class)
        .optional()
        .isPresent();
  }
}
