package io.tollgate.identity;

import static io.tollgate.identity.UserManagement.requireSelfOrAdmin;

import io.tollgate.identity.internal.IdentityEvents;
import io.tollgate.identity.internal.SignInThrottle;
import io.tollgate.identity.internal.UserStore;
import io.tollgate.shared.Actor;
import io.tollgate.shared.BadRequest;
import io.tollgate.shared.Forbidden;
import io.tollgate.shared.Invalid;
import io.tollgate.shared.NotFound;
import java.util.Map;
import java.util.Optional;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Passwords for the web UI. A person changing their own password gives the current one and keeps
 * only the session they changed it in; the administrator setting someone's password (a reset) ends
 * all of that person's sessions.
 */
@Service
public class PasswordManagement {
  public static final int MIN_PASSWORD = 12;
  public static final int MAX_PASSWORD = 200;

  private final UserStore users;
  private final PasswordEncoder encoder;
  private final IdentityEvents events;
  private final SignInThrottle throttle;

  PasswordManagement(
      UserStore users, PasswordEncoder encoder, IdentityEvents events, SignInThrottle throttle) {
    this.users = users;
    this.encoder = encoder;
    this.events = events;
    this.throttle = throttle;
  }

  /**
   * Sets {@code username}'s password. For one's own password the current one is required (when
   * there is one): a token alone cannot take over the web sign-in. The administrator setting
   * another person's password needs no current password.
   *
   * @return the user's new session epoch: a session that adopts it stays signed in, all others end
   */
  @Transactional
  public int set(Actor by, String username, String password, String currentPassword) {
    requireSelfOrAdmin(by, username, "Setting passwords");
    if (!users.exists(username)) throw NotFound.of("user", username);
    boolean own = by.username().equals(username);
    if (own) {
      requireCurrent(username, currentPassword);
    }
    store(username, password);
    int epoch = users.raiseSessionEpoch(username);
    events.append(
        own ? "password.changed" : "password.set",
        by,
        username,
        Map.of("sessionsEnded", own ? "others" : "all"));
    return epoch;
  }

  /** Sets a password without a permission check and ends the user's sessions: demo data, links. */
  @Transactional
  public void reset(Actor by, String username, String password, Map<String, ?> facts) {
    if (!users.exists(username)) throw NotFound.of("user", username);
    store(username, password);
    users.raiseSessionEpoch(username);
    Map<String, Object> payload = new java.util.LinkedHashMap<>(facts);
    payload.put("sessionsEnded", "all");
    events.append("password.set", by, username, payload);
  }

  /** The user whose password this is; empty when the user or the password is wrong. */
  @Transactional(readOnly = true)
  public Optional<User> verify(String username, String password) {
    return users
        .passwordHash(username)
        .filter(hash -> password != null && encoder.matches(password, hash))
        .flatMap(h -> users.find(username));
  }

  /** Refuses a password the rules do not allow; the message says what is allowed. */
  public static void requireValid(String password) {
    if (password == null) throw BadRequest.missing("password");
    if (password.length() < MIN_PASSWORD || password.length() > MAX_PASSWORD) {
      throw Invalid.because(
          "A password needs " + MIN_PASSWORD + " to " + MAX_PASSWORD + " characters.");
    }
  }

  private void store(String username, String password) {
    requireValid(password);
    users.setPasswordHash(username, encoder.encode(password));
  }

  private void requireCurrent(String username, String currentPassword) {
    if (users.passwordHash(username).isEmpty()) {
      return; // a first password: there is nothing to prove yet
    }
    if (currentPassword == null || currentPassword.isEmpty()) {
      throw BadRequest.because(
          "Changing your own password needs 'currentPassword': the password you have now.");
    }
    throttle
        .lockedUntil(username, null)
        .ifPresent(
            until -> {
              throw Forbidden.because(throttle.lockedMessage(until));
            });
    if (verify(username, currentPassword).isEmpty()) {
      throttle.failed(username, null);
      throw Forbidden.because("The current password is wrong; the password was not changed.");
    }
  }
}
