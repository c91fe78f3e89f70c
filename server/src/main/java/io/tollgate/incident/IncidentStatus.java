package io.tollgate.incident;

import io.tollgate.shared.Marked;

/** Whether an incident is open or resolved ({@link Incident#status()}): its words and marks. */
public enum IncidentStatus implements Marked {
  OPEN("●"),
  RESOLVED("✓");

  private final String icon;

  IncidentStatus(String icon) {
    this.icon = icon;
  }

  @Override
  public String icon() {
    return icon;
  }

  /** The mark of a status word, or a bullet for an unknown one. */
  public static String iconOf(String id) {
    return Marked.iconOf(IncidentStatus.class, id);
  }
}
