package io.tollgate.insights;

import java.time.Instant;

/** An incident resolved: when it was opened and when resolved. */
public record Restore(Instant opened, Instant resolved) {}
