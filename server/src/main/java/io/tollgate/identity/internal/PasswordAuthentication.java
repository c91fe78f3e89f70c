package io.tollgate.identity.internal;

import io.tollgate.identity.UserManagement;
import io.tollgate.shared.Actor;
import java.util.List;
import org.springframework.context.annotation.Lazy;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.stereotype.Component;

/**
 * Signs people in to the web UI with their username and password; the session then carries the same
 * {@link Actor} an API token does. Declaring it also keeps Spring Boot from inventing a default
 * user: Tollgate has no default passwords.
 */
@Component
class PasswordAuthentication implements AuthenticationProvider {
  private final UserManagement users;

  PasswordAuthentication(@Lazy UserManagement users) {
    this.users = users;
  }

  @Override
  public Authentication authenticate(Authentication authentication) {
    String username = authentication.getName() == null ? "" : authentication.getName().strip();
    Object credentials = authentication.getCredentials();
    Actor actor =
        users
            .checkPassword(username, credentials == null ? null : credentials.toString())
            .orElseThrow(() -> new BadCredentialsException("Wrong username or password."));
    var authorities =
        actor.admin()
            ? List.of(
                new SimpleGrantedAuthority("ROLE_ADMIN"), new SimpleGrantedAuthority("ROLE_USER"))
            : List.of(new SimpleGrantedAuthority("ROLE_USER"));
    return UsernamePasswordAuthenticationToken.authenticated(actor, null, authorities);
  }

  @Override
  public boolean supports(Class<?> authentication) {
    return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
  }
}
