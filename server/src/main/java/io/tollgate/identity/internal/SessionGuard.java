package io.tollgate.identity.internal;

import io.tollgate.shared.Actor;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Keeps web sessions honest. A session is stamped at sign-in with the user's session epoch; the
 * epoch rises when the password is changed or reset or the user is disabled, and every request of a
 * signed-in session checks it: a session of an older epoch, or of a disabled user, ends at once.
 * Changing one's own password keeps the session it was changed in ({@link #adopt}).
 */
@Component
public class SessionGuard {
  static final String EPOCH = SessionGuard.class.getName() + ".epoch";

  private final UserStore users;

  SessionGuard(UserStore users) {
    this.users = users;
  }

  /** The authentication a signed-in person's session carries: their actor and its roles. */
  static Authentication authenticated(Actor actor) {
    var authorities =
        actor.admin()
            ? List.of(
                new SimpleGrantedAuthority("ROLE_ADMIN"), new SimpleGrantedAuthority("ROLE_USER"))
            : List.of(new SimpleGrantedAuthority("ROLE_USER"));
    return UsernamePasswordAuthenticationToken.authenticated(actor, null, authorities);
  }

  /** Stamps a session just signed in with the user's current epoch. */
  void stamp(HttpServletRequest request, String username) {
    users.sessionEpoch(username).ifPresent(e -> request.getSession().setAttribute(EPOCH, e));
  }

  /**
   * Lets the current session (if any) live on at a new epoch: the one that changed the password.
   */
  public void adopt(HttpServletRequest request, int epoch) {
    HttpSession session = request.getSession(false);
    if (session != null) session.setAttribute(EPOCH, epoch);
  }

  OncePerRequestFilter filter() {
    return new OncePerRequestFilter() {
      @Override
      protected void doFilterInternal(
          HttpServletRequest request, HttpServletResponse response, FilterChain chain)
          throws ServletException, IOException {
        if (!current(request)) {
          request.getSession().invalidate();
          SecurityContextHolder.clearContext();
          response.sendRedirect(request.getContextPath() + "/login?ended");
          return;
        }
        chain.doFilter(request, response);
      }
    };
  }

  /** False for a signed-in session whose epoch is stale or whose user is disabled or gone. */
  private boolean current(HttpServletRequest request) {
    HttpSession session = request.getSession(false);
    if (session == null) return true;
    Authentication auth = SecurityContextHolder.getContext().getAuthentication();
    if (auth == null || !(auth.getPrincipal() instanceof Actor actor)) return true;
    Optional<Integer> epoch = users.sessionEpoch(actor.username());
    return epoch.isPresent() && epoch.get().equals(session.getAttribute(EPOCH));
  }
}
