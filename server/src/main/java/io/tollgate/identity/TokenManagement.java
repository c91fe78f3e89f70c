package io.tollgate.identity;

import static io.tollgate.identity.UserManagement.requireSelfOrAdmin;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.tollgate.identity.internal.IdentityEvents;
import io.tollgate.identity.internal.UserStore;
import io.tollgate.shared.Actor;
import io.tollgate.shared.BadRequest;
import io.tollgate.shared.Invalid;
import io.tollgate.shared.NotFound;
import io.tollgate.shared.Timestamps;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * API tokens: issued to a user (optionally with an expiry and a {@link TokenScope}), listed without
 * the secret, revoked, and checked on each call.
 */
@Service
public class TokenManagement {
  /** How often a token's {@code lastUsedAt} is written at most: not on every call. */
  static final Duration LAST_USE_PRECISION = Duration.ofMinutes(1);

  private final UserStore users;
  private final IdentityEvents events;
  private final TokenCache cache;
  private final ActionCatalog catalog;
  private final Clock clock;
  private final Cache<String, Instant> lastUseWritten =
      Caffeine.newBuilder().expireAfterWrite(LAST_USE_PRECISION).maximumSize(10_000).build();

  TokenManagement(
      UserStore users,
      IdentityEvents events,
      TokenCache cache,
      ActionCatalog catalog,
      Clock clock) {
    this.users = users;
    this.events = events;
    this.cache = cache;
    this.catalog = catalog;
    this.clock = clock;
  }

  /** Issues a new API token for a user, acting fully as them; the admin, or the user themselves. */
  @Transactional
  public IssuedToken issue(Actor by, String username, String name) {
    return issue(by, username, name, null, null);
  }

  /**
   * Issues a new API token for a user; the admin, or the user for themselves. {@code expiresAt}
   * (null: never) must lie ahead; {@code scope} (null: none) limits what the token can do.
   */
  @Transactional
  public IssuedToken issue(
      Actor by, String username, String name, Instant expiresAt, TokenScope scope) {
    requireSelfOrAdmin(by, username, "Issuing tokens");
    Instant now = Timestamps.now(clock);
    if (expiresAt != null && !expiresAt.isAfter(now)) {
      throw Invalid.field(
          "expiresAt", "expiresAt " + expiresAt + " has passed; give a later time.");
    }
    if (scope != null) scope.validate(catalog.actions());
    return store(by, username, name, Tokens.generate(), expiresAt, scope, now);
  }

  /**
   * Stores a token without a permission check: for the bootstrap (whose token may come from the
   * environment) and the demo data.
   */
  @Transactional
  public IssuedToken issueUnchecked(Actor by, String username, String name, String token) {
    return store(by, username, name, token, null, null, Timestamps.now(clock));
  }

  private IssuedToken store(
      Actor by,
      String username,
      String name,
      String token,
      Instant expiresAt,
      TokenScope scope,
      Instant now) {
    if (name == null || name.isBlank()) throw BadRequest.missing("name");
    if (name.length() > 100) throw Invalid.because("A token name has at most 100 characters.");
    if (!users.exists(username)) throw NotFound.of("user", username);
    TokenScope kept = scope == null || !scope.restricts() ? null : scope;
    String id = UUID.randomUUID().toString();
    users.insertToken(id, username, name.strip(), Tokens.hash(token), now, expiresAt, kept);
    Map<String, Object> facts = new LinkedHashMap<>();
    facts.put("tokenId", id);
    facts.put("name", name.strip());
    if (expiresAt != null) facts.put("expiresAt", expiresAt.toString());
    if (kept != null) facts.put("scope", describe(kept));
    events.append("token.issued", by, username, facts);
    return new IssuedToken(id, username, name.strip(), token, now, expiresAt, kept);
  }

  private static Map<String, Object> describe(TokenScope scope) {
    Map<String, Object> m = new LinkedHashMap<>();
    if (scope.products() != null) m.put("products", scope.products());
    if (scope.readOnly()) m.put("readOnly", true);
    if (scope.actions() != null) m.put("actions", scope.actions());
    return m;
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

  /** The caller a bearer token belongs to; empty when unknown, revoked, expired or disabled. */
  public Optional<Actor> authenticate(String token) {
    return authenticateToken(token).map(AuthenticatedToken::actor);
  }

  /**
   * The token's user and scope; empty when unknown, revoked, expired or its user is disabled. Notes
   * when the token was used, at most once a {@link #LAST_USE_PRECISION} per token.
   */
  public Optional<AuthenticatedToken> authenticateToken(String token) {
    if (token == null || token.isBlank() || token.length() > 200) {
      return Optional.empty();
    }
    String hash = Tokens.hash(token);
    Optional<AuthenticatedToken> found = cache.get(hash, () -> users.byTokenHash(hash));
    Instant now = Timestamps.now(clock);
    if (found.isEmpty() || found.get().expiredAt(now)) return Optional.empty();
    String id = found.get().tokenId();
    if (lastUseWritten.getIfPresent(id) == null) {
      lastUseWritten.put(id, now);
      users.touchToken(id, now);
    }
    return found;
  }
}
