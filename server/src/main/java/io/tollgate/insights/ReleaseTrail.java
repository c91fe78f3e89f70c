package io.tollgate.insights;

import io.tollgate.process.ProcessDefinition;
import java.time.Instant;
import java.util.List;

/**
 * What the audit log says happened to one release, as far as waits go: when it was planned, the
 * process it follows (null when not known) and the marks of its steps, requirements and handoffs.
 */
public record ReleaseTrail(
    String release, Instant planned, ProcessDefinition process, List<Mark> marks) {

  public ReleaseTrail {
    marks = List.copyOf(marks);
  }

  /** What happened. */
  public enum Kind {
    /** A step completed, not failed. */
    STEP_DONE,
    STEP_SKIPPED,
    /** A decision, its key {@code go} or {@code no-go}: a go is the decision step done. */
    DECIDED,
    REQUIREMENT_MET,
    HANDED,
    ACKNOWLEDGED
  }

  /**
   * One thing that happened; {@code key} names the step, requirement or handoff (the verdict of a
   * decision), {@code role} the receiving role of a handoff when the event says it.
   */
  public record Mark(Kind kind, String key, Instant at, String role) {}
}
