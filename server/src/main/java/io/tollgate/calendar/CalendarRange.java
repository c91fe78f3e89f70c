package io.tollgate.calendar;

import io.tollgate.shared.Invalid;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * The time range a calendar shows, {@code [from, to)}: given as instants ({@code
 * 2026-12-01T00:00:00Z}) or UTC days ({@code 2026-12-01}; a day as {@code to} includes that day).
 * It must not be reversed or empty, nor wider than {@link #WIDEST}.
 */
public record CalendarRange(Instant from, Instant to) {
  /** The widest range one call may ask for. */
  public static final Duration WIDEST = Duration.ofDays(366);

  public CalendarRange {
    if (!to.isAfter(from)) {
      throw Invalid.because(
          "The range is reversed or empty: 'to' ("
              + to
              + ") must come after 'from' ("
              + from
              + ").");
    }
    if (Duration.between(from, to).compareTo(WIDEST) > 0) {
      throw Invalid.because(
          "The range from "
              + from
              + " to "
              + to
              + " is wider than 366 days; ask for a narrower one (a month or a week).");
    }
  }

  /**
   * The range the parameters give; a missing {@code from} is the first day of {@code today}'s
   * month, a missing {@code to} one month after {@code from}.
   */
  public static CalendarRange parse(String from, String to, LocalDate today) {
    Instant f =
        blank(from)
            ? today.withDayOfMonth(1).atStartOfDay(ZoneOffset.UTC).toInstant()
            : instant("from", from, false);
    Instant t =
        blank(to) ? f.atOffset(ZoneOffset.UTC).plusMonths(1).toInstant() : instant("to", to, true);
    return new CalendarRange(f, t);
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }

  private static Instant instant(String field, String value, boolean endOfDay) {
    String v = value.strip();
    try {
      if (v.length() == 10) {
        LocalDate day = LocalDate.parse(v);
        return (endOfDay ? day.plusDays(1) : day).atStartOfDay(ZoneOffset.UTC).toInstant();
      }
      return java.time.OffsetDateTime.parse(v).toInstant();
    } catch (DateTimeParseException e) {
      throw Invalid.field(
          field,
          "'"
              + field
              + "' is not a date or a time: give a day (2026-12-01) or an instant"
              + " (2026-12-01T09:00:00Z).");
    }
  }
}
