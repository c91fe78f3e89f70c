package io.tollgate.incident;

import java.util.Arrays;
import java.util.Locale;

/**
 * Where a playbook step of an incident stands ({@link IncidentStep#status()}): the one home of its
 * words and marks on the pages.
 */
public enum PlaybookStepStatus {
  PENDING("○"),
  DONE("✓"),
  SKIPPED("–");

  private final String icon;

  PlaybookStepStatus(String icon) {
    this.icon = icon;
  }

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The one mark shown beside the status on every page. */
  public String icon() {
    return icon;
  }

  /** The mark of a stored status word, or a bullet for an unknown one. */
  public static String iconOf(String id) {
    return Arrays.stream(values())
        .filter(s -> s.id().equals(id))
        .findFirst()
        .map(s -> s.icon)
        .orElse("•");
  }
}
