package io.tollgate.release;

import java.time.Instant;

/**
 * A release on the calendar: what the releases table says of it, without reading its document.
 *
 * @param start the window's start as placed ({@link WindowPlacement})
 * @param end the window's end as placed; equal to {@code start} for a window of one instant
 */
public record WindowedRelease(
    String id, String product, String version, ReleaseStatus status, Instant start, Instant end) {

  /** Whether the two windows share a moment (a window of one instant shares that instant). */
  public boolean overlaps(WindowedRelease other) {
    return start.isBefore(other.endOrInstant()) && other.start.isBefore(endOrInstant());
  }

  private Instant endOrInstant() {
    return end.isAfter(start) ? end : start.plusNanos(1);
  }
}
