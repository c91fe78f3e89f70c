package io.tollgate.notify;

import java.time.Duration;
import java.time.Instant;

/**
 * When a failed delivery is tried again: after {@code base}, then twice as long each time, at most
 * {@code cap}; after {@code maxAttempts} attempts it is dead (listed, retryable by hand).
 */
public record Backoff(int maxAttempts, Duration base, Duration cap) {
  public Backoff {
    if (maxAttempts < 1) throw new IllegalArgumentException("maxAttempts is at least 1");
    if (base.isNegative() || base.isZero()) throw new IllegalArgumentException("base > 0");
    if (cap.compareTo(base) < 0) throw new IllegalArgumentException("cap >= base");
  }

  /** The delay after the given failed attempt (1 for the first). */
  public Duration delayAfter(int attempt) {
    if (attempt < 1) throw new IllegalArgumentException("attempt is at least 1");
    Duration d = base;
    for (int i = 1; i < attempt; i++) {
      d = d.multipliedBy(2);
      if (d.compareTo(cap) >= 0) return cap;
    }
    return d;
  }

  /** Whether a delivery that has failed {@code attempts} times is dead. */
  public boolean dead(int attempts) {
    return attempts >= maxAttempts;
  }

  /** The next attempt after a failed one, or null when that was the last. */
  public Instant nextAttempt(int attempts, Instant now) {
    return dead(attempts) ? null : now.plus(delayAfter(attempts));
  }
}
