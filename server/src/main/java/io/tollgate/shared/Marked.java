package io.tollgate.shared;

import java.util.Arrays;
import java.util.Locale;

/**
 * A status with a word (its lower-case name, as stored and sent) and the one mark the pages show
 * beside it. Implemented by the status enums of the features.
 */
public interface Marked {
  /** The enum constant's name (implemented by every enum). */
  String name();

  /** The one mark shown beside the status on every page. */
  String icon();

  /** The status word, as stored and sent. */
  default String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The mark of a status word of {@code type}, or a bullet for an unknown word. */
  static <E extends Enum<E> & Marked> String iconOf(Class<E> type, String id) {
    return Arrays.stream(type.getEnumConstants())
        .filter(s -> s.id().equals(id))
        .findFirst()
        .map(Marked::icon)
        .orElse("•");
  }
}
