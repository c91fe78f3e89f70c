package io.tollgate.integration;

import io.tollgate.audit.AuditLog;
import io.tollgate.audit.AuditRecord;
import io.tollgate.integration.internal.IntegrationStore;
import io.tollgate.integration.internal.ProtectionStore;
import io.tollgate.product.ProductManagement;
import io.tollgate.shared.Actor;
import io.tollgate.shared.BadRequest;
import io.tollgate.shared.Forbidden;
import io.tollgate.shared.Invalid;
import io.tollgate.shared.NotFound;
import io.tollgate.shared.Timestamps;
import io.tollgate.shared.outbound.OutboundUrls;
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

  /** The API a protection rule's answer goes to when the integration names none. */
  public static final String GITHUB_API = "https://api.github.com";

  private final IntegrationStore store;
  private final ProtectionStore protection;
  private final ProtectionCallbacks callbacks;
  private final ProductManagement products;
  private final SecretBox secrets;
  private final OutboundUrls urls;
  private final AuditLog audit;
  private final Clock clock;

  GithubIntegrations(
      IntegrationStore store,
      ProtectionStore protection,
      ProtectionCallbacks callbacks,
      ProductManagement products,
      SecretBox secrets,
      OutboundUrls urls,
      AuditLog audit,
      Clock clock) {
    this.store = store;
    this.protection = protection;
    this.callbacks = callbacks;
    this.products = products;
    this.secrets = secrets;
    this.urls = urls;
    this.audit = audit;
    this.clock = clock;
  }

  /**
   * What a caller sets. {@code secret}: null or empty keeps the stored one. {@code apiUrl}: the API
   * deployment protection rules are answered through (GitHub Enterprise Server: {@code
   * https://HOST/api/v3}); null keeps it, empty means GitHub's. {@code protectionToken}: the token
   * Tollgate answers them with; null keeps it, empty removes it.
   */
  public record Change(String repository, String secret, String apiUrl, String protectionToken) {}

  /**
   * Sets the repository and the secret (a repeated call without {@code secret} keeps the stored
   * one). The admin, or a devops member of the product.
   */
  @Transactional
  public GithubIntegration set(Actor by, String product, String repository, String secret) {
    return set(by, product, new Change(repository, secret, null, null));
  }

  /** Sets the integration as {@link Change} says. The admin, or a devops member of the product. */
  @Transactional
  public GithubIntegration set(Actor by, String product, Change change) {
    String repository = change.repository();
    String secret = change.secret();
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
    String apiUrl = existing.map(IntegrationStore.Stored::apiUrl).orElse(null);
    if (change.apiUrl() != null) apiUrl = apiUrl(change.apiUrl());
    String token = existing.map(IntegrationStore.Stored::sealedToken).orElse(null);
    if (change.protectionToken() != null) {
      if (change.protectionToken().length() > 500) {
        throw Invalid.field("protectionToken", "A token has at most 500 characters.");
      }
      token =
          change.protectionToken().isBlank()
              ? null
              : secrets.seal(change.protectionToken().strip());
    }
    Instant now = Timestamps.now(clock);
    store.put(
        new IntegrationStore.Stored(
            product, repository.strip(), sealed, by.username(), now, apiUrl, token));
    boolean answerChanged = change.protectionToken() != null || change.apiUrl() != null;
    if (token != null && answerChanged && protection.retryUntold(product, now) > 0) {
      // what GitHub refused or never got (an expired token) is told again with the new one
      callbacks.wakeAfterCommit();
    }
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
                secret != null && !secret.isEmpty(),
                "protectionTokenChanged",
                change.protectionToken() != null)));
    return get(by, product);
  }

  /** An API base URL Tollgate may call, without its trailing slash; empty means GitHub's (null). */
  private String apiUrl(String value) {
    if (value.isBlank()) return null;
    String url = urls.check(value.strip(), "apiUrl").toString();
    while (url.endsWith("/")) url = url.substring(0, url.length() - 1);
    if (url.length() > 300) throw Invalid.field("apiUrl", "apiUrl has at most 300 characters.");
    return url.equals(GITHUB_API) ? null : url;
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
        stored.updatedAt(),
        stored.apiUrl() == null ? GITHUB_API : stored.apiUrl(),
        stored.sealedToken() == null ? null : SET);
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

  /** The latest deployment protection rule requests, newest first (members and the admin). */
  @Transactional(readOnly = true)
  public List<ProtectionRun> protectionRuns(Actor by, String product, int limit) {
    products.find(product);
    products.requireReader(by, product);
    return protection.recent(product, Math.max(1, Math.min(limit, 200))).stream()
        .map(
            r ->
                new ProtectionRun(
                    r.delivery(),
                    r.environment(),
                    r.sha(),
                    r.release(),
                    r.verdict(),
                    r.comment(),
                    r.told(),
                    r.lastError(),
                    r.receivedAt(),
                    r.decidedAt()))
        .toList();
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
