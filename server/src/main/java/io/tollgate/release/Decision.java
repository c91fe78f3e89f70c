package io.tollgate.release;

import java.time.Instant;
import java.util.List;

/**
 * A go/no-go decision with the state of every requirement and step when it was made.
 *
 * @param revision the release revision the decision produced; null in documents stored before it
 *     was kept (such a decision counts as followed by other changes)
 * @param commit the commit the release was built from when it was made, or null
 * @param staleBecause why a go no longer stands (commits added after it, a failing CI run on its
 *     commit), or null while it stands
 */
public record Decision(
    Verdict decision,
    String rationale,
    String by,
    Instant at,
    Snapshot snapshot,
    Long revision,
    String commit,
    String staleBecause) {

  /** A decision on no named commit, standing. */
  public Decision(
      Verdict decision, String rationale, String by, Instant at, Snapshot snapshot, Long revision) {
    this(decision, rationale, by, at, snapshot, revision, null, null);
  }

  /** Whether a go no longer stands: production waits for a new decision. */
  public boolean stale() {
    return staleBecause != null;
  }

  /** This decision, gone stale for the reason given. */
  public Decision wentStale(String because) {
    return new Decision(decision, rationale, by, at, snapshot, revision, commit, because);
  }

  /** Go or no-go. */
  public enum Verdict {
    GO,
    NO_GO;

    public String id() {
      return this == GO ? "go" : "no-go";
    }

    /** The one mark shown beside the verdict on every page. */
    public String icon() {
      return this == GO ? "✓" : "⛔";
    }

    public static java.util.Optional<Verdict> parse(String value) {
      if ("go".equals(value)) return java.util.Optional.of(GO);
      if ("no-go".equals(value)) return java.util.Optional.of(NO_GO);
      return java.util.Optional.empty();
    }
  }

  /** This decision with a freeze override a deployment under it used added to its snapshot. */
  Decision withOverrideUsed(FreezeOverrideUse use) {
    List<FreezeOverrideUse> overrides = new java.util.ArrayList<>(snapshot.overrides());
    overrides.add(use);
    Snapshot s =
        new Snapshot(snapshot.requirements(), snapshot.steps(), snapshot.approvals(), overrides);
    return new Decision(decision, rationale, by, at, s, revision, commit, staleBecause);
  }

  /**
   * Every requirement and step, and the approvals given for the decision, frozen at decision time
   * (a decision stored before approvals existed has none); and the emergency freeze overrides that
   * deployments under this decision used, added as they are used (a decision stored before document
   * version 4 has none).
   */
  public record Snapshot(
      List<RequirementState> requirements,
      List<StepState> steps,
      List<Approval> approvals,
      List<FreezeOverrideUse> overrides) {
    public Snapshot {
      requirements = List.copyOf(requirements);
      steps = List.copyOf(steps);
      approvals = approvals == null ? List.of() : List.copyOf(approvals);
      overrides = overrides == null ? List.of() : List.copyOf(overrides);
    }

    public Snapshot(
        List<RequirementState> requirements, List<StepState> steps, List<Approval> approvals) {
      this(requirements, steps, approvals, List.of());
    }

    public Snapshot(List<RequirementState> requirements, List<StepState> steps) {
      this(requirements, steps, List.of(), List.of());
    }
  }

  public boolean isGo() {
    return decision == Verdict.GO;
  }
}
