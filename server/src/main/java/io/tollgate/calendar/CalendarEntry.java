package io.tollgate.calendar;

import java.time.Instant;
import java.util.List;

/**
 * A release on the calendar, as {@code GET /api/v1/calendar} answers it.
 *
 * @param release the release's id
 * @param status the release's status id ({@code preparing}, ...)
 * @param window the window as placed: a window given as one instant has {@code end == start}
 * @param conflicts the releases whose windows overlap this one's on the same product (ids)
 */
public record CalendarEntry(
    String release,
    String product,
    String version,
    String status,
    Span window,
    List<String> conflicts) {

  public CalendarEntry {
    conflicts = List.copyOf(conflicts);
  }

  /** A window: {@code [start, end)}. */
  public record Span(Instant start, Instant end) {}

  public boolean conflicting() {
    return !conflicts.isEmpty();
  }
}
