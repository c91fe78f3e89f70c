package io.tollgate.release;

import io.tollgate.notes.ReleaseNotes;
import java.time.Instant;
import java.util.List;

/**
 * The stored state of a release: what {@link Release} is rebuilt from, stored as one JSON document.
 *
 * @param schemaVersion the shape of the document; {@link #SCHEMA_VERSION} for what is written now.
 *     Version 1 (no {@code schemaVersion} field) also held copies of the release's deployments and
 *     incident ids; those live only in the deployments and incidents tables since version 2.
 *     Version 3 added {@code approvals} (and each decision's snapshot keeps those it was made
 *     with), {@code source} (the commit and ref the release is built from) and, on each decision,
 *     the {@code commit} it was made on and why it went stale; a version 2 document has none of
 *     them. Version 4 added, to each decision's snapshot, the {@code overrides}: the emergency
 *     freeze overrides deployments under that decision used; a version 3 snapshot has none.
 * @param approvals the approvals given toward the next decision
 * @param source what the release is built from, or null when it names nothing
 */
public record ReleaseData(
    int schemaVersion,
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
    List<Approval> approvals,
    ReleaseNotes notes,
    Cancellation cancellation,
    Rollback rollback,
    long revision,
    Source source) {

  /** The document shape written now. */
  public static final int SCHEMA_VERSION = 4;

  public ReleaseData {
    requirements = List.copyOf(requirements);
    steps = List.copyOf(steps);
    handoffs = List.copyOf(handoffs);
    decisions = decisions == null ? List.of() : List.copyOf(decisions);
    approvals = approvals == null ? List.of() : List.copyOf(approvals);
  }

  public ReleaseData withRevision(long newRevision) {
    return new ReleaseData(
        schemaVersion,
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
        approvals,
        notes,
        cancellation,
        rollback,
        newRevision,
        source);
  }
}
