package io.tollgate.release;

import java.util.Optional;

/** The result of a deploy, smoke-test or verification step. */
public enum Outcome {
  SUCCEEDED,
  FAILED;

  public String id() {
    return this == SUCCEEDED ? "succeeded" : "failed";
  }

  /** The one mark shown beside the outcome on every page. */
  public String icon() {
    return this == SUCCEEDED ? "✓" : "✗";
  }

  public static Optional<Outcome> parse(String value) {
    if ("succeeded".equals(value)) return Optional.of(SUCCEEDED);
    if ("failed".equals(value)) return Optional.of(FAILED);
    return Optional.empty();
  }
}
