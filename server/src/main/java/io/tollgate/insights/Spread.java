package io.tollgate.insights;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;

/**
 * The median and 90th percentile of a set of durations in seconds, by the nearest-rank method: the
 * p-th percentile of n sorted values is the value at rank ⌈p/100 × n⌉ (so always one of the values,
 * never an interpolation). Both are null when there are no values.
 */
public record Spread(Long p50, Long p90, int count) {
  public static final Spread NONE = new Spread(null, null, 0);

  public static Spread of(Collection<Long> seconds) {
    if (seconds.isEmpty()) return NONE;
    List<Long> sorted = new ArrayList<>(seconds);
    Collections.sort(sorted);
    return new Spread(percentile(sorted, 50), percentile(sorted, 90), sorted.size());
  }

  /** The nearest-rank percentile of sorted values; {@code p} in 1..100. */
  static long percentile(List<Long> sorted, int p) {
    if (sorted.isEmpty()) throw new IllegalArgumentException("no values");
    if (p < 1 || p > 100) throw new IllegalArgumentException("percentile " + p);
    int rank = (int) Math.ceil(p / 100.0 * sorted.size());
    return sorted.get(Math.max(1, rank) - 1);
  }
}
