package io.tollgate.freeze.internal;

import io.tollgate.shared.ProductLocator;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** The product of {@code freeze-overrides/{id}}, for product-scoped tokens. */
@Component
class FreezeOverrideLocator implements ProductLocator {
  private final FreezeStore store;

  FreezeOverrideLocator(FreezeStore store) {
    this.store = store;
  }

  @Override
  public String collection() {
    return "freeze-overrides";
  }

  @Override
  public Optional<String> productOf(String id) {
    return store.productOfOverride(id);
  }
}
