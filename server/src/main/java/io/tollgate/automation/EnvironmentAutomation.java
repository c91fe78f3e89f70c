package io.tollgate.automation;

import io.tollgate.audit.AuditLog;
import io.tollgate.audit.AuditRecord;
import io.tollgate.automation.internal.AutomationDocuments;
import io.tollgate.automation.internal.AutomationStore;
import io.tollgate.product.Product;
import io.tollgate.product.ProductManagement;
import io.tollgate.release.AutomatedEnvironments;
import io.tollgate.shared.Actor;
import io.tollgate.shared.Forbidden;
import io.tollgate.shared.NotFound;
import io.tollgate.shared.Timestamps;
import io.tollgate.shared.outbound.OutboundUrls;
import io.tollgate.shared.outbound.SecretBox;
import io.tollgate.shared.outbound.StandardWebhooks;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The automation of each product environment: configured by the system administrator or a devops
 * member of the product (a command executor by the administrator only, as it runs on the node),
 * read by members, and the one answer to which environments {@code system} deploys.
 */
@Service
public class EnvironmentAutomation implements AutomatedEnvironments {
  public static final String OPERATOR_ROLE = "devops";

  private final AutomationStore store;
  private final ProductManagement products;
  private final OutboundUrls urls;
  private final SecretBox secrets;
  private final AuditLog audit;
  private final Clock clock;
  private final org.springframework.beans.factory.ObjectProvider<EnvironmentLocks> locks;

  EnvironmentAutomation(
      AutomationStore store,
      ProductManagement products,
      OutboundUrls urls,
      SecretBox secrets,
      AuditLog audit,
      Clock clock,
      org.springframework.beans.factory.ObjectProvider<EnvironmentLocks> locks) {
    this.locks = locks;
    this.store = store;
    this.products = products;
    this.urls = urls;
    this.secrets = secrets;
    this.audit = audit;
    this.clock = clock;
  }

  /** A configuration with who set it; {@code newSecret} only in the answer that made it. */
  public record Configured(
      String product,
      String environment,
      AutomationConfig config,
      String updatedBy,
      Instant updatedAt,
      String newSecret) {}

  @Transactional
  public Configured configure(Actor by, String product, String env, AutomationRequest request) {
    requireEnvironment(by, product, env);
    requireOperator(by, product, "Configuring the automation of " + env);
    if (request != null
        && request.executor() != null
        && "command".equals(request.executor().kind())
        && !by.admin()) {
      throw Forbidden.because(
          "A command executor runs a program on the Tollgate node: only the system administrator"
              + " configures one.");
    }
    Optional<AutomationConfig> stored = find(product, env);
    String storedSecret =
        stored
            .map(AutomationConfig::executor)
            .filter(e -> e instanceof AutomationConfig.Webhook)
            .map(e -> ((AutomationConfig.Webhook) e).sealedSecret())
            .orElse(null);
    String made = StandardWebhooks.newSecret();
    AutomationConfig config =
        AutomationRequests.toConfig(request, urls::check, secrets::seal, storedSecret, made);
    boolean madeSecret =
        config.executor() instanceof AutomationConfig.Webhook w
            && request.executor().secret() == null
            && storedSecret == null;
    Instant now = Timestamps.now(clock);
    store.saveConfig(product, env, AutomationDocuments.write(config), by.username(), now);
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("environment", env);
    details.put("executor", config.executor().kind());
    details.put("checks", config.hasChecks() ? config.verification().checks().size() : 0);
    details.put("autoVerify", config.autoVerify());
    details.put("autoRollback", config.autoRollback());
    audit.append(
        AuditRecord.of(
            "automation.configured",
            by,
            product,
            "environment/" + product + "/" + env,
            null,
            details));
    return new Configured(product, env, config, by.username(), now, madeSecret ? made : null);
  }

  @Transactional(readOnly = true)
  public Configured get(Actor by, String product, String env) {
    requireEnvironment(by, product, env);
    AutomationStore.StoredConfig stored =
        store
            .config(product, env)
            .orElseThrow(
                () ->
                    NotFound.of(
                        "automation",
                        product + "/" + env,
                        "The environment is deployed by hand; configure it with PUT."));
    return new Configured(
        product,
        env,
        AutomationDocuments.read(stored.document()),
        stored.updatedBy(),
        stored.updatedAt(),
        null);
  }

  /** Back to manual steps; removing what is not there changes nothing (idempotent). */
  @Transactional
  public void remove(Actor by, String product, String env) {
    requireEnvironment(by, product, env);
    requireOperator(by, product, "Removing the automation of " + env);
    if (!store.deleteConfig(product, env)) return; // already manual: nothing to record
    audit.append(
        AuditRecord.of(
            "automation.removed",
            by,
            product,
            "environment/" + product + "/" + env,
            null,
            Map.of("environment", env)));
  }

  /** The configuration of an environment, without checking the caller (jobs, release rules). */
  @Transactional(readOnly = true)
  public Optional<AutomationConfig> find(String product, String env) {
    return store.config(product, env).map(s -> AutomationDocuments.read(s.document()));
  }

  /** The webhook secret in the clear, for signing. */
  public String secretOf(AutomationConfig.Webhook webhook) {
    return secrets.open(webhook.sealedSecret());
  }

  @Override
  @Transactional(readOnly = true)
  public Set<String> of(String product) {
    return new TreeSet<>(store.configuredEnvironments(product));
  }

  @Override
  @Transactional(readOnly = true)
  public Set<String> checked(String product) {
    Set<String> checked = new TreeSet<>();
    store
        .configs(product)
        .forEach(
            (env, doc) -> {
              if (AutomationDocuments.read(doc).hasChecks()) checked.add(env);
            });
    return checked;
  }

  @Override
  public java.util.Map<String, String> locked(String product) {
    return locks.getObject().of(product);
  }

  /** Whether the caller configures automation on the product (admin or devops). */
  public boolean mayConfigure(Actor by, String product) {
    return by.admin() || products.rolesOf(product, by.username()).contains(OPERATOR_ROLE);
  }

  private void requireOperator(Actor by, String product, String what) {
    if (!mayConfigure(by, product)) {
      throw Forbidden.needsRole(
          OPERATOR_ROLE,
          what,
          by.username(),
          new TreeSet<>(products.rolesOf(product, by.username())));
    }
  }

  private void requireEnvironment(Actor by, String product, String env) {
    Product p = products.get(by, product);
    if (!p.environments().contains(env)) {
      throw NotFound.of(
          "environment", env, "Environments of " + product + ": " + p.environments() + ".");
    }
  }
}
