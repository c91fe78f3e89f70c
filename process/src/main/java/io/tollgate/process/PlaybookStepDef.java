package io.tollgate.process;

import java.util.List;

/**
 * One step of the incident playbook, owned by one role.
 *
 * @param action {@code ROLLBACK} returns {@code environment} to the last known-good release; {@code
 *     RESOLVE} is done by resolving the incident (with its root cause and action items); {@code
 *     TELL_CUSTOMERS} ({@code tell-customers}) turns the note into a status message to the
 *     product's customer list, recorded as the step's evidence
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
    RESOLVE,
    /**
     * Completing the step sends a status message, written from its note, to the product's customer
     * list; the message is the step's evidence.
     */
    TELL_CUSTOMERS;

    /** The name a process file uses: {@code rollback}, {@code resolve}, {@code tell-customers}. */
    public String yamlName() {
      return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
  }

  public PlaybookStepDef {
    after = List.copyOf(after);
  }
}
