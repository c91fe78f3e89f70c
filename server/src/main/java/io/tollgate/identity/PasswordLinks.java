package io.tollgate.identity;

import io.tollgate.identity.internal.IdentityEvents;
import io.tollgate.identity.internal.PasswordLinkStore;
import io.tollgate.identity.internal.PasswordLinkStore.StoredPasswordLink;
import io.tollgate.identity.internal.UserStore;
import io.tollgate.shared.Actor;
import io.tollgate.shared.NotFound;
import io.tollgate.shared.Refused;
import io.tollgate.shared.Timestamps;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * One-time set-password links, handed out by the administrator: the link works once, for {@link
 * #LIFETIME}, and using it ends every session the person had (it is a reset).
 */
@Service
public class PasswordLinks {
  public static final Duration LIFETIME = Duration.ofHours(24);

  private final PasswordLinkStore links;
  private final UserStore users;
  private final PasswordManagement passwords;
  private final IdentityEvents events;
  private final Clock clock;

  PasswordLinks(
      PasswordLinkStore links,
      UserStore users,
      PasswordManagement passwords,
      IdentityEvents events,
      Clock clock) {
    this.links = links;
    this.users = users;
    this.passwords = passwords;
    this.events = events;
    this.clock = clock;
  }

  /** Creates a link (admin); the token is returned this once and stored only as a hash. */
  @Transactional
  public PasswordLink create(Actor by, String username) {
    UserManagement.requireAdmin(by, "Creating set-password links");
    if (!users.exists(username)) throw NotFound.of("user", username);
    String token = Tokens.generate();
    String id = UUID.randomUUID().toString();
    Instant now = Timestamps.now(clock);
    Instant expires = now.plus(LIFETIME);
    links.insertPasswordLink(id, username, Tokens.hash(token), now, expires);
    events.append(
        "password-link.created",
        by,
        username,
        Map.of("linkId", id, "expiresAt", expires.toString()));
    return new PasswordLink(username, token, expires);
  }

  /** The user a link is for; refuses unknown, used and expired links. */
  @Transactional(readOnly = true)
  public String userOf(String token) {
    return open(token).username();
  }

  /** Sets a password with a link and uses the link up; returns the username. */
  @Transactional
  public String use(String token, String password) {
    StoredPasswordLink link = open(token);
    PasswordManagement.requireValid(password);
    if (links.usePasswordLink(link.id(), Timestamps.now(clock)) == 0) {
      throw Refused.because(
          "This set-password link was used a moment ago; ask the administrator for a new one.");
    }
    passwords.reset(
        new Actor(link.username(), false), link.username(), password, Map.of("linkId", link.id()));
    return link.username();
  }

  private StoredPasswordLink open(String token) {
    String shown = token == null ? "" : token.substring(0, Math.min(token.length(), 8)) + "…";
    StoredPasswordLink link =
        token == null || token.isBlank() || token.length() > 200
            ? null
            : links.passwordLink(Tokens.hash(token)).orElse(null);
    if (link == null) {
      throw NotFound.of(
          "set-password link",
          shown,
          "Check that the whole link was copied, or ask for a new one.");
    }
    if (link.usedAt() != null) {
      throw Refused.because(
          "This set-password link was used already (at "
              + link.usedAt()
              + "); a link works once. Sign in with your password, or ask the administrator for a"
              + " new link.");
    }
    if (!Timestamps.now(clock).isBefore(link.expiresAt())) {
      throw Refused.because(
          "This set-password link expired at "
              + link.expiresAt()
              + "; links work for "
              + LIFETIME.toHours()
              + " hours. Ask the administrator for a new one.");
    }
    return link;
  }
}
