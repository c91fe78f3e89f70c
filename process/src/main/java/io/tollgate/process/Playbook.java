package io.tollgate.process;

import java.util.List;
import java.util.Optional;

/** The rollback and incident playbook: what happens when a deployment fails or causes an issue. */
public record Playbook(String trigger, List<PlaybookStepDef> steps) {
  public Playbook {
    steps = List.copyOf(steps);
  }

  public Optional<PlaybookStepDef> step(String key) {
    return steps.stream().filter(s -> s.key().equals(key)).findFirst();
  }
}
