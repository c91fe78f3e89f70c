package io.tollgate.release;

import java.time.Instant;

/**
 * One occurrence of a production freeze that concerns a release: no deploy to production starts or
 * completes between {@code start} and {@code end} unless the release holds an approved override of
 * that freeze.
 *
 * @param freeze the freeze's id (the blocker's key)
 * @param reason why production is frozen
 * @param override the id of the release's approved override of this freeze, or null
 * @param grant that override's reason, requester and approver (null without an override, or when
 *     the provider does not tell)
 */
public record FrozenPeriod(
    String freeze,
    String reason,
    Instant start,
    Instant end,
    String override,
    FreezeOverrideUse.Grant grant) {

  public FrozenPeriod(String freeze, String reason, Instant start, Instant end, String override) {
    this(freeze, reason, start, end, override, null);
  }

  public boolean overridden() {
    return override != null;
  }

  /** Whether the occurrence covers the instant (start inclusive, end exclusive). */
  public boolean covers(Instant at) {
    return !at.isBefore(start) && at.isBefore(end);
  }

  /** Whether the occurrence overlaps [from, to). */
  public boolean overlaps(Instant from, Instant to) {
    return start.isBefore(to) && end.isAfter(from);
  }
}
