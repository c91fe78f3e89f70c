package io.tollgate.automation;

import java.time.Duration;

/**
 * How often and when the webhook POST is tried again: {@link #ATTEMPTS} tries, waiting {@code
 * base}, 2×, 4×, 8× {@code base} between them (at most a minute), always with the same {@code
 * webhook-id}. The base is a second in production ({@code tollgate.automation.retry-base}).
 */
public final class Backoff {
  public static final int ATTEMPTS = 5;
  private static final Duration MAX = Duration.ofMinutes(1);

  private Backoff() {}

  /** The wait before attempt {@code next} (2 = the first retry). */
  public static Duration before(int next, Duration base) {
    Duration wait = base.multipliedBy(1L << Math.min(20, Math.max(0, next - 2)));
    return wait.compareTo(MAX) > 0 ? MAX : wait;
  }

  public static boolean exhausted(int attemptsMade) {
    return attemptsMade >= ATTEMPTS;
  }
}
