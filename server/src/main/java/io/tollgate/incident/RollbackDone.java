package io.tollgate.incident;

import java.time.Instant;

/** The rollback an incident performed. */
public record RollbackDone(
    String environment,
    String fromVersion,
    String toVersion,
    String toRelease,
    String by,
    Instant at) {}
