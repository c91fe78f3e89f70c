package io.tollgate.audit;

import java.time.Instant;

/**
 * One recorded change. {@code action} is the event's type ({@code step.completed}, ...; rows
 * written before the event vocabulary hold the older imperative names such as {@code
 * step.complete}). {@code hash} is SHA-256 over {@code prevHash} and the canonical form of the
 * event; {@code details} is the payload as canonical JSON (keys sorted).
 *
 * @param actorKind {@code person}, {@code system} or {@code integration}
 * @param product the product the event belongs to, or null
 * @param payloadVersion the version of the type's payload shape
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
    String hash,
    String actorKind,
    String product,
    int payloadVersion) {

  /** The event's type: the same as {@link #action()}, under the vocabulary's name. */
  public String type() {
    return action;
  }
}
