package io.tollgate.incident;

import java.time.Instant;

/** One line of an incident's timeline. */
public record TimelineEntry(Instant at, String actor, String entry) {}
