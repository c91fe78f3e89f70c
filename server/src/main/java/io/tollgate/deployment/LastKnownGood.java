package io.tollgate.deployment;

import java.util.List;
import java.util.Optional;

/**
 * The last known-good release of an environment: the newest deployment that succeeded, was not
 * rolled back, and whose verification (if any) did not fail — of a release other than the one being
 * rolled back. The one home of this rule; the store only fetches candidates.
 */
public final class LastKnownGood {
  private LastKnownGood() {}

  /**
   * @param newestFirst deployments to one environment, newest first
   * @param except a release that does not count (the one being rolled back), or null
   */
  public static Optional<Deployment> among(List<Deployment> newestFirst, String except) {
    return newestFirst.stream().filter(d -> isGood(d, except)).findFirst();
  }

  static boolean isGood(Deployment d, String except) {
    return "deploy".equals(d.kind())
        && "succeeded".equals(d.outcome())
        && !d.rolledBack()
        && (d.verified() == null || "succeeded".equals(d.verified()))
        && (except == null || !except.equals(d.release()));
  }
}
