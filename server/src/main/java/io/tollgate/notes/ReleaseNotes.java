package io.tollgate.notes;

import io.tollgate.process.NotesField;
import io.tollgate.process.NotesTemplate;
import io.tollgate.process.ReleaseType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The notes of one release: each template field holds a list of entries (a text field holds at most
 * one). Immutable; {@link #with} returns changed notes.
 */
public record ReleaseNotes(Map<String, List<String>> values) {

  public ReleaseNotes {
    Map<String, List<String>> copy = new LinkedHashMap<>();
    values.forEach((k, v) -> copy.put(k, List.copyOf(v)));
    values = java.util.Collections.unmodifiableMap(copy);
  }

  public static ReleaseNotes empty() {
    return new ReleaseNotes(Map.of());
  }

  public List<String> get(String field) {
    return values.getOrDefault(field, List.of());
  }

  public String text(String field) {
    List<String> v = get(field);
    return v.isEmpty() ? null : String.join("\n", v);
  }

  public ReleaseNotes with(String field, List<String> entries) {
    Map<String, List<String>> copy = new LinkedHashMap<>(values);
    List<String> cleaned = entries.stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
    copy.put(field, cleaned);
    return new ReleaseNotes(copy);
  }

  /** The fields a release of this type still needs before its notes are complete. */
  public List<NotesField> missing(NotesTemplate template, ReleaseType type) {
    return template.fields().stream()
        .filter(f -> f.requiredFor(type) && get(f.key()).isEmpty())
        .toList();
  }

  public boolean isComplete(NotesTemplate template, ReleaseType type) {
    return missing(template, type).isEmpty();
  }
}
