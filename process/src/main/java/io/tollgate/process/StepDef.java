package io.tollgate.process;

import java.util.List;
import java.util.Set;

/**
 * A checklist step, owned by one role.
 *
 * @param after steps that must be done (or skipped, when optional) first
 * @param requires requirements that must be met first; a decision step implicitly requires all
 * @param environment the environment a deploy, smoke-test or verification step acts on
 * @param meets requirements met when this step completes with outcome {@code succeeded}
 * @param incidentOnFailure a failed outcome opens an incident with the playbook
 */
public record StepDef(
    String key,
    String title,
    String description,
    String owner,
    StepKind kind,
    String environment,
    boolean optional,
    List<String> after,
    List<String> requires,
    List<String> meets,
    boolean incidentOnFailure,
    Set<ReleaseType> appliesTo) {

  public StepDef {
    after = List.copyOf(after);
    requires = List.copyOf(requires);
    meets = List.copyOf(meets);
    appliesTo = Set.copyOf(appliesTo);
  }

  public boolean appliesTo(ReleaseType type) {
    return appliesTo.contains(type);
  }

  public boolean isDecision() {
    return kind == StepKind.DECISION;
  }
}
