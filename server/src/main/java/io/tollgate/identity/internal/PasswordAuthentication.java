package io.tollgate.identity.internal;

import io.tollgate.identity.PasswordManagement;
import io.tollgate.identity.User;
import io.tollgate.shared.Actor;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.springframework.context.annotation.Lazy;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;

/**
 * Signs people in to the web UI with their username and password; the session then carries the same
 * {@link Actor} an API token does. Failed attempts are throttled per account and per address
 * ({@link SignInThrottle}): while locked out, even the right password is refused. Every attempt is
 * audited ({@code signin.succeeded}, {@code signin.failed}, {@code signin.locked-out}). Declaring
 * it also keeps Spring Boot from inventing a default user: Tollgate has no default passwords.
 */
@Component
class PasswordAuthentication implements AuthenticationProvider {
  private final PasswordManagement passwords;
  private final SignInThrottle throttle;
  private final IdentityEvents events;

  PasswordAuthentication(
      @Lazy PasswordManagement passwords, SignInThrottle throttle, IdentityEvents events) {
    this.passwords = passwords;
    this.throttle = throttle;
    this.events = events;
  }

  @Override
  public Authentication authenticate(Authentication authentication) {
    String username = authentication.getName() == null ? "" : authentication.getName().strip();
    String address =
        authentication.getDetails() instanceof WebAuthenticationDetails web
            ? web.getRemoteAddress()
            : null;
    Optional<Instant> locked = throttle.lockedUntil(username, address);
    if (locked.isPresent()) {
      events.appendAlone(
          "signin.locked-out",
          Actor.SYSTEM,
          username,
          Map.of("address", String.valueOf(address), "until", locked.get().toString()));
      throw new LockedException(throttle.lockedMessage(locked.get()));
    }
    Object credentials = authentication.getCredentials();
    Optional<User> user =
        passwords.verify(username, credentials == null ? null : credentials.toString());
    if (user.isEmpty()) {
      Optional<Instant> nowLocked = throttle.failed(username, address);
      events.appendAlone(
          "signin.failed",
          Actor.SYSTEM,
          username,
          Map.of("address", String.valueOf(address), "reason", "wrong username or password"));
      throw nowLocked
          .<RuntimeException>map(until -> new LockedException(throttle.lockedMessage(until)))
          .orElseGet(() -> new BadCredentialsException("Wrong username or password."));
    }
    if (user.get().disabled()) {
      events.appendAlone(
          "signin.failed",
          Actor.SYSTEM,
          username,
          Map.of("address", String.valueOf(address), "reason", "account disabled"));
      throw new DisabledException(
          "This account is disabled; ask the administrator to enable it again.");
    }
    Actor actor = new Actor(user.get().username(), user.get().admin());
    events.appendAlone(
        "signin.succeeded",
        actor,
        actor.username(),
        Map.of("address", String.valueOf(address), "method", "password"));
    return SessionGuard.authenticated(actor);
  }

  @Override
  public boolean supports(Class<?> authentication) {
    return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
  }
}
