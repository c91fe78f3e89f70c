/**
 * The append-only, hash-chained audit log. Every change appends one event in the same transaction
 * as the change; {@link io.tollgate.audit.AuditLog#verify()} finds the first altered event.
 */
package io.tollgate.audit;
