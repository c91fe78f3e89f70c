package io.tollgate.incident.internal;

import io.tollgate.shared.ProductLocator;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** The product of {@code incidents/{id}}, for product-scoped tokens. */
@Component
class IncidentLocator implements ProductLocator {
  private final IncidentStore store;

  IncidentLocator(IncidentStore store) {
    this.store = store;
  }

  @Override
  public String collection() {
    return "incidents";
  }

  @Override
  public Optional<String> productOf(String id) {
    return store.productOf(id);
  }
}
