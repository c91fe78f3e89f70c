package io.tollgate.identity.internal;

import io.tollgate.shared.Actor;
import jakarta.servlet.FilterChain;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.DispatcherServlet;

/**
 * Audits every refusal for lack of a role or permission: each 403 answer, API or web, becomes an
 * {@code access.denied} event with the method, the path and what was missing (the refusal's own
 * words). It sits inside the security filter chains, so it sees who was refused.
 */
@Component
public class AccessDeniedAudit {
  /** A request attribute naming what was missing, set where Spring Security refuses. */
  static final String NEEDS = AccessDeniedAudit.class.getName() + ".needs";

  private static final Logger log = LoggerFactory.getLogger(AccessDeniedAudit.class);
  private static final int MAX_TEXT = 500;

  private final IdentityEvents events;

  AccessDeniedAudit(IdentityEvents events) {
    this.events = events;
  }

  OncePerRequestFilter filter() {
    return new OncePerRequestFilter() {
      @Override
      protected void doFilterInternal(
          HttpServletRequest request, HttpServletResponse response, FilterChain chain)
          throws ServletException, IOException {
        try {
          chain.doFilter(request, response);
        } finally {
          if (response.getStatus() == 403) {
            record(request);
          }
        }
      }
    };
  }

  private void record(HttpServletRequest request) {
    Authentication auth = SecurityContextHolder.getContext().getAuthentication();
    Actor actor = auth != null && auth.getPrincipal() instanceof Actor a ? a : null;
    Map<String, Object> facts = new LinkedHashMap<>();
    facts.put("method", request.getMethod());
    facts.put("path", bounded(request.getRequestURI()));
    facts.put("needs", bounded(needs(request)));
    try {
      events.appendAlone(
          "access.denied",
          actor == null ? Actor.SYSTEM : actor,
          actor == null ? "(anonymous)" : actor.username(),
          facts);
    } catch (RuntimeException e) {
      // the refusal stands; only its record failed
      log.error("Could not audit a refused request to {}", request.getRequestURI(), e);
    }
  }

  private static String needs(HttpServletRequest request) {
    Object needs = request.getAttribute(NEEDS);
    if (needs != null) return needs.toString();
    for (String name :
        new String[] {DispatcherServlet.EXCEPTION_ATTRIBUTE, RequestDispatcher.ERROR_EXCEPTION}) {
      if (request.getAttribute(name) instanceof Throwable t && t.getMessage() != null) {
        return t.getMessage();
      }
    }
    return "a permission this request lacks";
  }

  private static String bounded(String s) {
    return s.length() > MAX_TEXT ? s.substring(0, MAX_TEXT) + "…" : s;
  }
}
