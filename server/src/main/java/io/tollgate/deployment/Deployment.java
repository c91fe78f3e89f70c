package io.tollgate.deployment;

import java.time.Instant;

/** One deployment (kind {@code deploy}) or rollback (kind {@code rollback}) to an environment. */
public record Deployment(
    long id,
    String product,
    String environment,
    String release,
    String version,
    String kind,
    String outcome,
    String verified,
    boolean rolledBack,
    String by,
    Instant at) {}
