package io.tollgate.audit.internal;

import io.tollgate.audit.AuditEvent;
import io.tollgate.shared.Timestamps;
import java.sql.DatabaseMetaData;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.MetaDataAccessException;
import org.springframework.stereotype.Repository;

/** The audit_events table and its single-row chain head, which serialises appends. */
@Repository
public class AuditStore {
  public static final String GENESIS = ChainForm.GENESIS;

  private static final String COLUMNS =
      "seq, at, actor, action, subject, release_id, details, prev_hash, hash, actor_kind, product,"
          + " payload_version, form, mac";
  private static final String PLACEHOLDERS = String.join(", ", Collections.nCopies(14, "?"));

  private final JdbcClient jdbc;
  private final org.springframework.jdbc.core.JdbcTemplate batch;
  // PostgreSQL moves the head and inserts the first event in one statement (a data-modifying
  // "with"); H2 has no such statement, and in-process it pays nothing for the second one.
  private final boolean moveInOneStatement;

  // one keyed MAC per thread, so an append does not set one up under the chain lock
  private final ThreadLocal<javax.crypto.Mac> mac;

  AuditStore(JdbcClient jdbc, DataSource dataSource, AuditKeys keys) {
    this.jdbc = jdbc;
    this.batch = new org.springframework.jdbc.core.JdbcTemplate(dataSource);
    byte[] macKey = keys.macKey();
    this.mac = ThreadLocal.withInitial(() -> ChainForm.newMac(macKey));
    this.moveInOneStatement = isPostgres(dataSource);
  }

  private static boolean isPostgres(DataSource dataSource) {
    try {
      return "PostgreSQL"
          .equals(
              JdbcUtils.extractDatabaseMetaData(
                  dataSource, DatabaseMetaData::getDatabaseProductName));
    } catch (MetaDataAccessException e) {
      throw new IllegalStateException("Cannot tell which database holds the audit chain", e);
    }
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
    /** A person's event outside any product, payload version 1. */
    public NewEvent(String actor, String action, String subject, String release, String details) {
      this(actor, "person", action, subject, release, null, 1, details);
    }
  }

  /**
   * Appends events after the current head and answers the new head; the head row's lock orders
   * concurrent appends until the transaction ends.
   *
   * <p>{@code expected} is the head this node committed last (null if unknown). While nobody else
   * appended since, one conditional update moves the head and takes its lock, and the events
   * follow: two statements instead of four (on PostgreSQL one, for a single event), which matters
   * because the head stays locked until the commit has reached the disk, so appends go one at a
   * time. If the head moved (another node, a failed commit) or is not the expected one (another
   * hash), it is locked and read first.
   */
  public Head append(List<NewEvent> events, Instant now, Head expected) {
    Instant at = now.truncatedTo(ChronoUnit.MILLIS);
    if (expected != null && !events.isEmpty()) {
      List<Object[]> rows = new ArrayList<>();
      Head next = link(expected, events, at, rows);
      if (moveInOneStatement) {
        // The insert selects from the update, so it adds the event only if the head moved.
        Object[] first = rows.get(0);
        Object[] params = new Object[first.length + 4];
        params[0] = next.seq();
        params[1] = next.hash();
        params[2] = expected.seq();
        params[3] = expected.hash();
        System.arraycopy(first, 0, params, 4, first.length);
        int inserted =
            jdbc.sql(
                    "with moved as (update audit_head set seq = ?, hash = ? where id = 1 and seq ="
                        + " ? and hash = ? returning seq) insert into audit_events ("
                        + COLUMNS
                        + ") select "
                        + PLACEHOLDERS
                        + " from moved")
                .params(params)
                .update();
        if (inserted == 1) {
          insert(rows.subList(1, rows.size()));
          return next;
        }
      } else {
        int moved =
            jdbc.sql(
                    "update audit_head set seq = ?, hash = ? where id = 1 and seq = ? and hash = ?")
                .params(next.seq(), next.hash(), expected.seq(), expected.hash())
                .update();
        if (moved == 1) {
          insert(rows);
          return next;
        }
      }
    }
    // The update takes the head row's lock as "select ... for update" would (waiting for any other
    // appender to commit), and the select after it, a statement of its own, reads the head that
    // appender left. H2 re-parses a "for update" select on every call; these two it parses once.
    jdbc.sql("update audit_head set seq = seq where id = 1").update();
    Head head =
        jdbc.sql("select seq, hash from audit_head where id = 1")
            .query((rs, n) -> new Head(rs.getLong("seq"), rs.getString("hash")))
            .single();
    List<Object[]> rows = new ArrayList<>();
    Head next = link(head, events, at, rows);
    insert(rows);
    jdbc.sql("update audit_head set seq = ?, hash = ? where id = 1")
        .params(next.seq(), next.hash())
        .update();
    return next;
  }

  /**
   * Chains the events after {@code head} into rows to insert (current form, with their MAC);
   * answers the last one as a head. CPU only: no statement runs here.
   */
  private Head link(Head head, List<NewEvent> events, Instant at, List<Object[]> rows) {
    long seq = head.seq();
    String prev = head.hash();
    for (NewEvent e : events) {
      seq++;
      ChainForm.Fields f = new ChainForm.Fields(seq, at, e);
      String hash = ChainForm.hash(ChainForm.CURRENT, prev, f);
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
            ChainForm.mac(mac.get(), hash)
          });
      prev = hash;
    }
    return new Head(seq, prev);
  }

  /** An event at a moment of its own (a generated past); {@code details} is canonical JSON. */
  public record PastEvent(Instant at, NewEvent event) {}

  /**
   * Appends events, each at its own moment, after the current head (locked until the transaction
   * ends) in JDBC batches: hashed and MACed exactly as {@link #append}, for writing a large
   * generated past. Answers the new head.
   */
  public Head appendPast(List<PastEvent> events) {
    jdbc.sql("update audit_head set seq = seq where id = 1").update();
    Head head = head();
    long seq = head.seq();
    String prev = head.hash();
    javax.crypto.Mac keyed = mac.get();
    List<Object[]> rows = new ArrayList<>(events.size());
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
            ChainForm.mac(keyed, hash)
          });
      prev = hash;
    }
    batch.batchUpdate(
        "insert into audit_events (" + COLUMNS + ") values (" + PLACEHOLDERS + ")", rows);
    jdbc.sql("update audit_head set seq = ?, hash = ? where id = 1").params(seq, prev).update();
    return new Head(seq, prev);
  }

  private void insert(List<Object[]> rows) {
    for (Object[] row : rows) {
      jdbc.sql("insert into audit_events (" + COLUMNS + ") values (" + PLACEHOLDERS + ")")
          .params(row)
          .update();
    }
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
            new NewEvent(
                rs.getString("actor"),
                rs.getString("actor_kind"),
                rs.getString("action"),
                rs.getString("subject"),
                rs.getString("release_id"),
                rs.getString("product"),
                rs.getInt("payload_version"),
                rs.getString("details"))),
        rs.getInt("form"),
        rs.getString("prev_hash"),
        rs.getString("hash"),
        rs.getString("mac"));
  }

  /** The chain's last event: its sequence number and hash. */
  public record Head(long seq, String hash) {}
}
