package io.tollgate.process;

import java.util.List;
import java.util.Optional;

/**
 * The rollback and incident playbook: what happens when a deployment fails or causes an issue.
 *
 * @param severities the severities an incident may have, most severe first; {@link
 *     #DEFAULT_SEVERITIES} when the process declares none
 */
public record Playbook(String trigger, List<PlaybookStepDef> steps, List<String> severities) {
  /** The severities of a process that declares none (and of every process stored before). */
  public static final List<String> DEFAULT_SEVERITIES =
      List.of("critical", "high", "medium", "low");

  public Playbook {
    steps = List.copyOf(steps);
    severities =
        severities == null || severities.isEmpty() ? DEFAULT_SEVERITIES : List.copyOf(severities);
  }

  public Optional<PlaybookStepDef> step(String key) {
    return steps.stream().filter(s -> s.key().equals(key)).findFirst();
  }

  /** The most severe severity, given to incidents opened automatically. */
  public String mostSevere() {
    return severities.get(0);
  }

  public boolean hasSeverity(String severity) {
    return severities.contains(severity);
  }
}
