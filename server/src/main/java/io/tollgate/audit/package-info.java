/**
 * The append-only, hash-chained audit log: one past-tense event per change, staged in the same
 * transaction as the change ({@link io.tollgate.audit.AuditLog#append}) and chained right after it
 * by one appender at a time, each keyed with a MAC; signed checkpoints of its head ({@link
 * io.tollgate.audit.AuditCheckpoints}) that {@link io.tollgate.audit.AuditLog#verify(Checkpoint)}
 * checks for truncation, rewriting and reordering; durable cursors for consumers ({@link
 * io.tollgate.audit.AuditStream}); and the timeline's sentences ({@link
 * io.tollgate.audit.AuditTimeline}).
 */
package io.tollgate.audit;
