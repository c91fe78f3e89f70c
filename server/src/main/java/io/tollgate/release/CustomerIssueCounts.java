package io.tollgate.release;

import java.util.List;
import java.util.Map;

/**
 * How many customer-reported issues releases have, for the release page and the board; provided by
 * the feature that records them (releases without any are left out of the answer).
 */
public interface CustomerIssueCounts {
  Map<String, Integer> of(List<String> releaseIds);
}
