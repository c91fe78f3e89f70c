package io.tollgate.release.internal;

import io.tollgate.shared.ProductLocator;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The product of {@code releases/{id}}, for product-scoped tokens (remembered: it never changes).
 */
@Component
class ReleaseLocator implements ProductLocator {
  private final ReleaseStore store;

  ReleaseLocator(ReleaseStore store) {
    this.store = store;
  }

  @Override
  public String collection() {
    return "releases";
  }

  @Override
  public Optional<String> productOf(String id) {
    return store.productOf(id);
  }
}
