package io.tollgate.process;

import java.util.List;

/**
 * A separation-of-duties rule: no one person may do two of the acts it names on the same release
 * (for example decide go and deploy to production).
 *
 * @param rule the rule's name, shown in refusals (e.g. {@code decider-not-deployer})
 * @param acts two or more acts, each at most once
 */
public record DutyRule(String rule, String description, List<Act> acts) {
  public DutyRule {
    acts = List.copyOf(acts);
  }

  /**
   * What a person does on a release: decide go, complete (or run) a step, meet or sign a
   * requirement.
   */
  public enum Kind {
    DECISION("decision"),
    STEP("step"),
    REQUIREMENT("requirement");

    private final String id;

    Kind(String id) {
      this.id = id;
    }

    public String id() {
      return id;
    }
  }

  /** One act: {@code decision:go}, {@code step:<key>} or {@code requirement:<key>}. */
  public record Act(Kind kind, String key) {
    @Override
    public String toString() {
      return kind.id() + ":" + key;
    }
  }

  public boolean names(Act act) {
    return acts.contains(act);
  }
}
