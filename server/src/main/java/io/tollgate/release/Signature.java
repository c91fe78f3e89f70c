package io.tollgate.release;

import java.time.Instant;

/** One role's signature on a requirement that several roles sign. */
public record Signature(String role, String by, Instant at) {}
