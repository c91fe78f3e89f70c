package io.tollgate.process;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How long a handoff may wait for its acknowledgement before the release manager is told: a
 * handoff's {@code sla} in the process file, written {@code 30m}, {@code 4h}, {@code 1d} or {@code
 * 2h30m}, between one minute and 30 days; 4 hours when absent.
 */
public final class HandoffSla {
  public static final Duration DEFAULT = Duration.ofHours(4);
  static final Duration MIN = Duration.ofMinutes(1);
  static final Duration MAX = Duration.ofDays(30);
  private static final Pattern FORM =
      Pattern.compile("(?:(\\d{1,3})d)?\\s*(?:(\\d{1,4})h)?\\s*(?:(\\d{1,5})m)?");

  private HandoffSla() {}

  /** The duration the text says, or empty when it is not one of the accepted forms or limits. */
  public static Optional<Duration> parse(String text) {
    if (text == null) return Optional.empty();
    String t = text.strip().toLowerCase(java.util.Locale.ROOT);
    Matcher m = FORM.matcher(t);
    if (t.isEmpty() || !m.matches()) return Optional.empty();
    Duration d =
        Duration.ofDays(number(m.group(1)))
            .plusHours(number(m.group(2)))
            .plusMinutes(number(m.group(3)));
    if (d.compareTo(MIN) < 0 || d.compareTo(MAX) > 0) return Optional.empty();
    return Optional.of(d);
  }

  /** The duration as the file writes it: {@code 4h}, {@code 1d2h}, {@code 45m}. */
  public static String format(Duration d) {
    StringBuilder b = new StringBuilder();
    if (d.toDays() > 0) b.append(d.toDays()).append('d');
    if (d.toHoursPart() > 0) b.append(d.toHoursPart()).append('h');
    if (d.toMinutesPart() > 0) b.append(d.toMinutesPart()).append('m');
    return b.toString();
  }

  /**
   * The SLA clock of a handed handoff at {@code now}: time left (negative once past), or null when
   * the handoff is not waiting (never handed, or acknowledged).
   */
  public static Duration remaining(
      java.time.Instant handedAt,
      java.time.Instant acknowledgedAt,
      Duration sla,
      java.time.Instant now) {
    if (handedAt == null || acknowledgedAt != null) return null;
    return Duration.between(now, handedAt.plus(sla));
  }

  private static long number(String group) {
    return group == null ? 0 : Long.parseLong(group);
  }
}
