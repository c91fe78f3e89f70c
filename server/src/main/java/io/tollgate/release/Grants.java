package io.tollgate.release;

import io.tollgate.process.RequirementDef;
import io.tollgate.process.StepDef;

/**
 * What the process grants actors that are not people ({@code system}, an integration such as {@code
 * github}): they hold no role, so they may do only this. A person's permissions are their roles,
 * checked where each command is.
 *
 * <ul>
 *   <li>meet a requirement through an event kind it declares in {@code autoMet} (e.g. {@code
 *       ci.succeeded});
 *   <li>start and complete the deploy, smoke-test and verification steps of an environment whose
 *       automation the actor runs ({@link Participant#automatedEnvironments()}).
 * </ul>
 *
 * Nothing else: no decision, skip, handoff, notes, cancel, or manual step.
 */
final class Grants {
  private Grants() {}

  static boolean mayRunStep(StepDef def, Participant by) {
    return !by.isPerson()
        && def.kind().needsOutcome()
        && def.environment() != null
        && by.automatedEnvironments().contains(def.environment());
  }

  static boolean mayMeet(RequirementDef def, Participant by, String eventKind) {
    return !by.isPerson() && def.autoMetBy(eventKind);
  }
}
