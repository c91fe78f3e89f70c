package io.tollgate.identity;

import java.time.Instant;

/**
 * A one-time link with which {@code username} sets their own password; {@code token} is shown this
 * once (as {@code /set-password/<token>}) and stored only as a hash.
 */
public record PasswordLink(String username, String token, Instant expiresAt) {}
