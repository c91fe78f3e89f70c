package io.tollgate.identity.internal;

import io.tollgate.identity.TokenManagement;
import io.tollgate.shared.Actor;
import io.tollgate.shared.web.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/** Authenticates {@code Authorization: Bearer <token>}; an unknown token is a 401 at once. */
class BearerTokenFilter extends OncePerRequestFilter {
  private final TokenManagement tokens;

  BearerTokenFilter(TokenManagement tokens) {
    this.tokens = tokens;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String header = request.getHeader("Authorization");
    if (header == null || header.isBlank()) {
      chain.doFilter(request, response);
      return;
    }
    if (!header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      Problems.write(
          response,
          401,
          "Unauthenticated",
          "Use 'Authorization: Bearer <token>'; other schemes are not accepted.",
          request.getRequestURI());
      return;
    }
    var token = tokens.authenticateToken(header.substring(7).strip());
    if (token.isEmpty()) {
      Problems.write(
          response,
          401,
          "Unauthenticated",
          "The bearer token is unknown, revoked or expired, or its user is disabled; issue a new one with POST /api/v1/users/{username}/tokens.",
          request.getRequestURI());
      return;
    }
    Actor a = token.get().actor();
    var authorities =
        a.admin()
            ? List.of(new SimpleGrantedAuthority("ROLE_ADMIN"))
            : List.<SimpleGrantedAuthority>of();
    var authentication = UsernamePasswordAuthenticationToken.authenticated(a, null, authorities);
    // a scoped token's limits travel with the call; ScopeCheck applies them to each operation
    if (token.get().scope() != null) authentication.setDetails(token.get().scope());
    SecurityContextHolder.getContext().setAuthentication(authentication);
    try {
      chain.doFilter(request, response);
    } finally {
      SecurityContextHolder.clearContext();
    }
  }
}
