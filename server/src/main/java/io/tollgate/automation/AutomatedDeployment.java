package io.tollgate.automation;

import java.time.Instant;

/** One automated deployment, rollback or verification run, as stored (without its log). */
public record AutomatedDeployment(
    String id,
    String release,
    String product,
    String environment,
    String step,
    String incident,
    String version,
    String previousVersion,
    DeploymentKind kind,
    DeploymentStatus status,
    String requestedBy,
    Instant startedAt,
    Instant finishedAt,
    String message,
    String url,
    int attempts,
    boolean settled) {

  /** One line of its log. */
  public record LogLine(Instant at, String line) {}

  /** One result of one check in one round. */
  public record CheckResult(
      int round, String kind, String target, boolean ok, String value, Instant at) {}
}
