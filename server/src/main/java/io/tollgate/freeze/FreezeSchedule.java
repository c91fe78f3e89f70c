package io.tollgate.freeze;

import io.tollgate.shared.Invalid;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import net.fortuna.ical4j.model.Recur;
import net.fortuna.ical4j.transform.recurrence.Frequency;

/**
 * When a freeze holds: its occurrences in a range, computed with ical4j's RFC 5545 recurrence
 * rules. No Spring, no clock: the caller gives the range.
 */
public final class FreezeSchedule {
  /** The most occurrences one query answers (a range over a rule that repeats hourly). */
  public static final int MAX_OCCURRENCES = 1_000;

  private FreezeSchedule() {}

  /**
   * The rule, parsed; a rule that does not parse, or that repeats more often than hourly, is
   * refused with 422 saying why.
   */
  public static Recur<ZonedDateTime> parse(String rrule) {
    String rule = rrule.strip();
    if (rule.regionMatches(true, 0, "RRULE:", 0, 6)) rule = rule.substring(6);
    Recur<ZonedDateTime> recur;
    try {
      recur = new Recur<>(rule);
    } catch (RuntimeException e) {
      throw Invalid.field(
          "rrule",
          "The rrule '"
              + rrule
              + "' does not parse: "
              + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage())
              + ". Write an RFC 5545 rule, e.g. FREQ=WEEKLY;BYDAY=FR.");
    }
    if (recur.getFrequency() == null) {
      throw Invalid.field("rrule", "The rrule '" + rrule + "' names no FREQ, e.g. FREQ=WEEKLY.");
    }
    if (recur.getFrequency() == Frequency.SECONDLY || recur.getFrequency() == Frequency.MINUTELY) {
      throw Invalid.field(
          "rrule",
          "The rrule '"
              + rrule
              + "' repeats every "
              + recur.getFrequency()
              + "; a freeze repeats"
              + " at most hourly.");
    }
    return recur;
  }

  /**
   * The occurrences of the freeze that overlap [from, to), in order, at most {@link
   * #MAX_OCCURRENCES}.
   */
  public static List<FreezeOccurrence> occurrences(Freeze freeze, Instant from, Instant to) {
    if (!from.isBefore(to)) return List.of();
    Duration length = freeze.duration();
    List<String> products = List.copyOf(new TreeSet<>(freeze.products()));
    if (!freeze.recurring()) {
      return overlaps(freeze.start(), length, from, to)
          ? List.of(occurrence(freeze, products, freeze.start(), length))
          : List.of();
    }
    ZonedDateTime seed = freeze.start().atZone(freeze.zone());
    // an occurrence overlaps [from, to) when it starts in (from - length, to)
    Instant searchFrom = from.minus(length);
    if (searchFrom.isBefore(freeze.start())) searchFrom = freeze.start();
    if (!searchFrom.isBefore(to)) return List.of();
    TreeSet<Instant> starts = new TreeSet<>();
    if (overlaps(freeze.start(), length, from, to)) starts.add(freeze.start());
    for (ZonedDateTime s :
        parse(freeze.rrule())
            .getDates(
                seed,
                searchFrom.atZone(freeze.zone()),
                to.atZone(freeze.zone()),
                MAX_OCCURRENCES)) {
      Instant start = s.toInstant();
      if (!start.isBefore(freeze.start())) {
        if (overlaps(start, length, from, to)) starts.add(start);
      }
    }
    List<FreezeOccurrence> out = new ArrayList<>();
    for (Instant start : starts) {
      if (out.size() == MAX_OCCURRENCES) break;
      out.add(occurrence(freeze, products, start, length));
    }
    return out;
  }

  /** The occurrence covering the instant, if any. */
  public static java.util.Optional<FreezeOccurrence> covering(Freeze freeze, Instant at) {
    return occurrences(freeze, at, at.plusMillis(1)).stream().findFirst();
  }

  private static boolean overlaps(Instant start, Duration length, Instant from, Instant to) {
    return start.isBefore(to) && start.plus(length).isAfter(from);
  }

  private static FreezeOccurrence occurrence(
      Freeze freeze, List<String> products, Instant start, Duration length) {
    return new FreezeOccurrence(freeze.id(), freeze.reason(), products, start, start.plus(length));
  }
}
