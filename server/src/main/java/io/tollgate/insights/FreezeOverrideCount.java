package io.tollgate.insights;

import java.time.Instant;
import java.util.Collection;

/**
 * THE HOOK FOR FREEZES: how many approved freeze overrides (issue 13, freezes) were used in a
 * period on some products. Insights count zero until the freezes feature provides a bean of this
 * type (see {@code InsightsReport}); it is the one place insights learn about overrides.
 */
public interface FreezeOverrideCount {
  long overrides(Collection<String> products, Instant from, Instant to);
}
