package io.tollgate.audit;

import java.time.Instant;

/**
 * One recorded change. {@code hash} is SHA-256 over {@code prevHash} and the canonical form of the
 * event; {@code details} is canonical JSON (keys sorted).
 */
public record AuditEvent(
    long seq,
    Instant at,
    String actor,
    String action,
    String subject,
    String release,
    String details,
    String prevHash,
    String hash) {}
