package io.tollgate.automation;

import java.util.Locale;
import java.util.Optional;

/** Where an automated deployment stands: queued → running → one of the final states. */
public enum DeploymentStatus {
  QUEUED,
  RUNNING,
  SUCCEEDED,
  FAILED,
  CANCELLED,
  TIMED_OUT;

  public String id() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  public boolean isFinal() {
    return this != QUEUED && this != RUNNING;
  }

  public static Optional<DeploymentStatus> parse(String id) {
    for (DeploymentStatus s : values()) if (s.id().equals(id)) return Optional.of(s);
    return Optional.empty();
  }
}
