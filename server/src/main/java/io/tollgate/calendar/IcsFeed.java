package io.tollgate.calendar;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.property.Description;
import net.fortuna.ical4j.model.property.DtStamp;
import net.fortuna.ical4j.model.property.Status;
import net.fortuna.ical4j.model.property.Uid;
import net.fortuna.ical4j.model.property.Url;
import net.fortuna.ical4j.model.property.XProperty;
import net.fortuna.ical4j.model.property.immutable.ImmutableCalScale;
import net.fortuna.ical4j.model.property.immutable.ImmutableVersion;

/**
 * Writes a calendar feed as iCalendar (RFC 5545) with ical4j: one VEVENT per release, its UID the
 * release's id (stable across fetches, so a calendar app updates the event instead of adding one),
 * no METHOD (a subscribed feed is not an iTIP message, which would need an ORGANIZER), SUMMARY
 * "product version (status)", the window in UTC, and the URL of the release's page.
 */
public final class IcsFeed {
  /** The feed's product identifier. */
  public static final String PRODID = "-//Tollgate//Release calendar//EN";

  private IcsFeed() {}

  /**
   * @param feed the entries and product names
   * @param baseUrl where the web UI is, without a trailing slash
   */
  public static String write(CalendarFeeds.Feed feed, String baseUrl) {
    Calendar calendar =
        new Calendar()
            .withProdId(PRODID)
            .withProperty(ImmutableVersion.VERSION_2_0)
            .withProperty(ImmutableCalScale.GREGORIAN)
            .withProperty(new XProperty("X-WR-CALNAME", "Tollgate releases"))
            .getFluentTarget();
    Map<String, String> versions = new java.util.HashMap<>();
    feed.entries()
        .forEach(
            e ->
                versions.put(
                    e.release(),
                    feed.productNames().getOrDefault(e.product(), e.product())
                        + " "
                        + e.version()));
    for (CalendarEntry e : feed.entries()) {
      calendar.add(event(e, feed, baseUrl, versions));
    }
    return IcsDocuments.write(calendar);
  }

  private static VEvent event(
      CalendarEntry e, CalendarFeeds.Feed feed, String baseUrl, Map<String, String> versions) {
    String name = feed.productNames().getOrDefault(e.product(), e.product());
    String summary = name + " " + e.version() + " (" + e.status().replace('-', ' ') + ")";
    Instant start = e.window().start();
    Instant end = e.window().end();
    // a window of one instant has no end: the event is that moment
    VEvent event =
        end.isAfter(start) ? new VEvent(start, end, summary) : new VEvent(start, summary);
    List<String> lines = new ArrayList<>();
    lines.add("Release " + e.version() + " of " + name + ", " + e.status().replace('-', ' ') + ".");
    if (e.conflicting()) {
      lines.add(
          "Conflicts with "
              + String.join(
                  ", ", e.conflicts().stream().map(c -> versions.getOrDefault(c, c)).toList())
              + ": their windows overlap on the same product.");
    }
    event.replace(new DtStamp(feed.at()));
    event.add(new Uid(e.release() + "@tollgate"));
    event.add(new Url(URI.create(baseUrl + "/releases/" + e.release())));
    event.add(new Description(String.join("\n", lines)));
    if ("cancelled".equals(e.status())) event.add(new Status(Status.VALUE_CANCELLED));
    return event;
  }
}
