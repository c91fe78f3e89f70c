package io.tollgate.identity;

import io.tollgate.identity.internal.IdentityEvents;
import io.tollgate.identity.internal.UserStore;
import io.tollgate.shared.Actor;
import io.tollgate.shared.BadRequest;
import io.tollgate.shared.Forbidden;
import io.tollgate.shared.Invalid;
import io.tollgate.shared.NotFound;
import io.tollgate.shared.Refused;
import io.tollgate.shared.Timestamps;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The users: who exists, who is the administrator, who is disabled. Their tokens, passwords and
 * set-password links have services of their own ({@link TokenManagement}, {@link
 * PasswordManagement}, {@link PasswordLinks}).
 */
@Service
public class UserManagement {
  private static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

  private final UserStore users;
  private final IdentityEvents events;
  private final TokenCache tokens;
  private final Clock clock;

  UserManagement(UserStore users, IdentityEvents events, TokenCache tokens, Clock clock) {
    this.users = users;
    this.events = events;
    this.tokens = tokens;
    this.clock = clock;
  }

  /** Creates a user; only the system administrator may. */
  @Transactional
  public User create(Actor by, String username, String displayName, String email) {
    requireAdmin(by, "Creating users");
    return createUnchecked(by, username, displayName, email, false);
  }

  /** Creates a user without a permission check: for the bootstrap, demo data and single sign-on. */
  @Transactional
  public User createUnchecked(
      Actor by, String username, String displayName, String email, boolean admin) {
    if (username == null || username.isBlank()) throw BadRequest.missing("username");
    if (displayName == null || displayName.isBlank()) throw BadRequest.missing("displayName");
    requireValidUsername(username);
    if (email != null && !email.isBlank() && !email.matches("[^@\\s]+@[^@\\s]+")) {
      throw Invalid.because("'" + email + "' is not an e-mail address.");
    }
    if (users.exists(username)) {
      throw Refused.because("The username '" + username + "' is taken.");
    }
    User user =
        new User(username, displayName.strip(), blankToNull(email), admin, Timestamps.now(clock));
    users.insert(user);
    events.append(
        "user.created", by, username, Map.of("displayName", user.displayName(), "admin", admin));
    return user;
  }

  /**
   * Disables a user (admin): their API tokens answer 401 and their web sessions end, at once. The
   * administrator cannot disable themselves.
   */
  @Transactional
  public User disable(Actor by, String username) {
    requireAdmin(by, "Disabling users");
    User user = get(username);
    if (by.username().equals(username)) {
      throw Refused.because(
          "You cannot disable your own account: nobody could then enable it again.");
    }
    if (!user.disabled()) {
      users.setDisabled(username, Timestamps.now(clock));
      tokens.clear();
      events.append("user.disabled", by, username, Map.of());
    }
    return get(username);
  }

  /** Enables a disabled user again (admin); sessions that ended stay ended. */
  @Transactional
  public User enable(Actor by, String username) {
    requireAdmin(by, "Enabling users");
    User user = get(username);
    if (user.disabled()) {
      users.setDisabled(username, null);
      tokens.clear();
      events.append("user.enabled", by, username, Map.of());
    }
    return get(username);
  }

  /**
   * Creates or updates a user known to an identity provider (single sign-on): the provider is the
   * source of their name and e-mail. Refuses a disabled user.
   */
  @Transactional
  public User provision(Actor by, String username, String displayName, String email) {
    String name = displayName == null || displayName.isBlank() ? username : displayName.strip();
    String mail = email != null && email.matches("[^@\\s]+@[^@\\s]+") ? email.strip() : null;
    Optional<User> known = users.find(username);
    if (known.isEmpty()) {
      return createUnchecked(by, username, name, mail, false);
    }
    User user = known.get();
    if (user.disabled()) {
      throw Forbidden.because("The account '" + username + "' is disabled; ask the administrator.");
    }
    if (!name.equals(user.displayName()) || !java.util.Objects.equals(mail, user.email())) {
      users.updateProfile(username, name, mail);
      events.append("user.updated", by, username, Map.of("displayName", name));
    }
    return get(username);
  }

  @Transactional(readOnly = true)
  public Optional<User> find(String username) {
    return users.find(username);
  }

  @Transactional(readOnly = true)
  public User get(String username) {
    return users.find(username).orElseThrow(() -> NotFound.of("user", username));
  }

  /** A user as the caller may read it: the admin any, others themselves. */
  @Transactional(readOnly = true)
  public User get(Actor by, String username) {
    if (!by.admin() && !by.username().equals(username)) {
      throw Forbidden.because("Reading another user's account is for the system administrator.");
    }
    return get(username);
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
  public Set<String> withPassword(Actor by) {
    requireAdmin(by, "Listing users");
    return users.withPassword();
  }

  @Transactional(readOnly = true)
  public long count() {
    return users.count();
  }

  /** Whether a string is a valid username (for names taken from an identity provider). */
  public static boolean isValidUsername(String username) {
    return username != null && USERNAME.matcher(username).matches();
  }

  public static void requireAdmin(Actor by, String what) {
    if (!by.admin()) {
      throw Forbidden.because(what + " is for the system administrator.");
    }
  }

  /** The one rule for a user's own things (tokens, password): that user or the administrator. */
  public static void requireSelfOrAdmin(Actor by, String username, String what) {
    if (!by.admin() && !by.username().equals(username)) {
      throw Forbidden.because(
          what + " for '" + username + "' is for that user or the system administrator.");
    }
  }

  private static void requireValidUsername(String username) {
    if (!isValidUsername(username)) {
      throw Invalid.because(
          "'"
              + username
              + "' is not a valid username: use 1-64 lower-case letters, digits, '.', '_' or '-',"
              + " starting with a letter or digit.");
    }
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }
}
