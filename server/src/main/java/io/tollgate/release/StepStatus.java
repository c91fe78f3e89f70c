package io.tollgate.release;

/**
 * Where one checklist step stands. A step moves {@code pending → running → done|failed}, or
 * straight from {@code pending} to {@code done|failed} (completed by hand) or {@code skipped}
 * (optional steps); a failed step may be started or completed again. Done and skipped are final.
 */
public enum StepStatus {
  PENDING("○"),
  RUNNING("▶"),
  DONE("✓"),
  FAILED("✗"),
  SKIPPED("–");

  private final String icon;

  StepStatus(String icon) {
    this.icon = icon;
  }

  public String id() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  /** The one mark shown beside the status on every page. */
  public String icon() {
    return icon;
  }

  /** Done or skipped: what waits for this step may go on. */
  public boolean isSettled() {
    return this == DONE || this == SKIPPED;
  }
}
