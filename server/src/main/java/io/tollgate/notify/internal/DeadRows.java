package io.tollgate.notify.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A batch's rows that failed for good, by error, and the position of the first: recorded with the
 * batch, not a row at a time.
 */
final class DeadRows {
  private static final Logger LOG = LoggerFactory.getLogger(DeadRows.class);

  private final Map<String, List<Long>> byError = new LinkedHashMap<>();
  private int first = -1;

  void add(int position, long id, String error) {
    if (first < 0) first = position;
    byError.computeIfAbsent(error, e -> new ArrayList<>()).add(id);
  }

  /**
   * Records them; answers how many of the batch's first {@code handled} rows are recorded: all, or
   * those before the first dead one when that failed (the frontier stays before it, and it is tried
   * again with the next batch).
   */
  int record(DeliveryStore deliveries, String token, int handled, String subscription) {
    try {
      for (Map.Entry<String, List<Long>> e : byError.entrySet()) {
        if (deliveries.dead(e.getValue(), token, e.getKey()) == 0) return Math.min(handled, first);
      }
      return handled;
    } catch (RuntimeException e) {
      LOG.warn(
          "Could not record the dead deliveries of subscription {}: {}",
          subscription,
          e.getMessage());
      return Math.min(handled, first);
    }
  }
}
