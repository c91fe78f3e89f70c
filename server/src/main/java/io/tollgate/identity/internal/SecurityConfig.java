package io.tollgate.identity.internal;

import io.tollgate.identity.SingleSignOn;
import io.tollgate.identity.TokenManagement;
import io.tollgate.identity.UserManagement;
import io.tollgate.shared.web.Problems;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandlerImpl;
import org.springframework.security.web.access.ExceptionTranslationFilter;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.security.web.authentication.SimpleUrlAuthenticationFailureHandler;
import org.springframework.security.web.context.SecurityContextHolderFilter;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The API is stateless: a bearer token on every call, no session, no CSRF (no cookies). The web UI
 * signs in with a password or, when configured, the OpenID Connect provider. Every 403 of either is
 * audited ({@link AccessDeniedAudit}).
 */
@Configuration
class SecurityConfig {

  /**
   * No observation per security filter: it cost more than the rest of a cheap request. Requests are
   * still measured as a whole (http.server.requests).
   */
  @Bean
  org.springframework.security.config.observation.SecurityObservationSettings
      securityObservations() {
    return org.springframework.security.config.observation.SecurityObservationSettings
        .noObservations();
  }

  @Bean
  PasswordEncoder passwordEncoder() {
    // bcrypt today, upgradeable: the stored hash names its algorithm.
    return PasswordEncoderFactories.createDelegatingPasswordEncoder();
  }

  @Bean
  @Order(1)
  SecurityFilterChain api(
      HttpSecurity http, @Lazy TokenManagement tokens, AccessDeniedAudit denials) throws Exception {
    http.securityMatcher("/api/**", "/actuator/prometheus")
        .csrf(c -> c.disable())
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .requestCache(c -> c.disable())
        .logout(l -> l.disable())
        .anonymous(a -> a.disable())
        .servletApi(a -> a.disable())
        .securityContext(c -> c.requireExplicitSave(true))
        .addFilterBefore(new BearerTokenFilter(tokens), AnonymousAuthenticationFilter.class)
        .addFilterBefore(denials.filter(), ExceptionTranslationFilter.class)
        .authorizeHttpRequests(
            a ->
                a.requestMatchers("/actuator/prometheus")
                    .hasRole("ADMIN")
                    // signed by the sender (GitHub's X-Hub-Signature-256), checked by the handler
                    .requestMatchers(org.springframework.http.HttpMethod.POST, "/api/v1/hooks/**")
                    .permitAll()
                    // the calendar feed: its secret token is in the URL (calendar apps send no
                    // header), checked by the handler
                    .requestMatchers(
                        org.springframework.http.HttpMethod.GET, "/api/v1/calendar.ics")
                    .permitAll()
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
                        (req, res, ex) -> {
                          req.setAttribute(AccessDeniedAudit.NEEDS, "the system administrator");
                          Problems.write(
                              res,
                              403,
                              "Forbidden",
                              "This is for the system administrator.",
                              req.getRequestURI());
                        }));
    return http.build();
  }

  /** The web UI: a session after signing in with a password, CSRF on every form and htmx call. */
  @Bean
  @Order(2)
  SecurityFilterChain web(
      HttpSecurity http,
      SessionGuard sessions,
      AccessDeniedAudit denials,
      SingleSignOn sso,
      @Lazy UserManagement users,
      IdentityEvents events,
      ApplicationEventPublisher publisher,
      TransactionTemplate tx)
      throws Exception {
    var signedIn = new SavedRequestAwareAuthenticationSuccessHandler();
    signedIn.setDefaultTargetUrl("/");
    var failed = new SimpleUrlAuthenticationFailureHandler("/login?error");
    // PasswordAuthentication, a bean, is the global authentication manager's one provider; adding
    // it here too would ask it twice for every wrong password (the chain's manager falls back to
    // the global one) and so count every failure twice.
    http.addFilterAfter(sessions.filter(), SecurityContextHolderFilter.class)
        .addFilterBefore(denials.filter(), ExceptionTranslationFilter.class)
        .authorizeHttpRequests(
            a ->
                // The end of a live stream (an async dispatch) and error pages are already
                // answered for the request that was authorised; checking them again only fails.
                a.dispatcherTypeMatchers(
                        jakarta.servlet.DispatcherType.ASYNC, jakarta.servlet.DispatcherType.ERROR)
                    .permitAll()
                    .requestMatchers(
                        "/login",
                        "/set-password/**",
                        "/oauth2/**",
                        "/login/oauth2/**",
                        "/css/**",
                        "/js/**",
                        "/img/**",
                        "/webjars/**",
                        "/favicon.ico",
                        "/actuator/health/**",
                        "/actuator/health",
                        "/actuator/info",
                        "/v3/api-docs",
                        "/v3/api-docs/**",
                        "/error")
                    .permitAll()
                    .requestMatchers("/admin/**")
                    .hasRole("ADMIN")
                    .anyRequest()
                    .authenticated())
        .formLogin(
            f ->
                f.loginPage("/login")
                    .successHandler(
                        (req, res, auth) -> {
                          sessions.stamp(
                              req, ((io.tollgate.shared.Actor) auth.getPrincipal()).username());
                          signedIn.onAuthenticationSuccess(req, res, auth);
                        })
                    .failureHandler(failed)
                    .permitAll())
        .logout(
            l ->
                l.logoutUrl("/logout")
                    .logoutSuccessUrl("/login?signedOut")
                    .deleteCookies("TOLLGATE_SESSION"))
        .sessionManagement(s -> s.invalidSessionUrl("/login?expired"))
        .exceptionHandling(
            e ->
                e.accessDeniedHandler(
                    (req, res, ex) -> {
                      req.setAttribute(
                          AccessDeniedAudit.NEEDS,
                          ex instanceof CsrfException
                              ? "a valid CSRF token (reload the page)"
                              : "the system administrator");
                      new AccessDeniedHandlerImpl().handle(req, res, ex);
                    }))
        .headers(
            h ->
                h.contentSecurityPolicy(
                        c ->
                            c.policyDirectives(
                                "default-src 'self'; img-src 'self' data:; style-src 'self';"
                                    + " script-src 'self'; connect-src 'self'; frame-ancestors 'none';"
                                    + " form-action 'self'; base-uri 'self'"))
                    .referrerPolicy(
                        r ->
                            r.policy(
                                org.springframework.security.web.header.writers
                                    .ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN)));
    if (sso.enabled()) {
      OidcSignIn oidc = new OidcSignIn(sso, users, sessions, events, publisher, tx);
      http.oauth2Login(
          o ->
              o.loginPage("/login")
                  .clientRegistrationRepository(new SingleSignOnConfig.LazyRegistration(sso))
                  .authorizedClientRepository(
                      new org.springframework.security.oauth2.client.web
                          .HttpSessionOAuth2AuthorizedClientRepository())
                  .userInfoEndpoint(u -> u.oidcUserService(oidc))
                  .successHandler(oidc)
                  .failureHandler(failed));
    }
    return http.build();
  }
}
