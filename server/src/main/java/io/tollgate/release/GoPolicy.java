package io.tollgate.release;

import io.tollgate.process.ProcessDefinition;
import io.tollgate.process.RequirementDef;
import io.tollgate.process.StepDef;
import io.tollgate.shared.Blocker;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Go needs every requirement of the release met and every step before the decision (listed before
 * it, or that it waits for) done or skipped. No-go needs nothing.
 */
final class GoPolicy {
  private GoPolicy() {}

  /** What go waits for, requirements first, in process order; empty when go is possible. */
  static List<Blocker> blockers(
      ProcessDefinition process,
      Map<String, RequirementState> requirements,
      Map<String, StepState> steps) {
    List<Blocker> blockers = new ArrayList<>();
    for (RequirementState state : requirements.values()) {
      if (!state.met()) {
        RequirementDef def = process.requirement(state.key()).orElseThrow();
        String who =
            String.join(
                " + ",
                def.needsSeveralSignatures()
                    ? SignaturePolicy.unsignedRoles(def, state)
                    : def.signers());
        blockers.add(new Blocker("requirement", def.key(), def.title() + " (" + who + ")"));
      }
    }
    for (String key : process.stepsBeforeDecision()) {
      StepState state = steps.get(key);
      if (state != null && !state.status().isSettled()) {
        StepDef def = process.step(key).orElseThrow();
        String how = state.status() == StepStatus.FAILED ? ", failed" : "";
        blockers.add(new Blocker("step", key, def.title() + " (" + def.owner() + how + ")"));
      }
    }
    return blockers;
  }
}
