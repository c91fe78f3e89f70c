package io.tollgate.freeze;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Set;
import java.util.TreeSet;

/**
 * A production freeze: its first occurrence [start, end) and, when it recurs, the RRULE that
 * repeats that occurrence in {@code zone} (so a freeze "every Friday 16:00" stays at 16:00 local
 * time across daylight saving changes).
 *
 * @param products the products it covers; empty: every product
 */
public record Freeze(
    String id,
    String reason,
    Instant start,
    Instant end,
    String rrule,
    ZoneId zone,
    Set<String> products,
    String createdBy,
    Instant createdAt) {
  public Freeze {
    products = products == null ? Set.of() : Set.copyOf(new TreeSet<>(products));
  }

  public boolean allProducts() {
    return products.isEmpty();
  }

  public boolean covers(String product) {
    return products.isEmpty() || products.contains(product);
  }

  public boolean recurring() {
    return rrule != null;
  }

  /** How long each occurrence lasts. */
  public Duration duration() {
    return Duration.between(start, end);
  }
}
