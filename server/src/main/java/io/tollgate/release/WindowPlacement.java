package io.tollgate.release;

import java.time.Duration;
import java.time.Instant;

/**
 * Where a release's window sits on the calendar: a window with only a start or only an end is that
 * one instant; one with neither is on no calendar. A window longer than {@link #LONG} is "long":
 * the calendar's range query reads the short ones by their start within a week before the range,
 * and the long ones apart (see the V110 migration).
 */
public final class WindowPlacement {
  /** Longer windows are read apart by the calendar's query; changing it needs a migration. */
  public static final Duration LONG = Duration.ofDays(7);

  private WindowPlacement() {}

  /** A window as the calendar places it: {@code end} is never before {@code start}. */
  public record Placed(Instant start, Instant end, boolean isLong) {}

  /** The window placed on the calendar, or null when it has neither start nor end. */
  public static Placed place(Instant start, Instant end) {
    if (start == null && end == null) return null;
    Instant s = start == null ? end : start;
    Instant e = end == null || end.isBefore(s) ? s : end;
    return new Placed(s, e, Duration.between(s, e).compareTo(LONG) > 0);
  }

  public static Placed place(Window window) {
    return window == null ? null : place(window.start(), window.end());
  }
}
