package io.tollgate.shared;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/** Instants as the JDBC drivers of H2 and PostgreSQL both take them, at millisecond precision. */
public final class Timestamps {
  private Timestamps() {}

  public static OffsetDateTime toDb(Instant instant) {
    return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
  }

  public static Instant fromDb(OffsetDateTime value) {
    return value == null ? null : value.toInstant();
  }

  /** Now, truncated to milliseconds so that what is stored reads back identical. */
  public static Instant now(java.time.Clock clock) {
    return clock.instant().truncatedTo(ChronoUnit.MILLIS);
  }
}
