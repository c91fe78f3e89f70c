package io.tollgate.release;

import java.time.Instant;
import java.util.List;

/**
 * The production freezes of a product, as the release's rules need them (see {@link FreezePolicy}).
 * Provided by the freeze feature; without it, nothing is frozen.
 */
public interface FrozenPeriods {
  /**
   * The occurrences of the product's freezes that overlap [from, to), each with the release's
   * approved override of that freeze, if any.
   */
  List<FrozenPeriod> of(String product, String release, Instant from, Instant to);
}
