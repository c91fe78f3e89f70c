package io.tollgate.sso;

import io.tollgate.identity.SignedInWithSingleSignOn;
import io.tollgate.product.MembershipPolicy;
import io.tollgate.product.ProductManagement;
import io.tollgate.shared.Actor;
import io.tollgate.shared.TollgateException;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * When a person signs in through the identity provider, their roles on every product named in
 * {@code TOLLGATE_OIDC_ROLE_MAPPING} become what their groups map to (none: they leave the
 * product), through {@link ProductManagement#setMember}, one product per transaction, and only
 * where something changes. Products the mapping does not name keep being managed by hand. A refused
 * change (an unknown product or role) is logged and the others still apply.
 */
@Component
class MembershipsFollowGroups {
  /**
   * The mapping acts as the integration {@code oidc} (not a person, not an administrator) through
   * the membership grant the product feature gives it ({@link MembershipPolicy#IDENTITY_PROVIDER}).
   */
  static final Actor MAPPING = MembershipPolicy.IDENTITY_PROVIDER;

  private static final Logger log = LoggerFactory.getLogger(MembershipsFollowGroups.class);

  private final ProductManagement products;
  private final TransactionTemplate tx;

  MembershipsFollowGroups(ProductManagement products, PlatformTransactionManager transactions) {
    this.products = products;
    this.tx = new TransactionTemplate(transactions);
    this.tx.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
  }

  @EventListener
  void follow(SignedInWithSingleSignOn signedIn) {
    for (Map.Entry<String, List<String>> entry : signedIn.roles().entrySet()) {
      String product = entry.getKey();
      try {
        tx.executeWithoutResult(s -> apply(signedIn.username(), product, entry.getValue()));
      } catch (TollgateException e) {
        log.warn(
            "TOLLGATE_OIDC_ROLE_MAPPING: could not give {} the roles {} on {}: {}",
            signedIn.username(),
            entry.getValue(),
            product,
            e.getMessage());
      }
    }
  }

  private void apply(String username, String product, List<String> roles) {
    if (!products.exists(product)) {
      log.warn("TOLLGATE_OIDC_ROLE_MAPPING names the product '{}', which does not exist", product);
      return;
    }
    if (new HashSet<>(products.rolesOf(product, username)).equals(new HashSet<>(roles))) {
      return;
    }
    products.setMember(MAPPING, product, username, roles);
  }
}
