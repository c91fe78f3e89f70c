package io.tollgate.release;

import io.tollgate.notes.ReleaseNotes;
import java.time.Instant;
import java.util.List;

/** The stored state of a release: what {@link Release} is rebuilt from. */
public record ReleaseData(
    String id,
    String product,
    ProcessRef process,
    String type,
    String version,
    String name,
    Window window,
    String createdBy,
    Instant createdAt,
    List<RequirementState> requirements,
    List<StepState> steps,
    List<HandoffState> handoffs,
    List<Decision> decisions,
    ReleaseNotes notes,
    List<DeploymentRecord> deployments,
    Cancellation cancellation,
    Rollback rollback,
    List<String> incidents,
    long revision) {

  public ReleaseData {
    incidents = incidents == null ? List.of() : List.copyOf(incidents);
  }

  public ReleaseData withRevision(long newRevision) {
    return new ReleaseData(
        id,
        product,
        process,
        type,
        version,
        name,
        window,
        createdBy,
        createdAt,
        requirements,
        steps,
        handoffs,
        decisions,
        notes,
        deployments,
        cancellation,
        rollback,
        incidents,
        newRevision);
  }
}
