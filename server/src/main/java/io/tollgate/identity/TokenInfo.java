package io.tollgate.identity;

import java.time.Instant;

/**
 * An API token as listed: never the token itself.
 *
 * @param lastUsedAt when a call last authenticated with it (to about a minute), or null
 * @param expiresAt when it stops working, or null for never
 * @param scope what it is limited to, or null for a token that acts fully as its user
 */
public record TokenInfo(
    String id,
    String name,
    Instant createdAt,
    Instant lastUsedAt,
    Instant expiresAt,
    TokenScope scope,
    Instant revokedAt) {

  /** Whether it still works at {@code now}. */
  public boolean live(Instant now) {
    return revokedAt == null && (expiresAt == null || now.isBefore(expiresAt));
  }
}
