package io.tollgate.audit;

import io.tollgate.audit.internal.AuditCursors;
import io.tollgate.audit.internal.AuditStore;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The audit log read as a stream by durable consumers (an outbox, a webhook sender, an export):
 * each consumer's position is a row of {@code audit_cursors}, so a restart, or another node,
 * resumes where the last committed batch ended.
 *
 * <p>Use both calls in the consumer's own transaction: {@link #poll} locks the consumer's cursor
 * and answers the next events; the consumer does its work, then {@link #advance}s the cursor past
 * what it handled; both commit together, or neither. While one transaction holds a consumer's
 * cursor, another poll for that consumer (on any node) answers nothing instead of the same batch.
 */
@Service
public class AuditStream {
  private final AuditCursors cursors;
  private final AuditStore store;
  private final Clock clock;

  AuditStream(AuditCursors cursors, AuditStore store, Clock clock) {
    this.cursors = cursors;
    this.store = store;
    this.clock = clock;
  }

  /**
   * The next events after the consumer's cursor, at most {@code max}, with the cursor locked until
   * the transaction ends; empty when there is nothing new or another reader holds the cursor. A
   * consumer seen for the first time starts at the beginning of the log.
   */
  @Transactional(propagation = Propagation.MANDATORY)
  public List<AuditEvent> poll(String consumer, int max) {
    return poll(consumer, max, java.time.Duration.ZERO);
  }

  /**
   * As {@link #poll(String, int)}, but nothing also when the consumer's cursor moved less than
   * {@code notWithin} ago, on any node (by the database's clock, which they share). A consumer that
   * every node polls at a fixed interval then reads as often as one node would, in batches as
   * large: with two nodes each polling every 100 ms, the outbox was read twice as often in batches
   * half as large, each paying the batch's fixed lookups. {@link java.time.Duration#ZERO} polls as
   * {@link #poll(String, int)} does (a backlog).
   */
  @Transactional(propagation = Propagation.MANDATORY)
  public List<AuditEvent> poll(String consumer, int max, java.time.Duration notWithin) {
    if (max < 1) throw new IllegalArgumentException("max is at least 1");
    Long at = cursors.lockUnlessMovedWithin(consumer, Instant.now(clock), notWithin);
    if (at == null) return List.of();
    return store.after(at, max);
  }

  /**
   * Moves the consumer's cursor to {@code seq} (the last event it handled), in the transaction of
   * the {@link #poll} that locked it. A cursor never moves backwards.
   */
  @Transactional(propagation = Propagation.MANDATORY)
  public void advance(String consumer, long seq) {
    cursors.advance(consumer, seq, Instant.now(clock));
  }

  /** Where the consumer's cursor stands (0 for a consumer never seen). */
  @Transactional(readOnly = true)
  public long position(String consumer) {
    return cursors.position(consumer);
  }
}
