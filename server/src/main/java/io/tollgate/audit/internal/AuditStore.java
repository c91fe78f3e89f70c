package io.tollgate.audit.internal;

import io.tollgate.audit.AuditEvent;
import io.tollgate.shared.Timestamps;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The audit_events table and its single-row chain head, whose row lock lets one appender at a time
 * chain events (the {@link AuditAppender}, or a generator of a past).
 */
@Repository
public class AuditStore {
  public static final String GENESIS = ChainForm.GENESIS;

  private static final String COLUMNS =
      "seq, at, actor, action, subject, release_id, details, prev_hash, hash, actor_kind, product,"
          + " payload_version, form, mac";
  private static final String PLACEHOLDERS = String.join(", ", Collections.nCopies(14, "?"));

  private final JdbcClient jdbc;
  private final org.springframework.jdbc.core.JdbcTemplate batch;
  // one keyed MAC per thread (the appender's, a generator's)
  private final ThreadLocal<javax.crypto.Mac> mac;

  private final boolean lockInOneStatement;

  AuditStore(JdbcClient jdbc, DataSource dataSource, AuditKeys keys) {
    this.jdbc = jdbc;
    this.batch = new org.springframework.jdbc.core.JdbcTemplate(dataSource);
    this.lockInOneStatement = io.tollgate.shared.db.Databases.isPostgres(dataSource);
    byte[] macKey = keys.macKey();
    this.mac = ThreadLocal.withInitial(() -> ChainForm.newMac(macKey));
  }

  /** An event waiting for its place in the chain; {@code details} is canonical JSON. */
  public record NewEvent(
      String actor,
      String actorKind,
      String action,
      String subject,
      String release,
      String product,
      int payloadVersion,
      String details) {
    /** The event's columns of a row of {@code audit_events} or {@code audit_staged}. */
    static NewEvent read(java.sql.ResultSet rs) throws java.sql.SQLException {
      return new NewEvent(
          rs.getString("actor"),
          rs.getString("actor_kind"),
          rs.getString("action"),
          rs.getString("subject"),
          rs.getString("release_id"),
          rs.getString("product"),
          rs.getInt("payload_version"),
          rs.getString("details"));
    }

    /** A person's event outside any product, payload version 1. */
    public NewEvent(String actor, String action, String subject, String release, String details) {
      this(actor, "person", action, subject, release, null, 1, details);
    }
  }

  /** An event at a moment of its own; {@code details} is canonical JSON. */
  public record PastEvent(Instant at, NewEvent event) {}

  /**
   * Takes the chain head's row lock until the transaction ends (waiting for another appender to
   * commit) and answers the head it left. The update locks as "select ... for update" would, and
   * the select after it, a statement of its own, reads the head the other appender left.
   */
  public Head lockHead() {
    if (lockInOneStatement) {
      // PostgreSQL: one round trip, and a row lock writes no new version of the row (each pass of
      // the appender takes it: about nine times a release in the bench)
      return jdbc.sql("select seq, hash from audit_head where id = 1 for update")
          .query((rs, n) -> new Head(rs.getLong("seq"), rs.getString("hash")))
          .single();
    }
    // H2 parses a "for update" select afresh on every call (see ReleaseStore.lockHead)
    jdbc.sql("update audit_head set seq = seq where id = 1").update();
    return head();
  }

  /**
   * Locks the chain head until the transaction ends, unless another transaction holds it (another
   * node's appender chaining, or a generator): then answers nothing at once instead of waiting. On
   * H2 it waits ({@link #lockHead}).
   */
  public java.util.Optional<Head> tryLockHead() {
    if (!lockInOneStatement) return java.util.Optional.of(lockHead());
    return jdbc.sql("select seq, hash from audit_head where id = 1 for update skip locked")
        .query((rs, n) -> new Head(rs.getLong("seq"), rs.getString("hash")))
        .optional();
  }

