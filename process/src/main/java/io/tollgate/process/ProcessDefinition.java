package io.tollgate.process;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

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
    NotesTemplate notes,
    List<DutyRule> separationOfDuties,
    List<ApprovalDef> approvals) {

  public ProcessDefinition {
    roles = List.copyOf(roles);
    requirements = List.copyOf(requirements);
    steps = List.copyOf(steps);
    handoffs = List.copyOf(handoffs);
    separationOfDuties = separationOfDuties == null ? List.of() : List.copyOf(separationOfDuties);
    approvals = approvals == null ? List.of() : List.copyOf(approvals);
  }

  /** The approvals go needs on a release of this type, in file order. */
  public List<ApprovalDef> approvalsFor(ReleaseType type) {
    return approvals.stream().filter(a -> a.appliesTo(type)).toList();
  }

  /** The separation-of-duties rules that name this act. */
  public List<DutyRule> dutiesOf(DutyRule.Act act) {
    return separationOfDuties.stream().filter(r -> r.names(act)).toList();
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

  /**
   * The role that manages a release: the owner of the decision step (the release manager in the
   * built-in process). It plans and cancels releases and resolves incidents.
   */
  public String releaseManagerRole() {
    return decisionStep().owner();
  }

  public Optional<HandoffDef> handoff(String key) {
    return handoffs.stream().filter(h -> h.key().equals(key)).findFirst();
  }

  /**
   * The steps go waits for: those listed before the decision step and everything it depends on, in
   * process order, without the decision step itself.
   */
  public Set<String> stepsBeforeDecision() {
    StepDef decision = decisionStep();
    Set<String> before = new LinkedHashSet<>();
    for (StepDef s : steps) {
      if (s.key().equals(decision.key())) break;
      before.add(s.key());
    }
    before.addAll(dependenciesOf(decision.key()));
    before.remove(decision.key());
    return before;
  }

  /** Every step the given step waits for, directly or through other steps. */
  public Set<String> dependenciesOf(String stepKey) {
    Set<String> into = new LinkedHashSet<>();
    step(stepKey).ifPresent(s -> collect(s, into));
    return into;
  }

  private void collect(StepDef step, Set<String> into) {
    for (String after : step.after()) {
      if (into.add(after)) step(after).ifPresent(s -> collect(s, into));
    }
  }

  /** Deploy steps that wait, directly or through other steps, for the decision: production. */
  public List<String> gatedDeploySteps() {
    String decision = decisionStep().key();
    return steps.stream()
        .filter(s -> s.kind() == StepKind.DEPLOY && dependenciesOf(s.key()).contains(decision))
        .map(StepDef::key)
        .toList();
  }

  /** The checklist step that deploys to {@code environment}, if the process has one. */
  public Optional<StepDef> deployStep(String environment) {
    return steps.stream()
        .filter(s -> s.kind() == StepKind.DEPLOY && s.environment() != null)
        .filter(s -> s.environment().equals(environment))
        .findFirst();
  }

  /** Environments the checklist deploys to, in the order the steps name them. */
  public List<String> environments() {
    return steps.stream().map(StepDef::environment).filter(e -> e != null).distinct().toList();
  }
}
