package io.tollgate.ui;

import io.tollgate.product.ProductManagement;
import io.tollgate.release.ReleaseManagement;
import io.tollgate.shared.Actor;
import io.tollgate.shared.TollgateException;
import org.springframework.stereotype.Component;

/**
 * What a live stream may tell its person: only about releases and products they may read (members
 * of the product, or the admin) — the same rule as every read of the API.
 */
@Component
class LiveAccess implements LiveUpdates.Access {
  private final ReleaseManagement releases;
  private final ProductManagement products;

  LiveAccess(ReleaseManagement releases, ProductManagement products) {
    this.releases = releases;
    this.products = products;
  }

  @Override
  public boolean mayReadRelease(Actor who, String releaseId) {
    try {
      releases.get(who, releaseId);
      return true;
    } catch (TollgateException e) {
      return false;
    }
  }

  @Override
  public boolean mayReadProduct(Actor who, String product) {
    try {
      products.requireReader(who, product);
      return true;
    } catch (TollgateException e) {
      return false;
    }
  }
}
