package io.tollgate.automation;

import io.tollgate.shared.BadRequest;
import io.tollgate.shared.Refused;

/**
 * What a pipeline's status report does to its deployment. {@code running} while it runs adds to the
 * log; a final status ends it once; the same final status again changes nothing; another status
 * after the end is a conflict (409).
 */
public final class CallbackPolicy {
  private CallbackPolicy() {}

  /** What to do with a report. */
  public enum Effect {
    /** Mark running (if queued) and add the log lines. */
    RUNNING,
    /** End the deployment with the reported status. */
    FINISH,
    /** Already ended this way: accepted, nothing changes. */
    UNCHANGED
  }

  /**
   * Parses the reported status: {@code running}, {@code succeeded} or {@code failed} (else 400).
   */
  public static DeploymentStatus reported(String status) {
    if (status == null) throw BadRequest.missing("status");
    return switch (status) {
      case "running" -> DeploymentStatus.RUNNING;
      case "succeeded" -> DeploymentStatus.SUCCEEDED;
      case "failed" -> DeploymentStatus.FAILED;
      default ->
          throw BadRequest.because(
              "Unknown status '" + status + "': report running, succeeded or failed.");
    };
  }

  public static Effect decide(DeploymentStatus current, DeploymentStatus reported) {
    if (!current.isFinal()) {
      return reported == DeploymentStatus.RUNNING ? Effect.RUNNING : Effect.FINISH;
    }
    if (reported == current) return Effect.UNCHANGED;
    throw Refused.because(
        "The deployment already ended as "
            + current.id()
            + "; a report of "
            + reported.id()
            + " after that is refused.");
  }
}
