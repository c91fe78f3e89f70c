package io.tollgate.identity.internal;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;

/**
 * Users who set a password, for signing in with a form. Declaring it also keeps Spring Boot from
 * inventing a default user with a generated password: Tollgate has no default passwords.
 */
@Configuration
class PasswordUsers {

  @Bean
  UserDetailsService userDetailsService(UserStore users) {
    return username ->
        users
            .find(username)
            .flatMap(
                u ->
                    users
                        .passwordHash(username)
                        .map(
                            hash ->
                                User.withUsername(u.username())
                                    .password(hash)
                                    .roles(u.admin() ? "ADMIN" : "USER")
                                    .build()))
            .orElseThrow(
                () -> new UsernameNotFoundException("No user with a password: " + username));
  }
}
