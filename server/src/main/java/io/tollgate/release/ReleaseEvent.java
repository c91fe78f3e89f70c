package io.tollgate.release;

/**
 * What a command on a release changed, as past-tense facts. The service records them in the audit
 * log and publishes them to the other features.
 */
public sealed interface ReleaseEvent {
  ReleaseId release();

  /** A short name for the audit log, e.g. {@code requirement.met}. */
  String action();

  record ReleasePlanned(ReleaseId release, String product, String version, String type)
      implements ReleaseEvent {
    public String action() {
      return "release.planned";
    }
  }

  record RequirementSigned(ReleaseId release, String requirement, String role)
      implements ReleaseEvent {
    public String action() {
      return "requirement.signed";
    }
  }

  record RequirementMet(ReleaseId release, String requirement, boolean automatic)
      implements ReleaseEvent {
    public String action() {
      return "requirement.met";
    }
  }

  record StepCompleted(ReleaseId release, String step, String outcome, int attempt)
      implements ReleaseEvent {
    public String action() {
      return "step.completed";
    }
  }

  /** A step began to run (an automated deployment or check); it ends with complete. */
  record StepStarted(ReleaseId release, String step) implements ReleaseEvent {
    public String action() {
      return "step.started";
    }
  }

  record StepSkipped(ReleaseId release, String step, String reason) implements ReleaseEvent {
    public String action() {
      return "step.skipped";
    }
  }

  /** A person approved the release for its go decision, as one of the roles asked to. */
  record ApprovalGiven(ReleaseId release, String role, int count, int quorum)
      implements ReleaseEvent {
    public String action() {
      return "approval.given";
    }
  }

  record DecisionRecorded(ReleaseId release, String decision, String rationale)
      implements ReleaseEvent {
    public String action() {
      return "decision.recorded";
    }
  }

  record HandoffHanded(ReleaseId release, String handoff, String from, String to)
      implements ReleaseEvent {
    public String action() {
      return "handoff.handed";
    }
  }

  record HandoffAcknowledged(ReleaseId release, String handoff) implements ReleaseEvent {
    public String action() {
      return "handoff.acknowledged";
    }
  }

  record NotesUpdated(ReleaseId release, java.util.List<String> fields) implements ReleaseEvent {
    public String action() {
      return "notes.updated";
    }
  }

  record ReleaseCancelled(ReleaseId release, String reason) implements ReleaseEvent {
    public String action() {
      return "release.cancelled";
    }
  }

  /** A deploy step ran: the deployment feature records it against the environment. */
  record DeploymentRecorded(
      ReleaseId release,
      String product,
      String environment,
      String version,
      String outcome,
      String by,
      java.time.Instant at)
      implements ReleaseEvent {
    public String action() {
      return "deployment.recorded";
    }
  }

  /** A verification step ran against an environment. */
  record VerificationRecorded(
      ReleaseId release, String product, String environment, String version, String outcome)
      implements ReleaseEvent {
    public String action() {
      return "verification.recorded";
    }
  }

  /** A step whose failure calls for the incident playbook failed. */
  record ReleaseFailed(
      ReleaseId release,
      String product,
      String version,
      ProcessRef process,
      String step,
      String environment,
      io.tollgate.shared.Actor by)
      implements ReleaseEvent {
    public String action() {
      return "release.failed";
    }
  }

  record ReleaseRolledBack(ReleaseId release, String incident, String environment, String toVersion)
      implements ReleaseEvent {
    public String action() {
      return "release.rolled-back";
    }
  }

  /**
   * The release now names this source: set by its release manager, or moved by a push on its ref
   * ({@code pushedCommits} commits added).
   */
  record SourceChanged(
      ReleaseId release, String commit, String ref, String previousCommit, int pushedCommits)
      implements ReleaseEvent {
    public String action() {
      return "release.source-changed";
    }
  }

  /** Decision {@code decision} (1-based) no longer stands: production waits for a new one. */
  record DecisionWentStale(ReleaseId release, int decision, String because)
      implements ReleaseEvent {
    public String action() {
      return "decision.went-stale";
    }
  }

  /**
   * A production deploy step started or was completed during a freeze, let through by the release's
   * approved emergency override of that freeze.
   */
  record FreezeOverrideUsed(
      ReleaseId release, String step, String freeze, String override, String freezeReason)
      implements ReleaseEvent {
    public String action() {
      return "freeze-override.used";
    }
  }
}
