package io.tollgate.process;

import java.util.List;
import java.util.Optional;

/**
 * A validated release process. Immutable; produced only by {@link ProcessParser}, so every role,
 * step and requirement it names exists and the steps form no cycle.
 */
public record ProcessDefinition(
    String id,
    String name,
    String description,
    List<Role> roles,
    List<RequirementDef> requirements,
    List<StepDef> steps,
    List<HandoffDef> handoffs,
    Playbook playbook,
    NotesTemplate notes) {

  public ProcessDefinition {
    roles = List.copyOf(roles);
    requirements = List.copyOf(requirements);
    steps = List.copyOf(steps);
    handoffs = List.copyOf(handoffs);
  }

  public boolean hasRole(String key) {
    return roles.stream().anyMatch(r -> r.key().equals(key));
  }

  public Optional<Role> role(String key) {
    return roles.stream().filter(r -> r.key().equals(key)).findFirst();
  }

  public Optional<RequirementDef> requirement(String key) {
    return requirements.stream().filter(r -> r.key().equals(key)).findFirst();
  }

  public Optional<StepDef> step(String key) {
    return steps.stream().filter(s -> s.key().equals(key)).findFirst();
  }

  /** The one step where the go/no-go decision is made. */
  public StepDef decisionStep() {
    return steps.stream().filter(StepDef::isDecision).findFirst().orElseThrow();
  }

  /** Environments the checklist deploys to, in the order the steps name them. */
  public List<String> environments() {
    return steps.stream().map(StepDef::environment).filter(e -> e != null).distinct().toList();
  }
}
