package io.tollgate.release;

import java.util.Locale;

/**
 * Where a handoff stands: waiting for the step it follows, handed to the receiving role, or
 * acknowledged by it. The one home of its words and marks.
 */
public enum HandoffStatus {
  WAITING("○"),
  HANDED("→"),
  ACKNOWLEDGED("✓");

  private final String icon;

  HandoffStatus(String icon) {
    this.icon = icon;
  }

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The one mark shown beside the status on every page. */
  public String icon() {
    return icon;
  }
}
