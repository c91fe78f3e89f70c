package io.tollgate.calendar.web;

import io.tollgate.calendar.CalendarEntry;
import io.tollgate.calendar.CalendarRange;
import io.tollgate.release.ReleaseStatus;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The calendar page's grid: a month (the weeks, Monday first, that hold its days) or one week, in
 * UTC, each day with the releases whose window covers part of it. A month's day shows at most
 * {@link #PER_DAY} releases and links the rest to its week.
 */
final class CalendarGrid {
  static final int PER_DAY = 4;
  private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("HH:mm");
  private static final DateTimeFormatter SHORT = DateTimeFormatter.ofPattern("d MMM");

  enum View {
    MONTH,
    WEEK;

    String id() {
      return name().toLowerCase(Locale.ROOT);
    }

    static View parse(String s) {
      return "week".equalsIgnoreCase(s) ? WEEK : MONTH;
    }
  }

  /** A release as one day shows it. */
  record Item(
      String release,
      String title,
      String status,
      String icon,
      String time,
      List<String> conflictsWith) {
    public boolean conflicting() {
      return !conflictsWith.isEmpty();
    }
  }

  record Day(
      LocalDate date,
      String label,
      boolean inPeriod,
      boolean today,
      List<Item> items,
      int more,
      String weekHref) {}

  private CalendarGrid() {}

  /** The first and the day after the last day shown. */
  static LocalDate[] days(View view, LocalDate date) {
    LocalDate first =
        view == View.MONTH
            ? date.withDayOfMonth(1).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY))
            : date.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    LocalDate end =
        view == View.MONTH
            ? date.with(TemporalAdjusters.lastDayOfMonth())
                .with(TemporalAdjusters.nextOrSame(DayOfWeek.SUNDAY))
                .plusDays(1)
            : first.plusDays(7);
    return new LocalDate[] {first, end};
  }

  static CalendarRange range(View view, LocalDate date) {
    LocalDate[] d = days(view, date);
    return new CalendarRange(start(d[0]), start(d[1]));
  }

  static String title(View view, LocalDate date) {
    if (view == View.MONTH) {
      return date.getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH) + " " + date.getYear();
    }
    LocalDate[] d = days(view, date);
    return "Week of "
        + SHORT.format(d[0])
        + " – "
        + SHORT.format(d[1].minusDays(1))
        + " "
        + d[1].minusDays(1).getYear();
  }

  /** The weeks of the view, each of seven days. */
  static List<List<Day>> weeks(
      View view,
      LocalDate date,
      LocalDate today,
      List<CalendarEntry> entries,
      Map<String, String> productNames,
      String weekHrefPrefix) {
    Map<String, String> titles = new HashMap<>();
    entries.forEach(e -> titles.put(e.release(), title(e, productNames)));
    LocalDate[] d = days(view, date);
    List<List<Day>> weeks = new ArrayList<>();
    List<Day> week = new ArrayList<>();
    for (LocalDate day = d[0]; day.isBefore(d[1]); day = day.plusDays(1)) {
      List<Item> items = new ArrayList<>();
      Instant from = start(day);
      Instant to = start(day.plusDays(1));
      for (CalendarEntry e : entries) {
        Instant s = e.window().start();
        Instant en = e.window().end();
        boolean covers =
            s.isBefore(to) && (en.isAfter(from) || (!s.isBefore(from) && en.equals(s)));
        if (!covers) continue;
        items.add(
            new Item(
                e.release(),
                titles.get(e.release()),
                e.status(),
                ReleaseStatus.iconOf(e.status()),
                time(s, en, from, to),
                e.conflicts().stream().map(c -> titles.getOrDefault(c, "a release")).toList()));
      }
      boolean month = view == View.MONTH;
      int shown = month ? Math.min(PER_DAY, items.size()) : items.size();
      week.add(
          new Day(
              day,
              month ? Integer.toString(day.getDayOfMonth()) : dayLabel(day),
              !month || day.getMonth() == date.getMonth(),
              day.equals(today),
              List.copyOf(items.subList(0, shown)),
              items.size() - shown,
              weekHrefPrefix + day));
      if (week.size() == 7) {
        weeks.add(List.copyOf(week));
        week.clear();
      }
    }
    return weeks;
  }

  private static String title(CalendarEntry e, Map<String, String> productNames) {
    return productNames.getOrDefault(e.product(), e.product()) + " " + e.version();
  }

  private static String dayLabel(LocalDate day) {
    return day.getDayOfWeek().getDisplayName(TextStyle.SHORT, Locale.ENGLISH)
        + " "
        + SHORT.format(day);
  }

  /** "09:00–11:00", "09:00 →" (goes on), "→ 11:00" (began before), "all day", "at 09:00". */
  static String time(Instant start, Instant end, Instant dayStart, Instant dayEnd) {
    if (end.equals(start)) return "at " + HOUR.format(start.atOffset(ZoneOffset.UTC));
    boolean began = !start.isBefore(dayStart);
    boolean ends = !end.isAfter(dayEnd);
    String s = HOUR.format(start.atOffset(ZoneOffset.UTC));
    String e = HOUR.format(end.atOffset(ZoneOffset.UTC));
    if (began && ends) return s + "–" + e;
    if (began) return s + " →";
    if (ends) return "→ " + e;
    return "all day";
  }

  static Instant start(LocalDate day) {
    return day.atStartOfDay(ZoneOffset.UTC).toInstant();
  }
}