  /**
   * Chains the events after {@code head} (locked by {@link #lockHead} in this transaction): inserts
   * them with contiguous sequence numbers, hashed in the current form and MACed, in one JDBC batch,
   * and moves the head. Answers the new head.
   */
  public Head chain(Head head, List<PastEvent> events) {
    if (events.isEmpty()) return head;
    List<Object[]> rows = new ArrayList<>(events.size());
    Head next = link(head, events, rows);
    batch.batchUpdate(
        "insert into audit_events (" + COLUMNS + ") values (" + PLACEHOLDERS + ")", rows);
    jdbc.sql("update audit_head set seq = ?, hash = ? where id = 1")
        .params(next.seq(), next.hash())
        .update();
    return next;
  }

  /**
   * Appends events, each at its own moment, after the current head (locked until the transaction
   * ends): for writing a large generated past. Answers the new head.
   */
  public Head appendPast(List<PastEvent> events) {
    return chain(lockHead(), events);
  }

  /**
   * The one row builder: chains the events after {@code head} into rows to insert (current form,
   * with their MAC) and answers the last one as a head. CPU only: no statement runs here.
   */
  static Head link(Head head, List<PastEvent> events, List<Object[]> rows, javax.crypto.Mac mac) {
    long seq = head.seq();
    String prev = head.hash();
    for (PastEvent p : events) {
      seq++;
      Instant at = p.at().truncatedTo(ChronoUnit.MILLIS);
      NewEvent e = p.event();
      String hash = ChainForm.hash(ChainForm.CURRENT, prev, new ChainForm.Fields(seq, at, e));
      rows.add(
          new Object[] {
            seq,
            Timestamps.toDb(at),
            e.actor(),
            e.action(),
            e.subject(),
            e.release(),
            e.details(),
            prev,
            hash,
            e.actorKind(),
            e.product(),
            e.payloadVersion(),
            ChainForm.CURRENT,
            ChainForm.mac(mac, hash)
          });
      prev = hash;
    }
    return new Head(seq, prev);
  }

  private Head link(Head head, List<PastEvent> events, List<Object[]> rows) {
    return link(head, events, rows, mac.get());
  }

  /** The release's rows as stored, with their form and MAC, in sequence order. */
  public List<StoredEvent> storedForRelease(String release) {
    return jdbc.sql("select * from audit_events where release_id = ? order by seq")
        .param(release)
        .query((rs, n) -> map(rs))
        .list();
  }

  public List<AuditEvent> forRelease(String release) {
    return jdbc.sql("select * from audit_events where release_id = ? order by seq")
        .param(release)
        .query((rs, n) -> map(rs).event())
        .list();
  }

  public List<AuditEvent> after(long afterSeq, int limit) {
    return stored(afterSeq, limit).stream().map(StoredEvent::event).toList();
  }

  /** The rows after {@code afterSeq} as stored, with their form and MAC, in sequence order. */
  public List<StoredEvent> stored(long afterSeq, int limit) {
    return jdbc.sql("select * from audit_events where seq > ? order by seq limit ?")
        .params(afterSeq, limit)
        .query((rs, n) -> map(rs))
        .list();
  }

  public long latestSeq() {
    return jdbc.sql("select seq from audit_head where id = 1").query(Long.class).single();
  }

  public Head head() {
    return jdbc.sql("select seq, hash from audit_head where id = 1")
        .query((rs, n) -> new Head(rs.getLong("seq"), rs.getString("hash")))
        .single();
  }

  /** The sequence number of the row holding {@code hash}, if any (verification's slow path). */
  public Long seqOfHash(String hash) {
    return jdbc.sql("select seq from audit_events where hash = ? order by seq limit 1")
        .param(hash)
        .query(Long.class)
        .optional()
        .orElse(null);
  }

  private static StoredEvent map(java.sql.ResultSet rs) throws java.sql.SQLException {
    return new StoredEvent(
        new ChainForm.Fields(
            rs.getLong("seq"),
            Timestamps.fromDb(rs.getObject("at", OffsetDateTime.class)),
            NewEvent.read(rs)),
        rs.getInt("form"),
        rs.getString("prev_hash"),
        rs.getString("hash"),
        rs.getString("mac"));
  }

  /** The chain's last event: its sequence number and hash. */
  public record Head(long seq, String hash) {}
}
