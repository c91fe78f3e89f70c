package io.tollgate.notify.internal;

import io.tollgate.shared.ProductLocator;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** The product of {@code deliveries/{id}} (a notification delivery), for product-scoped tokens. */
@Component
class DeliveryLocator implements ProductLocator {
  private final DeliveryLedger store;

  DeliveryLocator(DeliveryLedger store) {
    this.store = store;
  }

  @Override
  public String collection() {
    return "deliveries";
  }

  @Override
  public Optional<String> productOf(String id) {
    try {
      return store.productOf(Long.parseLong(id));
    } catch (NumberFormatException notAnId) {
      return Optional.empty();
    }
  }
}
