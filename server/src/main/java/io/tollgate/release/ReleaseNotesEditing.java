package io.tollgate.release;

import io.tollgate.notes.ReleaseNotes;
import io.tollgate.process.NotesField;
import io.tollgate.process.NotesTemplate;
import io.tollgate.release.ReleaseEvent.NotesUpdated;
import io.tollgate.shared.BadRequest;
import io.tollgate.shared.Forbidden;
import io.tollgate.shared.Invalid;
import io.tollgate.shared.Refused;
import java.util.List;
import java.util.Map;

/**
 * Who may edit which field of a release's notes: each field by a holder of its owner role, until
 * the release is cancelled.
 */
final class ReleaseNotesEditing {
  private ReleaseNotesEditing() {}

  record Edited(ReleaseNotes notes, List<ReleaseEvent> events) {}

  static Action check(
      String field, Participant by, NotesTemplate template, Cancellation cancellation) {
    if (cancellation != null) {
      return Action.notOffered(
          "notes",
          field,
          Refused.because("The release was cancelled; its notes can no longer change."));
    }
    NotesField def = template.field(field).orElse(null);
    if (def == null) {
      return Action.notOffered(
          "notes",
          field,
          Invalid.because(
              "'"
                  + field
                  + "' is not a field of the release notes; the fields are "
                  + keys(template)
                  + "."));
    }
    if (!by.holds(def.owner())) {
      return Action.notOffered(
          "notes",
          field,
          Forbidden.needsRole(
              def.owner(),
              "Editing the notes field '" + field + "'",
              by.username(),
              by.sortedRoles()));
    }
    return Action.offered("notes", field);
  }

  static Edited apply(
      ReleaseId release,
      ReleaseNotes notes,
      Map<String, List<String>> changes,
      Participant by,
      NotesTemplate template,
      Cancellation cancellation) {
    if (cancellation != null) check("", by, template, cancellation).orThrow();
    if (changes.isEmpty()) {
      throw BadRequest.because("Name at least one notes field to change: " + keys(template) + ".");
    }
    ReleaseNotes changed = notes;
    for (Map.Entry<String, List<String>> change : changes.entrySet()) {
      check(change.getKey(), by, template, cancellation).orThrow();
      NotesField field = template.field(change.getKey()).orElseThrow();
      if (!field.list() && change.getValue().size() > 1) {
        throw Invalid.because("The notes field '" + field.key() + "' holds one text, not a list.");
      }
      changed = changed.with(field.key(), change.getValue());
    }
    return new Edited(changed, List.of(new NotesUpdated(release, List.copyOf(changes.keySet()))));
  }

  private static String keys(NotesTemplate template) {
    return String.join(", ", template.fields().stream().map(NotesField::key).toList());
  }
}
