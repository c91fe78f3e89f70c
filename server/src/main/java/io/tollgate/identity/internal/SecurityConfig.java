package io.tollgate.identity.internal;

import io.tollgate.identity.UserManagement;
import io.tollgate.shared.web.Problems;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;

/** The API is stateless: a bearer token on every call, no session, no CSRF (no cookies). */
@Configuration
class SecurityConfig {

  @Bean
  PasswordEncoder passwordEncoder() {
    // bcrypt today, upgradeable: the stored hash names its algorithm.
    return PasswordEncoderFactories.createDelegatingPasswordEncoder();
  }

  @Bean
  @Order(1)
  SecurityFilterChain api(HttpSecurity http, @Lazy UserManagement users) throws Exception {
    http.securityMatcher("/api/**", "/actuator/prometheus")
        .csrf(c -> c.disable())
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .requestCache(c -> c.disable())
        .securityContext(c -> c.requireExplicitSave(true))
        .addFilterBefore(new BearerTokenFilter(users), AnonymousAuthenticationFilter.class)
        .authorizeHttpRequests(
            a ->
                a.requestMatchers("/actuator/prometheus")
                    .hasRole("ADMIN")
                    .anyRequest()
                    .authenticated())
        .exceptionHandling(
            e ->
                e.authenticationEntryPoint(
                        (req, res, ex) ->
                            Problems.write(
                                res,
                                401,
                                "Unauthenticated",
                                "This call needs 'Authorization: Bearer <token>'.",
                                req.getRequestURI()))
                    .accessDeniedHandler(
                        (req, res, ex) ->
                            Problems.write(
                                res,
                                403,
                                "Forbidden",
                                "You may not do this.",
                                req.getRequestURI())));
    return http.build();
  }

  @Bean
  @Order(2)
  SecurityFilterChain rest(HttpSecurity http) throws Exception {
    http.csrf(c -> c.disable())
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .authorizeHttpRequests(
            a ->
                a.requestMatchers(
                        "/actuator/health/**",
                        "/actuator/health",
                        "/actuator/info",
                        "/v3/api-docs",
                        "/v3/api-docs/**",
                        "/v3/api-docs.yaml",
                        "/",
                        "/error")
                    .permitAll()
                    .anyRequest()
                    .denyAll())
        .exceptionHandling(
            e ->
                e.authenticationEntryPoint(
                        (req, res, ex) ->
                            Problems.write(
                                res, 401, "Unauthenticated", "Sign in first.", req.getRequestURI()))
                    .accessDeniedHandler(
                        (req, res, ex) ->
                            Problems.write(
                                res,
                                403,
                                "Forbidden",
                                "You may not do this.",
                                req.getRequestURI())));
    return http.build();
  }
}
