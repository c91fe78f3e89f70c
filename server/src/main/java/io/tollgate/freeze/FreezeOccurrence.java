package io.tollgate.freeze;

import java.time.Instant;
import java.util.List;

/**
 * One occurrence of a freeze, as the list and the calendar show it.
 *
 * @param products the products it covers; empty: every product
 */
public record FreezeOccurrence(
    String freeze, String reason, List<String> products, Instant start, Instant end) {
  public FreezeOccurrence {
    products = List.copyOf(products);
  }
}
