package io.tollgate.release;

import java.time.Instant;

/**
 * An emergency freeze override as the go decision it deployed under keeps it: who asked and why,
 * the second release manager who approved it, and the deployment that used it (its step, who ran it
 * and when). Recorded in the standing go decision's snapshot when a production deploy uses the
 * override (document schema version 4).
 *
 * @param override the override's id
 * @param freeze the freeze's id; {@code freezeReason} why production was frozen
 * @param reason why the override was asked for
 */
public record FreezeOverrideUse(
    String override,
    String freeze,
    String freezeReason,
    String reason,
    String requestedBy,
    Instant requestedAt,
    String approvedBy,
    Instant approvedAt,
    String step,
    String usedBy,
    Instant usedAt) {

  /** An approved override as the freeze feature answers it, before a deployment used it. */
  public record Grant(
      String id,
      String reason,
      String requestedBy,
      Instant requestedAt,
      String approvedBy,
      Instant approvedAt) {}

  static FreezeOverrideUse of(FrozenPeriod p, String step, String usedBy, Instant usedAt) {
    Grant g = p.grant();
    return new FreezeOverrideUse(
        p.override(),
        p.freeze(),
        p.reason(),
        g == null ? null : g.reason(),
        g == null ? null : g.requestedBy(),
        g == null ? null : g.requestedAt(),
        g == null ? null : g.approvedBy(),
        g == null ? null : g.approvedAt(),
        step,
        usedBy,
        usedAt);
  }
}
