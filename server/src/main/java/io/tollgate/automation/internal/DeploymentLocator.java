package io.tollgate.automation.internal;

import io.tollgate.automation.AutomatedDeployment;
import io.tollgate.shared.ProductLocator;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** The product of {@code deployments/{id}}, for product-scoped tokens. */
@Component
class DeploymentLocator implements ProductLocator {
  private final AutomationStore store;

  DeploymentLocator(AutomationStore store) {
    this.store = store;
  }

  @Override
  public String collection() {
    return "deployments";
  }

  @Override
  public Optional<String> productOf(String id) {
    if (id == null || id.length() > 36) return Optional.empty();
    return store.find(id).map(AutomatedDeployment::product);
  }
}
