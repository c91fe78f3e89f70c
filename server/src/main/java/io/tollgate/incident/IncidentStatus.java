package io.tollgate.incident;

import java.util.Arrays;
import java.util.Locale;

/** Whether an incident is open or resolved ({@link Incident#status()}): its words and marks. */
public enum IncidentStatus {
  OPEN("●"),
  RESOLVED("✓");

  private final String icon;

  IncidentStatus(String icon) {
    this.icon = icon;
  }

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The one mark shown beside the status on every page. */
  public String icon() {
    return icon;
  }

  /** The mark of a status word, or a bullet for an unknown one. */
  public static String iconOf(String id) {
    return Arrays.stream(values())
        .filter(s -> s.id().equals(id))
        .findFirst()
        .map(s -> s.icon)
        .orElse("•");
  }
}
