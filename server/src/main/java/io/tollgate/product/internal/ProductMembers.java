package io.tollgate.product.internal;

import io.tollgate.shared.ProductMembership;
import org.springframework.stereotype.Component;

/** Membership as the product feature knows it: a member holds at least one role. */
@Component
class ProductMembers implements ProductMembership {
  private final ProductStore store;

  ProductMembers(ProductStore store) {
    this.store = store;
  }

  @Override
  public boolean isMember(String product, String username) {
    return username != null && !store.roles(product, username).isEmpty();
  }
}
