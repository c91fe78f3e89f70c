package io.tollgate.release;

import java.time.Instant;

/** A deployment this release made, from the step that made it. */
public record DeploymentRecord(
    String environment, String version, Outcome outcome, String by, Instant at, String step) {}
