package io.tollgate.insights;

import java.time.Instant;

/**
 * How long one step, requirement or handoff of one release waited before it was done, and the role
 * that owned it.
 *
 * @param kind {@code step}, {@code requirement} or {@code handoff}
 * @param doneAt when the wait ended: the step done, the requirement met, the handoff acknowledged
 */
public record Wait(String kind, String key, String role, long seconds, Instant doneAt) {
  public static final String STEP = "step";
  public static final String REQUIREMENT = "requirement";
  public static final String HANDOFF = "handoff";
}
