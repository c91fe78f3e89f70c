package io.tollgate.process;

import java.util.List;
import java.util.Optional;

/**
 * The release-notes template: the fields people fill in and a Mustache/Markdown text they are
 * rendered into. Besides the fields the text may use {@code name}, {@code version}, {@code date},
 * {@code releaseManager}, {@code product} and {@code type}.
 */
public record NotesTemplate(List<NotesField> fields, String markdown) {
  public NotesTemplate {
    fields = List.copyOf(fields);
  }

  public Optional<NotesField> field(String key) {
    return fields.stream().filter(f -> f.key().equals(key)).findFirst();
  }

  /** The fields written for customers ({@code customerFacing}), in template order. */
  public List<NotesField> customerFacing() {
    return fields.stream().filter(NotesField::customerFacing).toList();
  }

  /** The fields the go/no-go decision rests on ({@code atDecision}), in template order. */
  public List<NotesField> atDecision() {
    return fields.stream().filter(NotesField::atDecision).toList();
  }
}
