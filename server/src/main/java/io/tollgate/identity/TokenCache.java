package io.tollgate.identity;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;

/**
 * Remembers which user a token hash belongs to (and the token's scope and expiry) for a few
 * seconds, so that a busy pipeline does not cost a database round trip per request. Revoking on
 * this node clears it at once; every node clears it when the audit log's tail brings a change to a
 * token or a user made on any node (a quarter of a second, measured under a second by
 * SeveralNodesIntegrationTests), and {@link #TTL} bounds what a lookup racing that change could
 * keep. Unknown tokens are not remembered.
 */
@Component
public class TokenCache {
  static final Duration TTL = Duration.ofSeconds(5);

  private final Cache<String, AuthenticatedToken> entries =
      Caffeine.newBuilder().expireAfterWrite(TTL).maximumSize(10_000).build();

  Optional<AuthenticatedToken> get(String hash, Supplier<Optional<AuthenticatedToken>> load) {
    AuthenticatedToken cached = entries.getIfPresent(hash);
    if (cached != null) {
      return Optional.of(cached);
    }
    Optional<AuthenticatedToken> token = load.get();
    token.ifPresent(a -> entries.put(hash, a));
    return token;
  }

  public void clear() {
    entries.invalidateAll();
  }

  /** A token or a user changed, on this node or another: forget every lookup. */
  @org.springframework.context.event.EventListener
  void changed(io.tollgate.audit.AuditEventsAppended appended) {
    if (appended.events().stream().anyMatch(e -> about(e.action()))) clear();
  }

  /** Whether an event of this type can change what a token lookup answers. */
  static boolean about(String action) {
    return action != null
        && (action.startsWith("token.")
            || action.startsWith("user.")
            || action.startsWith("password."));
  }
}
