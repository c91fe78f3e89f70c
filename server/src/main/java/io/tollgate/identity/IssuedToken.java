package io.tollgate.identity;

import java.time.Instant;

/** A new API token; {@code token} is shown this once and stored only as a hash. */
public record IssuedToken(
    String id,
    String username,
    String name,
    String token,
    Instant createdAt,
    Instant expiresAt,
    TokenScope scope) {}
