package io.tollgate.incident;

import io.tollgate.shared.Marked;

/**
 * Where a playbook step of an incident stands ({@link IncidentStep#status()}): the one home of its
 * words and marks on the pages.
 */
public enum PlaybookStepStatus implements Marked {
  PENDING("○"),
  DONE("✓"),
  SKIPPED("–");

  private final String icon;

  PlaybookStepStatus(String icon) {
    this.icon = icon;
  }

  @Override
  public String icon() {
    return icon;
  }

  /** The mark of a stored status word, or a bullet for an unknown one. */
  public static String iconOf(String id) {
    return Marked.iconOf(PlaybookStepStatus.class, id);
  }
}
