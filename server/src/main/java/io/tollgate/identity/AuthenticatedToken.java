package io.tollgate.identity;

import io.tollgate.shared.Actor;
import java.time.Instant;

/**
 * Who a bearer token belongs to, and what the token is limited to.
 *
 * @param scope null for a token that acts fully as its user
 * @param expiresAt null for a token that does not expire
 */
public record AuthenticatedToken(String tokenId, Actor actor, TokenScope scope, Instant expiresAt) {
  public boolean expiredAt(Instant now) {
    return expiresAt != null && !now.isBefore(expiresAt);
  }
}
