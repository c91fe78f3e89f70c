package io.tollgate.identity.internal;

import io.tollgate.identity.SignedInWithSingleSignOn;
import io.tollgate.identity.SingleSignOn;
import io.tollgate.identity.User;
import io.tollgate.identity.UserManagement;
import io.tollgate.shared.Actor;
import io.tollgate.shared.TollgateException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Signing in through the OpenID Connect provider: the person's account is created or updated from
 * the ID token's claims (actor {@code oidc}), {@link SignedInWithSingleSignOn} tells the product
 * feature which roles their groups map to, and the session then carries the same {@link Actor} a
 * password sign-in gives.
 */
class OidcSignIn extends SavedRequestAwareAuthenticationSuccessHandler
    implements OAuth2UserService<OidcUserRequest, OidcUser> {
  static final Actor PROVIDER = Actor.integration("oidc");

  private final SingleSignOn settings;
  private final UserManagement users;
  private final SessionGuard sessions;
  private final IdentityEvents events;
  private final ApplicationEventPublisher publisher;
  private final TransactionTemplate tx;
  private final OidcUserService delegate = new OidcUserService();
  private final SecurityContextRepository contexts = new HttpSessionSecurityContextRepository();

  OidcSignIn(
      SingleSignOn settings,
      UserManagement users,
      SessionGuard sessions,
      IdentityEvents events,
      ApplicationEventPublisher publisher,
      TransactionTemplate tx) {
    this.settings = settings;
    this.users = users;
    this.sessions = sessions;
    this.events = events;
    this.publisher = publisher;
    this.tx = tx;
    setDefaultTargetUrl("/");
  }

  /** A provider's person, with the Tollgate actor they are. */
  static final class SignedIn extends DefaultOidcUser {
    private final Actor actor;

    SignedIn(OidcUser user, String nameClaim, Actor actor) {
      super(user.getAuthorities(), user.getIdToken(), user.getUserInfo(), nameClaim);
      this.actor = actor;
    }

    Actor actor() {
      return actor;
    }
  }

  @Override
  public OidcUser loadUser(OidcUserRequest request) {
    OidcUser user = delegate.loadUser(request);
    Object claim = user.getClaims().get(settings.usernameClaim());
    String username = claim == null ? "" : claim.toString().strip().toLowerCase(Locale.ROOT);
    if (!UserManagement.isValidUsername(username)) {
      throw refused(
          "The identity provider's claim '"
              + settings.usernameClaim()
              + "' ("
              + username
              + ") is not a valid Tollgate username; ask the administrator.");
    }
    List<String> groups = groups(user.getClaims().get(settings.groupsClaim()));
    User account;
    try {
      account =
          tx.execute(s -> users.provision(PROVIDER, username, user.getFullName(), user.getEmail()));
    } catch (TollgateException e) {
      events.appendAlone(
          "signin.failed",
          Actor.SYSTEM,
          username,
          Map.of("method", "oidc", "reason", e.getMessage()));
      throw refused(e.getMessage());
    }
    publisher.publishEvent(
        new SignedInWithSingleSignOn(username, groups, settings.rolesFor(groups)));
    return new SignedIn(user, settings.usernameClaim(), new Actor(username, account.admin()));
  }

  @Override
  public void onAuthenticationSuccess(
      HttpServletRequest request, HttpServletResponse response, Authentication authentication)
      throws IOException, jakarta.servlet.ServletException {
    if (!(authentication.getPrincipal() instanceof SignedIn signedIn)) {
      throw new IllegalStateException("an OIDC sign-in without its Tollgate actor");
    }
    Actor actor = signedIn.actor();
    SecurityContext context = SecurityContextHolder.createEmptyContext();
    context.setAuthentication(SessionGuard.authenticated(actor));
    SecurityContextHolder.setContext(context);
    contexts.saveContext(context, request, response);
    sessions.stamp(request, actor.username());
    events.appendAlone(
        "signin.succeeded",
        actor,
        actor.username(),
        Map.of("address", String.valueOf(request.getRemoteAddr()), "method", "oidc"));
    super.onAuthenticationSuccess(request, response, authentication);
  }

  private static List<String> groups(Object claim) {
    if (claim instanceof Collection<?> list) {
      return list.stream().map(String::valueOf).toList();
    }
    if (claim instanceof String s && !s.isBlank()) {
      return List.of(s.strip().split("[,\\s]+"));
    }
    return List.of();
  }

  private static OAuth2AuthenticationException refused(String message) {
    return new OAuth2AuthenticationException(
        new OAuth2Error("access_denied", message, null), message);
  }
}
