package io.tollgate.process;

import java.util.Set;

/**
 * Responsibility moving from one role to another, handed when the {@code trigger} step completes
 * (for a decision step: when the decision is go) and acknowledged by a holder of the {@code to}
 * role.
 */
public record HandoffDef(
    String key,
    String from,
    String to,
    String handsOver,
    String trigger,
    Set<ReleaseType> appliesTo) {

  public HandoffDef {
    appliesTo = Set.copyOf(appliesTo);
  }

  public boolean appliesTo(ReleaseType type) {
    return appliesTo.contains(type);
  }
}
