package io.tollgate.process;

import java.time.Duration;
import java.util.Set;

/**
 * Responsibility moving from one role to another, handed when the {@code trigger} step completes
 * (for a decision step: when the decision is go) and acknowledged by a holder of the {@code to}
 * role; unacknowledged after {@code sla} (default {@link HandoffSla#DEFAULT}), the release manager
 * is told.
 */
public record HandoffDef(
    String key,
    String from,
    String to,
    String handsOver,
    String trigger,
    Set<ReleaseType> appliesTo,
    Duration sla) {

  public HandoffDef {
    appliesTo = Set.copyOf(appliesTo);
    if (sla == null) sla = HandoffSla.DEFAULT;
  }

  /** A handoff with the default SLA. */
  public HandoffDef(
      String key,
      String from,
      String to,
      String handsOver,
      String trigger,
      Set<ReleaseType> appliesTo) {
    this(key, from, to, handsOver, trigger, appliesTo, HandoffSla.DEFAULT);
  }

  public boolean appliesTo(ReleaseType type) {
    return appliesTo.contains(type);
  }
}
