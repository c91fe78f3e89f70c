package io.tollgate.notify;

import io.tollgate.audit.AuditLog;
import io.tollgate.audit.AuditRecord;
import io.tollgate.notify.internal.CustomerListStore;
import io.tollgate.product.ProductManagement;
import io.tollgate.shared.Actor;
import io.tollgate.shared.Forbidden;
import io.tollgate.shared.Timestamps;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Support's customer list of a product: the addresses customer-facing communication goes to
 * (subscriptions with the audience {@code customers}). The guide gives it to Support ("prepares
 * customer-facing communications"): kept by the product's support people, the release manager or
 * the system administrator; read by the product's members. Changes are audited with the count,
 * never the addresses.
 */
@Service
public class CustomerLists {
  /** The role that keeps the list besides the release manager. */
  public static final String SUPPORT = "support";

  private final ProductManagement products;
  private final CustomerListStore store;
  private final AuditLog audit;
  private final Clock clock;

  CustomerLists(ProductManagement products, CustomerListStore store, AuditLog audit, Clock clock) {
    this.products = products;
    this.store = store;
    this.audit = audit;
    this.clock = clock;
  }

  @Transactional(readOnly = true)
  public List<String> of(Actor by, String product) {
    products.get(by, product);
    return store.of(product);
  }

  @Transactional
  public List<String> set(Actor by, String product, List<String> emails) {
    products.get(by, product); // a non-member is refused as for reading
    if (!mayKeep(by, product)) {
      throw Forbidden.because(
          "Changing the customer list of '"
              + product
              + "' is for its support people, its release manager or the system administrator.");
    }
    List<String> checked = Audience.addresses(emails, "emails");
    products.lock(product);
    store.set(product, checked, Timestamps.now(clock));
    audit.append(
        AuditRecord.of(
            "customers.changed",
            by,
            product,
            "product/" + product,
            null,
            Map.of("count", checked.size())));
    return checked;
  }

  /** Whether the caller may change the list: support of the product, its release manager, admin. */
  @Transactional(readOnly = true)
  public boolean mayKeep(Actor by, String product) {
    return products.mayManageMembers(by, product)
        || (by.isPerson() && products.rolesOf(product, by.username()).contains(SUPPORT));
  }
}
