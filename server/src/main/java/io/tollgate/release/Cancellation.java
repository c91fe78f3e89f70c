package io.tollgate.release;

import java.time.Instant;

/** Why, by whom and when a release was cancelled. */
public record Cancellation(String reason, String by, Instant at) {}
