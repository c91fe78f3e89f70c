package io.tollgate.audit;

/**
 * One stored event with the exact text its hash was computed over: {@code hash} is SHA-256 over the
 * UTF-8 bytes of {@code event.prevHash()} (64 hex characters) followed by {@code canonical}. The
 * canonical form is rebuilt from the row as stored, so an event altered in the database shows here
 * with a canonical form whose hash no longer matches.
 *
 * @param form the canonical form the row was hashed in (1 or 2, see the README's "Audit")
 */
public record SealedEvent(AuditEvent event, int form, String canonical) {}
