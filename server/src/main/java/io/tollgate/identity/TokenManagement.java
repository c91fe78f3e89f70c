package io.tollgate.identity;

import static io.tollgate.identity.UserManagement.requireSelfOrAdmin;

import io.tollgate.identity.internal.IdentityEvents;
import io.tollgate.identity.internal.UserStore;
import io.tollgate.shared.Actor;
import io.tollgate.shared.BadRequest;
import io.tollgate.shared.Invalid;
import io.tollgate.shared.NotFound;
import io.tollgate.shared.Timestamps;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** API tokens: issued to a user, listed without the secret, revoked, and checked on each call. */
@Service
public class TokenManagement {
  private final UserStore users;
  private final IdentityEvents events;
  private final TokenCache cache;
  private final Clock clock;

  TokenManagement(UserStore users, IdentityEvents events, TokenCache cache, Clock clock) {
    this.users = users;
    this.events = events;
    this.cache = cache;
    this.clock = clock;
  }

  /** Issues a new API token for a user; the admin, or the user for themselves. */
  @Transactional
  public IssuedToken issue(Actor by, String username, String name) {
    requireSelfOrAdmin(by, username, "Issuing tokens");
    return issueUnchecked(by, username, name, Tokens.generate());
  }

  /**
   * Stores a token without a permission check: for the bootstrap (whose token may come from the
   * environment) and the demo data.
   */
  @Transactional
  public IssuedToken issueUnchecked(Actor by, String username, String name, String token) {
    if (name == null || name.isBlank()) throw BadRequest.missing("name");
    if (name.length() > 100) throw Invalid.because("A token name has at most 100 characters.");
    if (!users.exists(username)) throw NotFound.of("user", username);
    String id = UUID.randomUUID().toString();
    Instant now = Timestamps.now(clock);
    users.insertToken(id, username, name.strip(), Tokens.hash(token), now);
    events.append("token.issued", by, username, Map.of("tokenId", id, "name", name.strip()));
    return new IssuedToken(id, username, name.strip(), token, now);
  }

  @Transactional
  public void revoke(Actor by, String username, String tokenId) {
    requireSelfOrAdmin(by, username, "Revoking tokens");
    if (users.revoke(username, tokenId, Timestamps.now(clock)) == 0) {
      throw NotFound.of(
          "live token",
          tokenId,
          "List the user's tokens with GET /api/v1/users/" + username + "/tokens.");
    }
    cache.clear();
    events.append("token.revoked", by, username, Map.of("tokenId", tokenId));
  }

  @Transactional(readOnly = true)
  public List<TokenInfo> list(Actor by, String username) {
    requireSelfOrAdmin(by, username, "Listing tokens");
    if (!users.exists(username)) throw NotFound.of("user", username);
    return users.tokens(username);
  }

  /** The caller a bearer token belongs to; empty when unknown, revoked or the user is disabled. */
  public Optional<Actor> authenticate(String token) {
    if (token == null || token.isBlank() || token.length() > 200) {
      return Optional.empty();
    }
    String hash = Tokens.hash(token);
    return cache.get(
        hash, () -> users.byTokenHash(hash).map(u -> new Actor(u.username(), u.admin())));
  }
}
