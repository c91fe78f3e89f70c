package io.tollgate.cli;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Durations as people type them: {@code 500ms}, {@code 90s}, {@code 30m}, {@code 2h}, {@code PT1M}.
 */
final class Durations implements ITypeConverter<Duration> {
  private static final Pattern SHORT = Pattern.compile("(\\d+)(ms|s|m|h)?");

  @Override
  public Duration convert(String value) {
    return parse(value);
  }

  static Duration parse(String value) {
    Duration d = read(value);
    if (d.isNegative()) throw new TypeConversionException("'" + value + "' is negative");
    return d;
  }

  private static Duration read(String value) {
    String v = value.strip().toLowerCase(java.util.Locale.ROOT);
    Matcher m = SHORT.matcher(v);
    try {
      if (m.matches()) {
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        return switch (unit) {
          case "ms" -> Duration.ofMillis(n);
          case "m" -> Duration.ofMinutes(n);
          case "h" -> Duration.ofHours(n);
          default -> Duration.ofSeconds(n);
        };
      }
      return Duration.parse(value.strip().toUpperCase(java.util.Locale.ROOT));
    } catch (NumberFormatException | DateTimeParseException | ArithmeticException e) {
      throw new TypeConversionException("'" + value + "' is not a duration (say 90s, 30m or 2h)");
    }
  }

  /** {@code 1h02m}, {@code 3m05s}, {@code 42s}. */
  static String format(Duration d) {
    long s = d.toSeconds();
    if (s >= 3600) return String.format("%dh%02dm", s / 3600, (s % 3600) / 60);
    if (s >= 60) return String.format("%dm%02ds", s / 60, s % 60);
    return s + "s";
  }
}
