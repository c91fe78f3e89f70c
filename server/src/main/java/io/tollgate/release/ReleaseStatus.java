package io.tollgate.release;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The status of a release, always derived from what was done (see {@link Release#status()}). */
public enum ReleaseStatus {
  PLANNED,
  PREPARING,
  AWAITING_DECISION,
  APPROVED,
  NO_GO,
  RELEASED,
  CLOSED,
  FAILED,
  ROLLED_BACK,
  CANCELLED;

  public String id() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  public boolean isActive() {
    return this != CLOSED && this != ROLLED_BACK && this != CANCELLED;
  }

  public static Optional<ReleaseStatus> parse(String value) {
    return Arrays.stream(values()).filter(s -> s.id().equals(value)).findFirst();
  }
}
