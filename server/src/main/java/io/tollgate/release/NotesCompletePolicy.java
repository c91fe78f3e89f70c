package io.tollgate.release;

import io.tollgate.notes.ReleaseNotes;
import io.tollgate.process.NotesField;
import io.tollgate.process.NotesTemplate;
import io.tollgate.process.ReleaseType;
import io.tollgate.process.RequirementDef;
import io.tollgate.shared.Blocker;
import java.util.List;

/**
 * A requirement with {@code check: notes-complete} can be met only while the release notes are
 * complete for the release type (a summary, a notable change, migration steps for a major).
 */
final class NotesCompletePolicy {
  private NotesCompletePolicy() {}

  /** The notes fields still missing for this requirement; empty when it may be met. */
  static List<Blocker> blockers(
      RequirementDef def, ReleaseNotes notes, NotesTemplate template, ReleaseType type) {
    if (def.check() != RequirementDef.Check.NOTES_COMPLETE) return List.of();
    return notes.missing(template, type).stream()
        .map(f -> new Blocker("notes-field", f.key(), f.label()))
        .toList();
  }

  static String detail(String requirement, List<Blocker> missing, ReleaseId release) {
    return "Requirement '"
        + requirement
        + "' needs complete release notes; still missing: "
        + String.join(", ", missing.stream().map(Blocker::title).toList())
        + ". Fill them with PUT /api/v1/releases/"
        + release
        + "/notes.";
  }

  /** Labels of the missing fields, for the page. */
  static List<String> missingLabels(ReleaseNotes notes, NotesTemplate template, ReleaseType type) {
    return notes.missing(template, type).stream().map(NotesField::label).toList();
  }
}
