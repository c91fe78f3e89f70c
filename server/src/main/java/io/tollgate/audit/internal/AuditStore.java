package io.tollgate.audit.internal;

import io.tollgate.audit.AuditEvent;
import io.tollgate.audit.Verification;
import io.tollgate.shared.Timestamps;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The audit_events table and its single-row chain head, which serialises appends. */
@Repository
public class AuditStore {
  public static final String GENESIS = "0".repeat(64);

  private final JdbcClient jdbc;

  AuditStore(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** An event waiting for its place in the chain. */
  public record NewEvent(
      String actor, String action, String subject, String release, String details) {}

  /** Appends events after the current head; the head row lock orders concurrent appends. */
  public void append(List<NewEvent> events, Instant now) {
    if (events.isEmpty()) {
      return;
    }
    // The update takes the head row's lock as "select ... for update" would (waiting for any other
    // appender to commit), and the select after it, a statement of its own, reads the head that
    // appender left. H2 re-parses a "for update" select on every call; these two it parses once.
    jdbc.sql("update audit_head set seq = seq where id = 1").update();
    Head head =
        jdbc.sql("select seq, hash from audit_head where id = 1")
            .query((rs, n) -> new Head(rs.getLong("seq"), rs.getString("hash")))
            .single();
    Instant at = now.truncatedTo(ChronoUnit.MILLIS);
    long seq = head.seq();
    String prev = head.hash();
    for (NewEvent e : events) {
      seq++;
      String hash =
          hash(prev, seq, at, e.actor(), e.action(), e.subject(), e.release(), e.details());
      jdbc.sql(
              "insert into audit_events (seq, at, actor, action, subject, release_id, details, prev_hash, hash)"
                  + " values (?, ?, ?, ?, ?, ?, ?, ?, ?)")
          .params(
              seq,
              Timestamps.toDb(at),
              e.actor(),
              e.action(),
              e.subject(),
              e.release(),
              e.details(),
              prev,
              hash)
          .update();
      prev = hash;
    }
    jdbc.sql("update audit_head set seq = ?, hash = ? where id = 1").params(seq, prev).update();
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

  private record Head(long seq, String hash) {}
}
