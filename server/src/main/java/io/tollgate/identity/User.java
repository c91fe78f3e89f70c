package io.tollgate.identity;

import java.time.Instant;

/** A person (or pipeline) who can sign in. */
public record User(
    String username, String displayName, String email, boolean admin, Instant createdAt) {}
