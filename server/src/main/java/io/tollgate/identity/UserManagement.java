package io.tollgate.identity;

import io.tollgate.audit.AuditLog;
import io.tollgate.identity.internal.UserStore;
import io.tollgate.shared.Actor;
import io.tollgate.shared.BadRequest;
import io.tollgate.shared.Forbidden;
import io.tollgate.shared.Invalid;
import io.tollgate.shared.NotFound;
import io.tollgate.shared.Refused;
import io.tollgate.shared.Timestamps;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Users, their API tokens and passwords. */
@Service
public class UserManagement {
  private static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
  public static final int MIN_PASSWORD = 12;
  public static final Duration PASSWORD_LINK_LIFETIME = Duration.ofHours(24);

  private final UserStore users;
  private final AuditLog audit;
  private final PasswordEncoder passwords;
  private final TokenCache cache;
  private final Clock clock;

  UserManagement(
      UserStore users, AuditLog audit, PasswordEncoder passwords, TokenCache cache, Clock clock) {
    this.users = users;
    this.audit = audit;
    this.passwords = passwords;
    this.cache = cache;
    this.clock = clock;
  }

  /** Creates a user; only the system administrator may. */
  @Transactional
  public User create(Actor by, String username, String displayName, String email) {
    requireAdmin(by, "Creating users");
    return createUnchecked(by.username(), username, displayName, email, false);
  }

  /** Creates a user without a permission check: for the bootstrap and demo data only. */
  @Transactional
  public User createUnchecked(
      String actor, String username, String displayName, String email, boolean admin) {
    if (username == null || username.isBlank()) throw BadRequest.missing("username");
    if (displayName == null || displayName.isBlank()) throw BadRequest.missing("displayName");
    if (!USERNAME.matcher(username).matches()) {
      throw Invalid.because(
          "'"
              + username
              + "' is not a valid username: use 1-64 lower-case letters, digits, '.', '_' or '-',"
              + " starting with a letter or digit.");
    }
    if (email != null && !email.isBlank() && !email.matches("[^@\\s]+@[^@\\s]+")) {
      throw Invalid.because("'" + email + "' is not an e-mail address.");
    }
    if (users.exists(username)) {
      throw Refused.because("The username '" + username + "' is taken.");
    }
    User user =
        new User(username, displayName.strip(), blankToNull(email), admin, Timestamps.now(clock));
    users.insert(user);
    audit.record(
        actor,
        "user.created",
        "user/" + username,
        null,
        Map.of("username", username, "displayName", user.displayName(), "admin", admin));
    return user;
  }

  /** Issues a new API token for a user; the admin, or the user for themselves. */
  @Transactional
  public IssuedToken issueToken(Actor by, String username, String name) {
    requireSelfOrAdmin(by, username, "Issuing tokens");
    return issueUnchecked(by.username(), username, name);
  }

  @Transactional
  public IssuedToken issueUnchecked(String actor, String username, String name) {
    return issueUnchecked(actor, username, name, Tokens.generate());
  }

  /** Stores a token chosen elsewhere (the bootstrap admin token from the environment). */
  @Transactional
  public IssuedToken issueUnchecked(String actor, String username, String name, String token) {
    if (name == null || name.isBlank()) throw BadRequest.missing("name");
    if (name.length() > 100) throw Invalid.because("A token name has at most 100 characters.");
    if (!users.exists(username)) throw NotFound.of("user", username);
    String id = UUID.randomUUID().toString();
    Instant now = Timestamps.now(clock);
    users.insertToken(id, username, name.strip(), Tokens.hash(token), now);
    audit.record(
        actor,
        "token.issued",
        "user/" + username,
        null,
        Map.of("tokenId", id, "name", name.strip()));
    return new IssuedToken(id, username, name.strip(), token, now);
  }

  @Transactional
  public void revokeToken(Actor by, String username, String tokenId) {
    requireSelfOrAdmin(by, username, "Revoking tokens");
    if (users.revoke(username, tokenId, Timestamps.now(clock)) == 0) {
      throw NotFound.of(
          "live token",
          tokenId,
          "List the user's tokens with GET /api/v1/users/" + username + "/tokens.");
    }
    cache.clear();
    audit.record(
        by.username(), "token.revoked", "user/" + username, null, Map.of("tokenId", tokenId));
  }

  @Transactional(readOnly = true)
  public List<TokenInfo> tokens(Actor by, String username) {
    requireSelfOrAdmin(by, username, "Listing tokens");
    if (!users.exists(username)) throw NotFound.of("user", username);
    return users.tokens(username);
  }

  /** Sets a password for signing in to the web UI; the admin, or the user for their own. */
  @Transactional
  public void setPassword(Actor by, String username, String password) {
    requireSelfOrAdmin(by, username, "Setting passwords");
    setPasswordUnchecked(by.username(), username, password);
  }

