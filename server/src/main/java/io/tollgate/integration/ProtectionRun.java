package io.tollgate.integration;

import java.time.Instant;

/**
 * A deployment protection rule request as answered: GitHub asked whether a job may deploy {@code
 * sha} to {@code environment}; Tollgate's verdict ({@code approved}, {@code waiting}, {@code
 * rejected}) with its comment, and what GitHub was last told ({@code told}, null while not yet;
 * {@code lastError} says why).
 */
public record ProtectionRun(
    String delivery,
    String environment,
    String sha,
    String release,
    String verdict,
    String comment,
    String told,
    String lastError,
    Instant receivedAt,
    Instant decidedAt) {}
