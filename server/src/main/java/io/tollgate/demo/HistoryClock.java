package io.tollgate.demo;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The server's clock while {@link HistoryGenerator} writes a past: it reads the moment the
 * generator sets, and the system's time once the generator is done ({@link #release}). Only in the
 * context when {@code tollgate.demo.history} is set (see {@link HistoryConfiguration}).
 */
final class HistoryClock extends Clock {
  private volatile Instant fixed;

  void set(Instant at) {
    fixed = at;
  }

  /** Back to the system's time. */
  void release() {
    fixed = null;
  }

  @Override
  public Instant instant() {
    Instant at = fixed;
    return at == null ? Instant.now() : at;
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    if (zone.equals(ZoneOffset.UTC)) return this;
    throw new UnsupportedOperationException("the history clock is in UTC");
  }
}
