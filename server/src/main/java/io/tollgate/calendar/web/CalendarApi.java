package io.tollgate.calendar.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.tollgate.calendar.CalendarEntry;
import io.tollgate.calendar.CalendarFeeds;
import io.tollgate.calendar.CalendarRange;
import io.tollgate.calendar.IcsFeed;
import io.tollgate.calendar.ReleaseCalendar;
import io.tollgate.identity.CallScope;
import io.tollgate.shared.Actor;
import io.tollgate.shared.web.ProblemStatuses;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The release calendar and the caller's iCalendar feed. */
@RestController
class CalendarApi {
  private final ReleaseCalendar calendar;
  private final CalendarFeeds feeds;
  private final CallScope scope;
  private final FeedUrls urls;
  private final Clock clock;

  CalendarApi(
      ReleaseCalendar calendar, CalendarFeeds feeds, CallScope scope, FeedUrls urls, Clock clock) {
    this.calendar = calendar;
    this.feeds = feeds;
    this.scope = scope;
    this.urls = urls;
    this.clock = clock;
  }

  @Operation(
      operationId = "getCalendar",
      summary =
          "The release windows of the caller's products (the admin: all) that overlap a range,"
              + " each with the releases whose windows collide with it")
  @ProblemStatuses({404, 422})
  @GetMapping("/api/v1/calendar")
  List<CalendarEntry> calendar(
      @AuthenticationPrincipal Actor me,
      @Parameter(description = "a day (2026-12-01, UTC) or an instant; default: this month's first")
          @RequestParam(required = false)
          String from,
      @Parameter(description = "a day (included) or an instant (excluded); default: from + 1 month")
          @RequestParam(required = false)
          String to,
      @Parameter(description = "one of the caller's products") @RequestParam(required = false)
          String product) {
    CalendarRange range =
        CalendarRange.parse(from, to, LocalDate.now(clock.withZone(ZoneOffset.UTC)));
    ReleaseCalendar.Selection selection =
        calendar.products(me, product, scope.current().isPresent() ? scope::covers : null);
    return calendar.entries(selection, range);
  }

  /** A new feed URL: shown once, as the token in it is stored only as its hash. */
  record FeedUrl(String url) {}

  @Operation(
      operationId = "createCalendarToken",
      summary =
          "A new iCalendar feed URL for the caller (it replaces the one they had), for a"
              + " calendar app to subscribe to")
  @ProblemStatuses({403})
  @ResponseStatus(HttpStatus.CREATED)
  @PostMapping("/api/v1/me/calendar-token")
  ResponseEntity<FeedUrl> createToken(@AuthenticationPrincipal Actor me) {
    return ResponseEntity.status(HttpStatus.CREATED).body(new FeedUrl(urls.feed(feeds.issue(me))));
  }

  @Operation(
      operationId = "revokeCalendarToken",
      summary = "Revoke the caller's iCalendar feed URL: the feed answers 404 from now on")
  @ProblemStatuses({403})
  @ResponseStatus(HttpStatus.NO_CONTENT)
  @DeleteMapping("/api/v1/me/calendar-token")
  void revokeToken(@AuthenticationPrincipal Actor me) {
    feeds.revoke(me);
  }

  @Operation(
      operationId = "getCalendarFeed",
      summary =
          "The iCalendar feed of a feed token's owner: the windows of their products' releases"
              + " (92 days back, 274 ahead); the token in the URL is the credential")
  @SecurityRequirements
  @ApiResponse(
      responseCode = "200",
      description = "An iCalendar (RFC 5545) document, one VEVENT per release",
      content = @Content(mediaType = "text/calendar", schema = @Schema(type = "string")))
  @ProblemStatuses({404})
  @GetMapping(path = "/api/v1/calendar.ics", produces = "text/calendar")
  ResponseEntity<String> feed(
      @Parameter(description = "the feed token, from POST /api/v1/me/calendar-token")
          @RequestParam(required = false)
          String token,
      @Parameter(description = "only this one of the owner's products")
          @RequestParam(required = false)
          String product) {
    CalendarFeeds.Feed feed = feeds.feed(token, product);
    return ResponseEntity.ok()
        .contentType(MediaType.parseMediaType("text/calendar;charset=UTF-8"))
        .header("Cache-Control", "private, max-age=300")
        .body(IcsFeed.write(feed, urls.base()));
  }
}
