package io.tollgate.audit;

import io.tollgate.shared.Actor;
import java.util.Map;
import java.util.Objects;

/**
 * One domain event to be appended to the audit log, in the one vocabulary every consumer reads: a
 * past-tense {@code type} ({@code step.completed}, {@code decision.recorded}, ...), the actor and
 * its kind, the product and the subject it is about, and a versioned payload.
 *
 * @param type past-tense event type, {@code noun.verb-ed}
 * @param actor who did it (person, system or integration)
 * @param product the product it belongs to, or null for changes outside any product
 * @param subject what changed, as {@code kind/id} (e.g. {@code release/8c1…})
 * @param release the release it belongs to, or null
 * @param payloadVersion the version of this type's payload shape, starting at 1
 * @param payload the event's facts (JSON-able values only)
 */
public record AuditRecord(
    String type,
    Actor actor,
    String product,
    String subject,
    String release,
    int payloadVersion,
    Map<String, ?> payload) {
  public AuditRecord {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(subject, "subject");
    if (payloadVersion < 1) throw new IllegalArgumentException("payloadVersion starts at 1");
    payload = payload == null ? Map.of() : payload;
  }

  /** A version-1 payload. */
  public static AuditRecord of(
      String type,
      Actor actor,
      String product,
      String subject,
      String release,
      Map<String, ?> payload) {
    return new AuditRecord(type, actor, product, subject, release, 1, payload);
  }
}
