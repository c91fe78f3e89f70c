package io.tollgate.release;

import java.util.Locale;

/**
 * Where a requirement stands: open until it is met (a requirement signed by several roles stays
 * open until the last signature). The one home of its words and marks, as {@link StepStatus} is for
 * steps and {@link ReleaseStatus} for releases.
 */
public enum RequirementStatus {
  OPEN("○"),
  MET("✓");

  private final String icon;

  RequirementStatus(String icon) {
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