  /** Changes the caller's own password; the current one must be given too. */
  @Transactional
  public void changeOwnPassword(Actor by, String current, String password) {
    if (checkPassword(by.username(), current).isEmpty()) {
      throw Refused.because("The current password is wrong; your password was not changed.");
    }
    setPasswordUnchecked(by.username(), by.username(), password);
  }

  /** Sets a password without a permission check: for the demo data only. */
  @Transactional
  public void setPasswordUnchecked(String actor, String username, String password) {
    if (!users.exists(username)) throw NotFound.of("user", username);
    requireValidPassword(password);
    users.setPasswordHash(username, passwords.encode(password));
    audit.record(actor, "password.set", "user/" + username, null, Map.of("username", username));
  }

  /**
   * Creates a one-time link with which a user sets their own password (admin). The token is
   * returned this once; the link works once, for {@link #PASSWORD_LINK_LIFETIME}.
   */
  @Transactional
  public PasswordLink createPasswordLink(Actor by, String username) {
    requireAdmin(by, "Creating set-password links");
    if (!users.exists(username)) throw NotFound.of("user", username);
    String token = Tokens.generate();
    String id = UUID.randomUUID().toString();
    Instant now = Timestamps.now(clock);
    Instant expires = now.plus(PASSWORD_LINK_LIFETIME);
    users.insertPasswordLink(id, username, Tokens.hash(token), now, expires);
    audit.record(
        by.username(),
        "password-link.created",
        "user/" + username,
        null,
        Map.of("linkId", id, "expiresAt", expires.toString()));
    return new PasswordLink(username, token, expires);
  }

  /** The user a set-password link is for; refuses unknown, used and expired links. */
  @Transactional(readOnly = true)
  public String passwordLinkUser(String token) {
    return openLink(token).username();
  }

  /** Sets a password with a one-time link and uses the link up; returns the username. */
  @Transactional
  public String usePasswordLink(String token, String password) {
    UserStore.StoredPasswordLink link = openLink(token);
    requireValidPassword(password);
    if (users.usePasswordLink(link.id(), Timestamps.now(clock)) == 0) {
      throw Refused.because(
          "This set-password link was used a moment ago; ask the administrator for a new one.");
    }
    users.setPasswordHash(link.username(), passwords.encode(password));
    audit.record(
        link.username(),
        "password.set",
        "user/" + link.username(),
        null,
        Map.of("username", link.username(), "linkId", link.id()));
    return link.username();
  }

  private UserStore.StoredPasswordLink openLink(String token) {
    String shown = token == null ? "" : token.substring(0, Math.min(token.length(), 8)) + "…";
    UserStore.StoredPasswordLink link =
        token == null || token.isBlank() || token.length() > 200
            ? null
            : users.passwordLink(Tokens.hash(token)).orElse(null);
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
              + "; links work for 24 hours. Ask the administrator for a new one.");
    }
    return link;
  }

  private static void requireValidPassword(String password) {
    if (password == null) throw BadRequest.missing("password");
    if (password.length() < MIN_PASSWORD || password.length() > 200) {
      throw Invalid.because("A password needs " + MIN_PASSWORD + " to 200 characters.");
    }
  }

  /** Checks a username and password; empty when either is wrong. */
  @Transactional(readOnly = true)
  public Optional<Actor> checkPassword(String username, String password) {
    return users
        .passwordHash(username)
        .filter(hash -> password != null && passwords.matches(password, hash))
        .flatMap(h -> users.find(username))
        .map(u -> new Actor(u.username(), u.admin()));
  }

  /** The caller a bearer token belongs to; empty when unknown or revoked. */
  public Optional<Actor> authenticate(String token) {
    if (token == null || token.isBlank() || token.length() > 200) {
      return Optional.empty();
    }
    String hash = Tokens.hash(token);
    return cache.get(
        hash, () -> users.byTokenHash(hash).map(u -> new Actor(u.username(), u.admin())));
  }

  @Transactional(readOnly = true)
  public Optional<User> find(String username) {
    return users.find(username);
  }

  @Transactional(readOnly = true)
  public User get(String username) {
    return users.find(username).orElseThrow(() -> NotFound.of("user", username));
  }

  @Transactional(readOnly = true)
  public boolean exists(String username) {
    return users.exists(username);
  }

  @Transactional(readOnly = true)
  public List<User> all(Actor by) {
    requireAdmin(by, "Listing users");
    return users.all();
  }

  /** The usernames that have a password for the web UI (admin). */
  @Transactional(readOnly = true)
  public java.util.Set<String> withPassword(Actor by) {
    requireAdmin(by, "Listing users");
    return users.withPassword();
  }

  @Transactional(readOnly = true)
  public long count() {
    return users.count();
  }

  public static void requireAdmin(Actor by, String what) {
    if (!by.admin()) {
      throw Forbidden.because(what + " is for the system administrator.");
    }
  }

  private static void requireSelfOrAdmin(Actor by, String username, String what) {
    if (!by.admin() && !by.username().equals(username)) {
      throw Forbidden.because(
          what + " for '" + username + "' is for that user or the system administrator.");
    }
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }
}
