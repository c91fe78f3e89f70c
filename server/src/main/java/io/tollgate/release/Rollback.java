package io.tollgate.release;

import java.time.Instant;

/** The rollback that took this release out of an environment, and what it went back to. */
public record Rollback(
    String incident, String environment, String toVersion, String by, Instant at) {}
