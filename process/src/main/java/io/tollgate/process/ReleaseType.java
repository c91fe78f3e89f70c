package io.tollgate.process;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The kind of a release; decides the next version and which process items apply. */
public enum ReleaseType {
  PATCH,
  MINOR,
  MAJOR;

  /** The lower-case name used in YAML and JSON ({@code patch}, {@code minor}, {@code major}). */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<ReleaseType> parse(String value) {
    if (value == null) {
      return Optional.empty();
    }
    return Arrays.stream(values()).filter(t -> t.id().equals(value.trim())).findFirst();
  }
}
