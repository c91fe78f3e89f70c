package io.tollgate.identity;

import java.time.Instant;

/** An API token as listed: never the token itself. */
public record TokenInfo(String id, String name, Instant createdAt, Instant revokedAt) {}
