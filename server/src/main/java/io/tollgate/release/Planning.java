package io.tollgate.release;

import io.tollgate.notes.ReleaseNotes;
import io.tollgate.process.ProcessDefinition;
import io.tollgate.process.ReleaseType;
import io.tollgate.release.ReleaseEvent.ReleasePlanned;
import io.tollgate.shared.Forbidden;
import io.tollgate.shared.Invalid;
import java.time.Instant;
import java.util.List;

/**
 * Planning a new release: only a holder of the release-manager role (the decision step's owner)
 * may; a window must end after it starts; the requirements, steps and handoffs of the process that
 * do not apply to the release's type are left out.
 */
public final class Planning {
  private Planning() {}

  /** A newly planned release and the event that says so. */
  public record Planned(Release release, List<ReleaseEvent> events) {}

  public static Planned plan(
      ReleaseId id,
      String product,
      ProcessRef ref,
      ProcessDefinition process,
      ReleaseType type,
      SemanticVersion version,
      String name,
      Window window,
      ReleaseNotes notes,
      Participant by,
      Instant now) {
    String owner = process.releaseManagerRole();
    if (!by.holds(owner)) {
      throw Forbidden.needsRole(owner, "Planning a release", by.username(), by.sortedRoles());
    }
    if (window != null
        && window.start() != null
        && window.end() != null
        && !window.end().isAfter(window.start())) {
      throw Invalid.because("The deployment window must end after it starts.");
    }
    ReleaseData data =
        new ReleaseData(
            ReleaseData.SCHEMA_VERSION,
            id.value(),
            product,
            ref,
            type.id(),
            version.toString(),
            name,
            window,
            by.username(),
            now,
            process.requirements().stream()
                .filter(r -> r.appliesTo(type))
                .map(r -> RequirementState.open(r.key()))
                .toList(),
            process.steps().stream()
                .filter(s -> s.appliesTo(type))
                .map(s -> StepState.pending(s.key()))
                .toList(),
            process.handoffs().stream()
                .filter(h -> h.appliesTo(type))
                .map(h -> HandoffState.waiting(h.key()))
                .toList(),
            List.of(),
            List.of(),
            notes == null ? ReleaseNotes.empty() : notes,
            null,
            null,
            0,
            null);
    return new Planned(
        new Release(data, process),
        List.of(new ReleasePlanned(id, product, version.toString(), type.id())));
  }
}
