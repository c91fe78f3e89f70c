package io.tollgate.release;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The status of a release, always derived from what was done (see {@link Release#status()}). The
 * one home of each status's icon and of which statuses are finished.
 */
public enum ReleaseStatus {
  PLANNED("○"),
  PREPARING("◔"),
  AWAITING_DECISION("⏳"),
  APPROVED("✓"),
  NO_GO("⛔"),
  RELEASED("🚀"),
  CLOSED("✔"),
  FAILED("✗"),
  ROLLED_BACK("↩"),
  CANCELLED("⊘");

  private final String icon;

  ReleaseStatus(String icon) {
    this.icon = icon;
  }

  public String id() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** The mark shown beside the status on every page. */
  public String icon() {
    return icon;
  }

  /** The status as people read it: "awaiting decision". */
  public String label() {
    return id().replace('-', ' ');
  }

  /** Closed, rolled back or cancelled: nothing is left to do on the release. */
  public boolean isFinished() {
    return this == CLOSED || this == ROLLED_BACK || this == CANCELLED;
  }

  public boolean isActive() {
    return !isFinished();
  }

  /** The ids of the finished statuses, for queries on the stored status column. */
  public static java.util.List<String> finishedIds() {
    return Arrays.stream(values())
        .filter(ReleaseStatus::isFinished)
        .map(ReleaseStatus::id)
        .toList();
  }

  /** The icon of a status id, or a bullet for an unknown one. */
  public static String iconOf(String id) {
    return parse(id).map(ReleaseStatus::icon).orElse("•");
  }

  /** The status named {@code value}; refused (422) naming the statuses there are. */
  public static ReleaseStatus require(String value) {
    return parse(value)
        .orElseThrow(
            () ->
                io.tollgate.shared.Invalid.because(
                    "Unknown status '"
                        + value
                        + "'; use one of "
                        + String.join(", ", Arrays.stream(values()).map(ReleaseStatus::id).toList())
                        + "."));
  }

  public static Optional<ReleaseStatus> parse(String value) {
    return Arrays.stream(values()).filter(s -> s.id().equals(value)).findFirst();
  }
}
