package io.tollgate.audit.internal;

import io.tollgate.shared.Timestamps;
import java.time.Instant;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/** The {@code audit_cursors} table: one row per durable consumer of the audit log. */
@Repository
public class AuditCursors {
  private final JdbcClient jdbc;
  private final TransactionTemplate own;

  AuditCursors(JdbcClient jdbc, PlatformTransactionManager transactions) {
    this.jdbc = jdbc;
    this.own = new TransactionTemplate(transactions);
    own.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
  }

  /**
   * Locks the consumer's cursor row for the transaction and answers its position; null when another
   * transaction holds it (skipped, not waited for). Creates the row at 0 the first time.
   */
  public Long lock(String consumer, Instant now) {
    Long seq = tryLock(consumer);
    if (seq == null && !exists(consumer)) {
      register(consumer, now);
      seq = tryLock(consumer);
    }
    return seq;
  }

  /**
   * As {@link #lock}, but null also when the cursor moved less than {@code gap} ago. Both moments
   * are the database's ({@code current_timestamp}), the clock all nodes share, so neither a node's
   * clock running ahead nor a clock set by hand (a test, the demo history) holds the consumer back.
   */
  public Long lockUnlessMovedWithin(String consumer, Instant now, java.time.Duration gap) {
    if (gap.isZero() || gap.isNegative()) return lock(consumer, now);
    Cursor row =
        jdbc.sql(
                "select seq, read_at, current_timestamp as db_now from audit_cursors"
                    + " where consumer = ? for update skip locked")
            .param(consumer)
            .query(
                (rs, n) ->
                    new Cursor(
                        rs.getLong("seq"),
                        Timestamps.fromDb(rs.getObject("read_at", java.time.OffsetDateTime.class)),
                        Timestamps.fromDb(rs.getObject("db_now", java.time.OffsetDateTime.class))))
            .optional()
            .orElse(null);
    if (row == null) return lock(consumer, now); // held by another reader, or not registered yet
    return row.movedWithin(gap) ? null : row.seq();
  }

  /** A cursor as a paced reader finds it: where, when it last moved, and the database's now. */
  record Cursor(long seq, Instant readAt, Instant dbNow) {
    boolean movedWithin(java.time.Duration gap) {
      // a little after now: another transaction that started later and moved it (on PostgreSQL
      // current_timestamp is when the transaction started)
      return readAt != null && readAt.isAfter(dbNow.minus(gap)) && !readAt.isAfter(dbNow.plus(gap));
    }
  }

  /**
   * Creates the consumer's row in a transaction of its own, so that a reader registering the same
   * consumer at the same moment (a duplicate key) does not spoil the caller's transaction.
   */
  private void register(String consumer, Instant now) {
    try {
      own.executeWithoutResult(
          s ->
              jdbc.sql("insert into audit_cursors (consumer, seq, updated_at) values (?, 0, ?)")
                  .params(consumer, Timestamps.toDb(now))
                  .update());
    } catch (DuplicateKeyException registeredMeanwhile) {
      // the other reader's row serves as well
    }
  }

  private Long tryLock(String consumer) {
    return jdbc.sql("select seq from audit_cursors where consumer = ? for update skip locked")
        .param(consumer)
        .query(Long.class)
        .optional()
        .orElse(null);
  }

  private boolean exists(String consumer) {
    return jdbc.sql("select count(*) from audit_cursors where consumer = ?")
            .param(consumer)
            .query(Long.class)
            .single()
        > 0;
  }

  public void advance(String consumer, long seq, Instant now) {
    int moved =
        jdbc.sql(
                "update audit_cursors set seq = ?, updated_at = ?, read_at = current_timestamp"
                    + " where consumer = ? and seq <= ?")
            .params(seq, Timestamps.toDb(now), consumer, seq)
            .update();
    if (moved != 1) {
      throw new IllegalStateException(
          "The cursor of '" + consumer + "' is unknown or past " + seq + ": poll before advancing");
    }
  }

  public long position(String consumer) {
    return jdbc.sql("select seq from audit_cursors where consumer = ?")
        .param(consumer)
        .query(Long.class)
        .optional()
        .orElse(0L);
  }
}
