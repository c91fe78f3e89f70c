package io.tollgate.calendar.web;

import io.tollgate.calendar.CalendarEntry;
import io.tollgate.calendar.CalendarFeeds;
import io.tollgate.calendar.CalendarRange;
import io.tollgate.calendar.ReleaseCalendar;
import io.tollgate.freeze.Freezes;
import io.tollgate.product.Product;
import io.tollgate.shared.Actor;
import io.tollgate.shared.web.Page;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * {@code /calendar}: the release calendar, a month or a week (UTC), moved by plain links (previous,
 * today, next), filtered by product; and the person's iCalendar feed URL, made (shown once) or
 * revoked.
 */
@Controller
@Page
class CalendarPages {
  private final ReleaseCalendar calendar;
  private final CalendarFeeds feeds;
  private final FeedUrls urls;
  private final Clock clock;
  private final Freezes freezes;

  CalendarPages(
      ReleaseCalendar calendar, CalendarFeeds feeds, FeedUrls urls, Clock clock, Freezes freezes) {
    this.freezes = freezes;
    this.calendar = calendar;
    this.feeds = feeds;
    this.urls = urls;
    this.clock = clock;
  }

  /** One link of the page's navigation. */
  record Link(String label, String href, boolean current) {}

  @GetMapping("/calendar")
  String page(
      @AuthenticationPrincipal Actor me,
      @RequestParam(required = false) String view,
      @RequestParam(required = false) String date,
      @RequestParam(required = false) String product,
      Model model) {
    CalendarGrid.View v = CalendarGrid.View.parse(view);
    LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
    LocalDate d = date(date, today);
    String p = product == null || product.isBlank() ? null : product.strip();
    ReleaseCalendar.Selection selection = calendar.products(me, p, null);
    CalendarRange range = CalendarGrid.range(v, d);
    List<CalendarEntry> entries = calendar.entries(selection, range);
    // production freezes of the shown products in the month or week, ahead of time
    model.addAttribute(
        "freezes",
        freezes.occurrences(
            range.from(), range.to(), selection.products().stream().map(Product::key).toList()));
    Map<String, String> names = new LinkedHashMap<>();
    // the filter lists every product of the person, whichever is chosen
    List<Product> mine =
        p == null ? selection.products() : calendar.products(me, null, null).products();
    mine.forEach(x -> names.put(x.key(), x.name()));
    LocalDate prev =
        v == CalendarGrid.View.MONTH ? d.minusMonths(1).withDayOfMonth(1) : d.minusWeeks(1);
    LocalDate next =
        v == CalendarGrid.View.MONTH ? d.plusMonths(1).withDayOfMonth(1) : d.plusWeeks(1);
    model.addAttribute("view", v.id());
    model.addAttribute("title", CalendarGrid.title(v, d));
    model.addAttribute("date", d);
    model.addAttribute("product", p);
    model.addAttribute("products", mine);
    model.addAttribute(
        "nav",
        List.of(
            new Link(
                v == CalendarGrid.View.MONTH ? "← Previous month" : "← Previous week",
                href(v, prev, p),
                false),
            new Link("Today", href(v, today, p), false),
            new Link(
                v == CalendarGrid.View.MONTH ? "Next month →" : "Next week →",
                href(v, next, p),
                false)));
    model.addAttribute(
        "views",
        List.of(
            new Link("Month", href(CalendarGrid.View.MONTH, d, p), v == CalendarGrid.View.MONTH),
            new Link("Week", href(CalendarGrid.View.WEEK, d, p), v == CalendarGrid.View.WEEK)));
    model.addAttribute(
        "weeks",
        CalendarGrid.weeks(
            v, d, today, entries, names, href(CalendarGrid.View.WEEK, null, p) + "&date="));
    model.addAttribute("releases", entries.size());
    model.addAttribute("conflicts", entries.stream().filter(CalendarEntry::conflicting).count());
    model.addAttribute("feedIssuedAt", feeds.issuedAt(me).orElse(null));
    return "calendar/calendar";
  }

  @PostMapping("/calendar/feed")
  String newFeed(@AuthenticationPrincipal Actor me, RedirectAttributes flash) {
    flash.addFlashAttribute("feedUrl", urls.feed(feeds.issue(me)));
    return "redirect:/calendar#feed";
  }

  @PostMapping("/calendar/feed/revoke")
  String revokeFeed(@AuthenticationPrincipal Actor me, RedirectAttributes flash) {
    feeds.revoke(me);
    flash.addFlashAttribute(
        "feedDone", "Your feed URL is revoked: calendar apps get nothing from it now.");
    return "redirect:/calendar#feed";
  }

  private static LocalDate date(String date, LocalDate today) {
    if (date == null || date.isBlank()) return today;
    try {
      return LocalDate.parse(date.strip());
    } catch (DateTimeParseException e) {
      return today;
    }
  }

  private static String href(CalendarGrid.View v, LocalDate d, String product) {
    UriComponentsBuilder b = UriComponentsBuilder.fromPath("/calendar").queryParam("view", v.id());
    if (d != null) b.queryParam("date", d);
    if (product != null) b.queryParam("product", product);
    return b.encode().build().toUriString();
  }
}
