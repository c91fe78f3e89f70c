package io.tollgate.deployment;

/**
 * Where a rollback took an environment: {@code toVersion} is null when there was no good release.
 */
public record RollbackResult(
    String environment, String fromVersion, String toVersion, String toRelease) {}
