package io.tollgate.insights;

import java.time.Instant;

/**
 * A successful deployment to a product's production environment (its last one), with what lead time
 * and change failure need.
 *
 * @param releaseCreated when its release was planned
 * @param firstCommit when the first of its release's commits became known, or null without commits
 * @param rolledBack production was rolled back from it
 * @param incidentAfter an incident was opened on its release at or after the deployment
 */
public record ProductionDeployment(
    String release,
    Instant deployedAt,
    Instant releaseCreated,
    Instant firstCommit,
    boolean rolledBack,
    boolean incidentAfter) {

  /** Lead time starts at the release's creation, or at its first commit when that came earlier. */
  public Instant leadTimeStart() {
    return firstCommit != null && firstCommit.isBefore(releaseCreated)
        ? firstCommit
        : releaseCreated;
  }

  public boolean failed() {
    return rolledBack || incidentAfter;
  }
}
