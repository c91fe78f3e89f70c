package io.tollgate.process;

import java.util.List;

/**
 * One step of the incident playbook, owned by one role.
 *
 * @param action {@code ROLLBACK} returns {@code environment} to the last known-good release; {@code
 *     RESOLVE} is done by resolving the incident (with its root cause and action items)
 */
public record PlaybookStepDef(
    String key,
    String title,
    String owner,
    boolean optional,
    List<String> after,
    Action action,
    String environment) {

  /** What completing the step does besides recording it. */
  public enum Action {
    NONE,
    ROLLBACK,
    /** The step is completed by resolving the incident, with a root cause and action items. */
    RESOLVE
  }

  public PlaybookStepDef {
    after = List.copyOf(after);
  }
}
