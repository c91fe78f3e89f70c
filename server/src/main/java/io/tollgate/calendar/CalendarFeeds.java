package io.tollgate.calendar;

import io.tollgate.audit.AuditLog;
import io.tollgate.audit.AuditRecord;
import io.tollgate.calendar.internal.CalendarTokenStore;
import io.tollgate.identity.User;
import io.tollgate.identity.UserManagement;
import io.tollgate.product.Product;
import io.tollgate.shared.Actor;
import io.tollgate.shared.NotFound;
import io.tollgate.shared.SecretTokens;
import io.tollgate.shared.Timestamps;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A person's iCalendar feed: a secret token in the feed's URL (stored only as its hash), issued
 * anew (which replaces the old one) or revoked by the person; the feed shows the windows of the
 * releases of the person's products from {@link #PAST} ago to {@link #AHEAD} ahead, as the person
 * would see them now (a disabled person's feed is gone, a product they left drops out).
 */
@Service
public class CalendarFeeds {
  /** The prefix of a feed token, so that secret scanners recognise one. */
  static final String PREFIX = "tgcal_";

  static final Duration PAST = Duration.ofDays(92);
  static final Duration AHEAD = Duration.ofDays(366 - 92);

  private final CalendarTokenStore tokens;
  private final UserManagement users;
  private final ReleaseCalendar calendar;
  private final AuditLog audit;
  private final Clock clock;

  CalendarFeeds(
      CalendarTokenStore tokens,
      UserManagement users,
      ReleaseCalendar calendar,
      AuditLog audit,
      Clock clock) {
    this.tokens = tokens;
    this.users = users;
    this.calendar = calendar;
    this.audit = audit;
    this.clock = clock;
  }

  /** A new feed token for the caller (a person), replacing the one they had. */
  @Transactional
  public String issue(Actor by) {
    requirePerson(by);
    String token = SecretTokens.generate(PREFIX);
    boolean replaced = tokens.issuedAt(by.username()).isPresent();
    tokens.replace(by.username(), SecretTokens.hash(token), Timestamps.now(clock));
    audit.append(
        AuditRecord.of(
            "calendar-token.issued",
            by,
            null,
            "user/" + by.username(),
            null,
            Map.of("username", by.username(), "replaced", replaced)));
    return token;
  }

  /** Revokes the caller's feed token; nothing to do when they have none. */
  @Transactional
  public void revoke(Actor by) {
    requirePerson(by);
    if (tokens.delete(by.username())) {
      audit.append(
          AuditRecord.of(
              "calendar-token.revoked",
              by,
              null,
              "user/" + by.username(),
              null,
              Map.of("username", by.username())));
    }
  }

  /** When the caller's current feed token was issued; empty when they have none. */
  @Transactional(readOnly = true)
  public Optional<Instant> issuedAt(Actor by) {
    return tokens.issuedAt(by.username());
  }

  /** A feed: its owner's releases in the feed's range, and the names of their products. */
  public record Feed(
      String owner, List<CalendarEntry> entries, Map<String, String> productNames, Instant at) {}

  /**
   * The feed of a token, optionally of one product; 404 when the token is unknown or revoked, its
   * owner disabled, or the product not one of theirs.
   */
  @Transactional(readOnly = true)
  public Feed feed(String token, String product) {
    String username =
        (token == null || token.isBlank() || token.length() > 200
                ? Optional.<String>empty()
                : tokens.owner(SecretTokens.hash(token.strip())))
            .orElseThrow(CalendarFeeds::unknownToken);
    User user =
        users.find(username).filter(u -> !u.disabled()).orElseThrow(CalendarFeeds::unknownToken);
    Actor owner = new Actor(user.username(), user.admin());
    ReleaseCalendar.Selection selection = calendar.products(owner, product, null);
    Instant now = Timestamps.now(clock);
    CalendarRange range = new CalendarRange(now.minus(PAST), now.plus(AHEAD));
    Map<String, String> names =
        selection.products().stream()
            .collect(Collectors.toMap(Product::key, Product::name, (a, b) -> a));
    return new Feed(username, calendar.entries(selection, range), names, now);
  }

  private static NotFound unknownToken() {
    return NotFound.because(
        "No calendar feed for this token: it is unknown or was revoked. Get a new feed URL with"
            + " POST /api/v1/me/calendar-token or on the calendar page.");
  }

  private static void requirePerson(Actor by) {
    if (!by.isPerson()) {
      throw io.tollgate.shared.Forbidden.because("A calendar feed is for a person.");
    }
  }
}
