package io.tollgate.quality;

import java.time.Instant;
import java.util.List;

/**
 * A test report as answered.
 *
 * @param attachedTo the requirement or step it is evidence for
 */
public record TestReport(
    String id,
    String name,
    int tests,
    int failures,
    int errors,
    int skipped,
    double durationSeconds,
    List<JunitReport.Failing> failing,
    AttachedTo attachedTo,
    String by,
    Instant at) {

  /** {@code kind}: {@code requirement} or {@code step}. */
  public record AttachedTo(String kind, String key) {}

  public boolean passed() {
    return failures == 0 && errors == 0;
  }
}
