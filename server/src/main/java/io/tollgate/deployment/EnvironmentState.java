package io.tollgate.deployment;

import java.time.Instant;

/**
 * What an environment runs. {@code currentVersion} is the version of the latest successful
 * deployment (or rollback); {@code lastKnownGood} the newest release whose deployment there
 * succeeded, was not rolled back and did not fail verification.
 */
public record EnvironmentState(
    String name,
    String currentVersion,
    String currentRelease,
    Instant since,
    String lastKnownGood,
    String lastKnownGoodRelease) {}
