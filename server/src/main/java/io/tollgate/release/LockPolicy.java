package io.tollgate.release;

import io.tollgate.process.StepDef;
import io.tollgate.process.StepKind;
import io.tollgate.shared.Refused;
import java.util.Map;

/**
 * After a rollback an environment is locked: no deploy step to it starts or completes, by a person
 * or by automation, until a release manager clears the lock with a reason.
 */
public final class LockPolicy {
  private LockPolicy() {}

  public static void checkDeploy(StepDef def, String product, Map<String, String> locked) {
    if (def == null || def.kind() != StepKind.DEPLOY || def.environment() == null) return;
    String reason = locked.get(def.environment());
    if (reason != null) {
      throw Refused.because(
          def.environment()
              + " is locked for new deployments: "
              + reason
              + ". A release manager clears the lock with POST /api/v1/products/"
              + product
              + "/environments/"
              + def.environment()
              + "/lock/clear {\"reason\": …}.");
    }
  }
}
