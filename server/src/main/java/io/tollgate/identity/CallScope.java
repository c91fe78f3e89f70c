package io.tollgate.identity;

import java.util.Optional;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/** The scope of the token the current call came with; empty for a full token or a session. */
@Component
public class CallScope {
  public Optional<TokenScope> current() {
    Authentication auth = SecurityContextHolder.getContext().getAuthentication();
    return auth != null && auth.getDetails() instanceof TokenScope scope
        ? Optional.of(scope)
        : Optional.empty();
  }

  /** Whether the current call may see the product: any, unless its token lists its products. */
  public boolean covers(String product) {
    return current().map(s -> s.products() == null || s.products().contains(product)).orElse(true);
  }
}
