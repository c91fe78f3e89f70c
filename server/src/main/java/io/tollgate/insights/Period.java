package io.tollgate.insights;

import io.tollgate.shared.Invalid;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * The time range insights cover: {@code from} inclusive, {@code to} exclusive. Each end is a date
 * ({@code 2026-11-01}, UTC; a {@code to} date covers that whole day) or an instant ({@code
 * 2026-11-01T09:00:00Z}). Without {@code to}, up to now; without {@code from}, the 30 days before
 * {@code to}. At most 366 days.
 */
public record Period(Instant from, Instant to) {
  public static final Duration DEFAULT = Duration.ofDays(30);
  public static final Duration LONGEST = Duration.ofDays(366);

  public Period {
    if (!from.isBefore(to)) {
      throw Invalid.field(
          "from", "The period starts (" + from + ") after it ends (" + to + "); swap from and to.");
    }
    if (Duration.between(from, to).compareTo(LONGEST) > 0) {
      throw Invalid.field(
          "to",
          "The period from "
              + from
              + " to "
              + to
              + " is longer than 366 days; choose a shorter range.");
    }
  }

  /** The last 30 days up to {@code now}. */
  public static Period lastDays(Instant now) {
    return new Period(now.minus(DEFAULT), now);
  }

  /** The period the query parameters name, either of which may be blank. */
  public static Period parse(String from, String to, Instant now) {
    Instant end = blank(to) ? now : instant("to", to, true);
    Instant start = blank(from) ? end.minus(DEFAULT) : instant("from", from, false);
    return new Period(start, end);
  }

  /** Its length in days, with fractions: what deployment frequency divides by. */
  public double days() {
    return Duration.between(from, to).toMillis() / 86_400_000.0;
  }

  private static Instant instant(String field, String value, boolean end) {
    String v = value.strip();
    try {
      if (v.length() == 10) {
        LocalDate day = LocalDate.parse(v);
        return (end ? day.plusDays(1) : day).atStartOfDay(ZoneOffset.UTC).toInstant();
      }
      return java.time.OffsetDateTime.parse(v).toInstant();
    } catch (DateTimeParseException e) {
      throw Invalid.field(
          field,
          "'"
              + value
              + "' is not a date; give "
              + field
              + " as 2026-11-01 or as 2026-11-01T09:00:00Z.");
    }
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
