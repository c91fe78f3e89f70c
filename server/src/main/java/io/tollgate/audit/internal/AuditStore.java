package io.tollgate.audit.internal;

import io.tollgate.audit.AuditEvent;
import io.tollgate.audit.Verification;
import io.tollgate.shared.Timestamps;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.DatabaseMetaData;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.MetaDataAccessException;
import org.springframework.stereotype.Repository;

/** The audit_events table and its single-row chain head, which serialises appends. */
@Repository
public class AuditStore {
  public static final String GENESIS = "0".repeat(64);

  private static final String COLUMNS =
      "seq, at, actor, action, subject, release_id, details, prev_hash, hash";

  private final JdbcClient jdbc;
  // PostgreSQL moves the head and inserts the first event in one statement (a data-modifying
  // "with"); H2 has no such statement, and in-process it pays nothing for the second one.
  private final boolean moveInOneStatement;

  AuditStore(JdbcClient jdbc, DataSource dataSource) {
    this.jdbc = jdbc;
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

  /** An event waiting for its place in the chain. */
  public record NewEvent(
      String actor, String action, String subject, String release, String details) {}

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
                    "with moved as (update audit_head set seq = ?, hash = ? where id = 1 and seq = ?"
                        + " and hash = ? returning seq) insert into audit_events ("
                        + COLUMNS
                        + ") select ?, ?, ?, ?, ?, ?, ?, ?, ? from moved")
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

  /** Chains the events after {@code head} into rows to insert; answers the last one as a head. */
  private static Head link(Head head, List<NewEvent> events, Instant at, List<Object[]> rows) {
    long seq = head.seq();
    String prev = head.hash();
    for (NewEvent e : events) {
      seq++;
      String hash =
          hash(prev, seq, at, e.actor(), e.action(), e.subject(), e.release(), e.details());
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
            hash
          });
      prev = hash;
    }
    return new Head(seq, prev);
  }

  private void insert(List<Object[]> rows) {
    for (Object[] row : rows) {
      jdbc.sql("insert into audit_events (" + COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?)")
          .params(row)
          .update();
    }
  }

  public List<AuditEvent> forRelease(String release) {
    return jdbc.sql("select * from audit_events where release_id = ? order by seq")
        .param(release)
        .query((rs, n) -> map(rs))
        .list();
  }

  public List<AuditEvent> after(long afterSeq, int limit) {
    return jdbc.sql("select * from audit_events where seq > ? order by seq limit ?")
        .params(afterSeq, limit)
        .query((rs, n) -> map(rs))
        .list();
  }

  public long latestSeq() {
    return jdbc.sql("select seq from audit_head where id = 1").query(Long.class).single();
  }

  public Verification verify() {
    long checked = 0;
    String prev = GENESIS;
    long expectedSeq = 0;
    final int batch = 1000;
    long after = 0;
    while (true) {
      List<AuditEvent> events = after(after, batch);
      for (AuditEvent e : events) {
        expectedSeq++;
        String recomputed =
            hash(
                prev,
                e.seq(),
                e.at(),
                e.actor(),
                e.action(),
                e.subject(),
                e.release(),
                e.details());
        if (e.seq() != expectedSeq || !e.prevHash().equals(prev) || !recomputed.equals(e.hash())) {
          return new Verification(false, checked, e.seq() != expectedSeq ? expectedSeq : e.seq());
        }
        prev = e.hash();
        checked++;
        after = e.seq();
      }
      if (events.size() < batch) {
        break;
      }
    }
    Head head =
        jdbc.sql("select seq, hash from audit_head where id = 1")
            .query((rs, n) -> new Head(rs.getLong("seq"), rs.getString("hash")))
            .single();
    if (head.seq() != expectedSeq || !head.hash().equals(prev)) {
      // Events were removed from the end of the chain.
      return new Verification(false, checked, expectedSeq + 1);
    }
    return new Verification(true, checked, null);
  }

  private static AuditEvent map(java.sql.ResultSet rs) throws java.sql.SQLException {
    return new AuditEvent(
        rs.getLong("seq"),
        Timestamps.fromDb(rs.getObject("at", OffsetDateTime.class)),
        rs.getString("actor"),
        rs.getString("action"),
        rs.getString("subject"),
        rs.getString("release_id"),
        rs.getString("details"),
        rs.getString("prev_hash"),
        rs.getString("hash"));
  }

  /** SHA-256 over the previous hash and the canonical JSON form of the event. */
  static String hash(
      String prev,
      long seq,
      Instant at,
      String actor,
      String action,
      String subject,
      String release,
      String details) {
    String canonical =
        "{\"action\":"
            + CanonicalJson.string(action)
            + ",\"actor\":"
            + CanonicalJson.string(actor)
            + ",\"at\":"
            + CanonicalJson.string(at.truncatedTo(ChronoUnit.MILLIS).toString())
            + ",\"details\":"
            + details
            + ",\"release\":"
            + CanonicalJson.string(release)
            + ",\"seq\":"
            + seq
            + ",\"subject\":"
            + CanonicalJson.string(subject)
            + "}";
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(prev.getBytes(StandardCharsets.UTF_8));
      sha.update(canonical.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(sha.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The chain's last event: its sequence number and hash. */
  public record Head(long seq, String hash) {}
}
