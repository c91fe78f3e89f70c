package io.tollgate.integration;

import io.tollgate.audit.AuditLog;
import io.tollgate.audit.AuditRecord;
import io.tollgate.integration.internal.IntegrationStore;
import io.tollgate.product.ProductManagement;
import io.tollgate.shared.Actor;
import io.tollgate.shared.BadRequest;
import io.tollgate.shared.Forbidden;
import io.tollgate.shared.Invalid;
import io.tollgate.shared.NotFound;
import io.tollgate.shared.Timestamps;
import io.tollgate.shared.outbound.SecretBox;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A product's GitHub integration: which repository it follows and the webhook secret (sealed at
 * rest, never answered), set by the admin or a devops member of the product; and the deliveries it
 * received, for the product's members.
 */
@Service
public class GithubIntegrations {
  static final String DEVOPS = "devops";
  private static final Pattern REPOSITORY =
      Pattern.compile("[A-Za-z0-9-]{1,39}/[A-Za-z0-9._-]{1,100}");
  static final String SET = "…set";

  private final IntegrationStore store;
  private final ProductManagement products;
  private final SecretBox secrets;
  private final AuditLog audit;
  private final Clock clock;

  GithubIntegrations(
      IntegrationStore store,
      ProductManagement products,
      SecretBox secrets,
      AuditLog audit,
      Clock clock) {
    this.store = store;
    this.products = products;
    this.secrets = secrets;
    this.audit = audit;
    this.clock = clock;
  }

  /**
   * Sets the repository and the secret (a repeated call without {@code secret} keeps the stored
   * one). The admin, or a devops member of the product.
   */
  @Transactional
  public GithubIntegration set(Actor by, String product, String repository, String secret) {
    requireManager(by, product);
    if (repository == null || repository.isBlank()) throw BadRequest.missing("repository");
    if (!REPOSITORY.matcher(repository.strip()).matches()) {
      throw Invalid.field(
          "repository", "'" + repository + "' is not a GitHub repository; write it as owner/name.");
    }
    var existing = store.find(product);
    String sealed;
    if (secret == null || secret.isEmpty()) {
      if (existing.isEmpty()) throw BadRequest.missing("secret");
      sealed = existing.get().sealedSecret();
    } else {
      if (secret.length() > 500)
        throw Invalid.field("secret", "A secret has at most 500 characters.");
      sealed = secrets.seal(secret);
    }
    Instant now = Timestamps.now(clock);
    store.put(product, repository.strip(), sealed, by.username(), now);
    audit.append(
        AuditRecord.of(
            "integration.configured",
            by,
            product,
            "product/" + product,
            null,
            Map.of(
                "integration",
                "github",
                "repository",
                repository.strip(),
                "secretChanged",
                secret != null && !secret.isEmpty())));
    return get(by, product);
  }

  /** The integration as answered (members of the product and the admin). */
  @Transactional(readOnly = true)
  public GithubIntegration get(Actor by, String product) {
    products.find(product);
    products.requireReader(by, product);
    var stored =
        store
            .find(product)
            .orElseThrow(
                () ->
                    NotFound.of(
                        "GitHub integration",
                        product,
                        "Set one with PUT /api/v1/products/" + product + "/integrations/github."));
    return new GithubIntegration(
        product,
        stored.repository(),
        SET,
        "/api/v1/hooks/github/" + product,
        stored.updatedBy(),
        stored.updatedAt());
  }

  /** Removes the integration: deliveries are refused (401) from now on. */
  @Transactional
  public void remove(Actor by, String product) {
    requireManager(by, product);
    if (store.delete(product) == 0) throw NotFound.of("GitHub integration", product);
    audit.append(
        AuditRecord.of(
            "integration.removed",
            by,
            product,
            "product/" + product,
            null,
            Map.of("integration", "github")));
  }

  /** The latest deliveries, newest first (members of the product and the admin). */
  @Transactional(readOnly = true)
  public List<GithubDelivery> deliveries(Actor by, String product, int limit) {
    products.find(product);
    products.requireReader(by, product);
    return store.recent(product, Math.max(1, Math.min(limit, 200)));
  }

  /** Whether the caller may change the integration (for the product page's form). */
  @Transactional(readOnly = true)
  public boolean mayManage(Actor by, String product) {
    return by.admin() || products.rolesOf(product, by.username()).contains(DEVOPS);
  }

  private void requireManager(Actor by, String product) {
    products.find(product);
    if (by.admin()) return;
    products.requireReader(by, product);
    if (!products.rolesOf(product, by.username()).contains(DEVOPS)) {
      throw Forbidden.needsRole(
          DEVOPS,
          "Setting up the GitHub integration",
          by.username(),
          products.rolesOf(product, by.username()));
    }
  }
}
