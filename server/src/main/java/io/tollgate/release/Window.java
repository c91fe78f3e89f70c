package io.tollgate.release;

import java.time.Instant;

/** A deployment window. */
public record Window(Instant start, Instant end) {}
