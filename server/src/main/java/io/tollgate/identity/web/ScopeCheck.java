package io.tollgate.identity.web;

import io.tollgate.identity.TokenScope;
import io.tollgate.shared.Actor;
import io.tollgate.shared.MissingScope;
import io.tollgate.shared.NotFound;
import io.tollgate.shared.ProductLocator;
import io.tollgate.shared.ProductMembership;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Applies a scoped token's {@link TokenScope} to each API call before its controller runs: which
 * product the call is about (from the path: {@code products/{key}}, or a resource a {@link
 * ProductLocator} places, or a {@code product} query parameter) and which action it is ({@link
 * ScopeActions}). A call outside the scope is refused with 403 naming the missing scope; inside it,
 * the command still checks the user's roles as for any token.
 */
@Configuration(proxyBeanMethods = false)
class ScopeCheck implements HandlerInterceptor, WebMvcConfigurer {
  /** Path segments before an id that is not about one product. */
  private static final Set<String> GLOBAL = Set.of("users", "processes", "versions");

  private final List<ProductLocator> locators;
  private final List<ProductMembership> memberships;

  ScopeCheck(List<ProductLocator> locators, List<ProductMembership> memberships) {
    this.locators = List.copyOf(locators);
    this.memberships = List.copyOf(memberships);
  }

  @Override
  public void addInterceptors(InterceptorRegistry registry) {
    registry.addInterceptor(this).addPathPatterns("/api/**");
  }

  @Override
  public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object h) {
    if (!(h instanceof HandlerMethod handler)) return true;
    if (request.getRequestURI().startsWith("/api/v1/hooks/")) return true; // signed, not a token
    Authentication auth = SecurityContextHolder.getContext().getAuthentication();
    if (auth == null || !(auth.getDetails() instanceof TokenScope scope)) return true;
    String action = ScopeActions.action(handler, request.getMethod());
    TokenScope.Call call = place(request, action, auth.getPrincipal());
    Optional<TokenScope.Refusal> refusal = scope.refusal(call);
    if (refusal.isPresent()) {
      throw new MissingScope(refusal.get().missingScope(), refusal.get().detail());
    }
    return true;
  }

  private boolean member(Object principal, String product) {
    if (!(principal instanceof Actor actor) || actor.admin() || !actor.isPerson()) return true;
    return memberships.isEmpty()
        || memberships.stream().anyMatch(m -> m.isMember(product, actor.username()));
  }

  /** {@code deliveries} → {@code delivery}, {@code releases} → {@code release}. */
  static String singular(String collection) {
    if (collection.endsWith("ies")) return collection.substring(0, collection.length() - 3) + "y";
    return collection.endsWith("s") ? collection.substring(0, collection.length() - 1) : collection;
  }

  /** Whether a path (pattern) addresses one product's things by an id in it. */
  static boolean productBound(String pattern) {
    String[] segments = pattern.split("/");
    for (int i = 1; i < segments.length; i++) {
      if (segments[i].startsWith("{")) return !GLOBAL.contains(segments[i - 1]);
    }
    return false;
  }

  /** The call as the scope sees it: read or which action, and which product it is about. */
  @SuppressWarnings("unchecked")
  private TokenScope.Call place(HttpServletRequest request, String action, Object principal) {
    boolean read = action == null;
    String pattern = (String) request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
    Map<String, String> vars =
        (Map<String, String>) request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
    if (pattern != null && vars != null) {
      String[] segments = pattern.split("/");
      for (int i = 1; i < segments.length; i++) {
        String s = segments[i];
        if (!s.startsWith("{") || !s.endsWith("}")) continue;
        String kind = segments[i - 1];
        String value = vars.get(s.substring(1, s.length() - 1));
        if (GLOBAL.contains(kind)) break;
        if (kind.equals("products") || kind.equals("github")) {
          return new TokenScope.Call(read, action, true, value);
        }
        String product =
            locators.stream()
                .filter(l -> l.collection().equals(kind))
                .findFirst()
                .flatMap(l -> l.productOf(value))
                .orElse(null);
        if (product != null && !member(principal, product)) {
          // a resource of a product the caller is not a member of does not exist for them: not
          // even its product is told (the feature answers the same 404 for a token without scope)
          throw NotFound.of(singular(kind), value);
        }
        return new TokenScope.Call(read, action, true, product);
      }
    }
    // a read may name its product in the query (?product=); a command's body is not read here
    String product =
        read && request.getQueryString() != null
            ? org.springframework.web.util.UriComponentsBuilder.newInstance()
                .query(request.getQueryString())
                .build()
                .getQueryParams()
                .getFirst("product")
            : null;
    if (product != null && !product.isBlank()) {
      return new TokenScope.Call(read, action, true, product);
    }
    return new TokenScope.Call(read, action, false, null);
  }
}
