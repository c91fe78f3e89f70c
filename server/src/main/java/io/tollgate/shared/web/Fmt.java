package io.tollgate.shared.web;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.springframework.stereotype.Component;

/**
 * Formats times for pages: {@code ${@fmt.time(at)}} gives "2026-11-26 10:02 UTC", {@code
 * ${@fmt.ago(at)}} "38 min ago", {@code ${@fmt.between(a, b)}} "38 min".
 */
@Component("fmt")
public class Fmt {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter INPUT =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm").withZone(ZoneOffset.UTC);

  public String time(Instant at) {
    return at == null ? "" : TIME.format(at);
  }

  /** The value of a {@code datetime-local} input, in UTC. */
  public String input(Instant at) {
    return at == null ? "" : INPUT.format(at);
  }

  public String ago(Instant at) {
    return at == null ? "" : between(at, Instant.now()) + " ago";
  }

  public String between(Instant from, Instant to) {
    if (from == null || to == null) return "";
    return duration(Duration.between(from, to));
  }

  public static String duration(Duration d) {
    long minutes = Math.max(0, d.toMinutes());
    if (minutes < 1) return "less than a minute";
    if (minutes < 60) return minutes + " min";
    long hours = minutes / 60;
    if (hours < 48) return hours + " h" + (minutes % 60 == 0 ? "" : " " + minutes % 60 + " min");
    return (hours / 24) + " d" + (hours % 24 == 0 ? "" : " " + hours % 24 + " h");
  }
}
