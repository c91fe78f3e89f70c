package io.tollgate.release;

/** Where one checklist step stands. */
public enum StepStatus {
  PENDING,
  DONE,
  FAILED,
  SKIPPED;

  public String id() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  /** Done or skipped: what waits for this step may go on. */
  public boolean isSettled() {
    return this == DONE || this == SKIPPED;
  }
}
