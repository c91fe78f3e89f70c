package io.tollgate.freeze;

import io.tollgate.shared.Invalid;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A freeze as asked for: {@code start} and {@code end} are the first occurrence, either with an
 * offset ({@code 2026-12-24T00:00:00Z}) or local to {@code timezone} ({@code 2026-12-24T00:00});
 * {@code timezone} defaults to UTC; no {@code products} means every product.
 */
public record NewFreeze(
    String reason, String start, String end, String rrule, String timezone, List<String> products) {

  /** The longest reason kept. */
  public static final int REASON_CHARS = 500;

  /** The longest rule kept. */
  public static final int RRULE_CHARS = 500;

  /** The checked request: every check that needs no database. */
  public record Checked(
      String reason, Instant start, Instant end, String rrule, ZoneId zone, Set<String> products) {}

  /** Checks the request; the first problem is refused with 422 naming its field. */
  public Checked check() {
    if (reason == null || reason.isBlank()) {
      throw Invalid.field("reason", "A freeze needs a \"reason\": say why production is frozen.");
    }
    String why = reason.strip();
    if (why.length() > REASON_CHARS) {
      throw Invalid.field("reason", "The reason is at most " + REASON_CHARS + " characters.");
    }
    ZoneId zone = zone(timezone);
    Instant from = instant("start", start, zone);
    Instant to = instant("end", end, zone);
    if (!to.isAfter(from)) {
      throw Invalid.field(
          "end", "The freeze ends (" + to + ") before or when it starts (" + from + ").");
    }
    String rule = null;
    if (rrule != null && !rrule.isBlank()) {
      rule = rrule.strip();
      if (rule.length() > RRULE_CHARS) {
        throw Invalid.field("rrule", "The rrule is at most " + RRULE_CHARS + " characters.");
      }
      FreezeSchedule.parse(rule);
      if (rule.regionMatches(true, 0, "RRULE:", 0, 6)) rule = rule.substring(6);
    }
    Set<String> keys = new LinkedHashSet<>();
    if (products != null) {
      for (int i = 0; i < products.size(); i++) {
        String p = products.get(i);
        if (p == null || p.isBlank()) {
          throw Invalid.field("products[" + i + "]", "A product key is empty.");
        }
        keys.add(p.strip());
      }
      if (keys.isEmpty()) {
        throw Invalid.field(
            "products",
            "\"products\" is empty: name the products the freeze covers, or leave it out to"
                + " freeze every product (the admin's).");
      }
    }
    return new Checked(why, from, to, rule, zone, keys);
  }

  private static ZoneId zone(String timezone) {
    if (timezone == null || timezone.isBlank()) return ZoneId.of("UTC");
    try {
      return ZoneId.of(timezone.strip());
    } catch (DateTimeException e) {
      throw Invalid.field(
          "timezone",
          "Unknown timezone '"
              + timezone
              + "': use an IANA name such as Europe/Berlin or America/New_York, or UTC.");
    }
  }

  private static Instant instant(String field, String value, ZoneId zone) {
    if (value == null || value.isBlank()) {
      throw Invalid.field(field, "A freeze needs \"" + field + "\" (ISO 8601 date and time).");
    }
    String v = value.strip();
    try {
      return OffsetDateTime.parse(v).toInstant();
    } catch (DateTimeParseException notOffset) {
      try {
        return LocalDateTime.parse(v).atZone(zone).toInstant();
      } catch (DateTimeParseException e) {
        throw Invalid.field(
            field,
            "\""
                + field
                + "\" is not an ISO 8601 date and time: '"
                + v
                + "' (e.g. 2026-12-24T00:00:00Z, or 2026-12-24T00:00 in the timezone).");
      }
    }
  }
}
