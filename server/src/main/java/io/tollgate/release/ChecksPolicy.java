package io.tollgate.release;

import io.tollgate.process.StepDef;
import io.tollgate.shared.Refused;
import java.util.Set;

/**
 * A smoke-test or verification step whose environment has checks is passed by its checks, not by
 * hand: a person may record that it failed, but not that it succeeded — they start it, and it
 * passes when every check held through the soak window. (An actor that is not a person completes it
 * only from the checks' result.)
 */
public final class ChecksPolicy {
  private ChecksPolicy() {}

  public static void checkManualOutcome(
      StepDef def, Outcome outcome, Participant by, Set<String> checkedEnvironments) {
    if (def == null || !by.isPerson() || outcome != Outcome.SUCCEEDED) return;
    boolean checks =
        (def.kind() == io.tollgate.process.StepKind.VERIFICATION
                || def.kind() == io.tollgate.process.StepKind.SMOKE_TEST)
            && def.environment() != null
            && checkedEnvironments.contains(def.environment());
    if (checks) {
      throw Refused.because(
          "Step '"
              + def.key()
              + "' is passed by the checks of "
              + def.environment()
              + ", not by hand: start it (POST …/steps/"
              + def.key()
              + "/start) and it passes when every check held through the soak window.");
    }
  }
}
