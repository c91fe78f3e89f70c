package io.tollgate.integration;

import io.tollgate.integration.internal.GithubPayloads;
import io.tollgate.integration.internal.IntegrationStore;
import io.tollgate.product.ProductManagement;
import io.tollgate.shared.Actor;
import io.tollgate.shared.BadRequest;
import io.tollgate.shared.Timestamps;
import io.tollgate.shared.outbound.SecretBox;
import java.time.Clock;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Receives a GitHub webhook delivery for a product: checks its signature with the product's secret
 * (nothing is read before that), reads it, and — once per delivery id — applies it in one
 * transaction with its audit events and its entry in the product's deliveries.
 */
@Service
public class GithubHooks {
  /** The integration actor GitHub's deliveries act as. */
  public static final Actor GITHUB = Actor.integration("github");

  private final IntegrationStore store;
  private final SecretBox secrets;
  private final GithubEffects effects;
  private final ProtectionRules protection;
  private final ProductManagement products;
  private final TransactionTemplate tx;
  private final Clock clock;

  GithubHooks(
      IntegrationStore store,
      SecretBox secrets,
      GithubEffects effects,
      ProtectionRules protection,
      ProductManagement products,
      PlatformTransactionManager transactions,
      Clock clock) {
    this.store = store;
    this.secrets = secrets;
    this.effects = effects;
    this.protection = protection;
    this.products = products;
    this.tx = new TransactionTemplate(transactions);
    this.clock = clock;
  }

  /**
   * The answer to a delivery: {@code status} 202 (accepted: applied or ignored), 200 (a repeat, or
   * a ping), with what was done.
   */
  public record Answer(int status, String delivery, String event, String outcome, String detail) {}

  /** Whether the delivery's signature verifies with the product's secret. */
  public boolean verifies(String product, String signature, byte[] body) {
    if (signature == null || signature.isBlank() || product == null) return false;
    Optional<IntegrationStore.Stored> stored = store.find(product);
    return stored.isPresent()
        && GithubSignature.verify(secrets.open(stored.get().sealedSecret()), body, signature);
  }

  /** Applies a delivery whose signature {@link #verifies}. */
  public Answer receive(String product, String event, String delivery, byte[] body) {
    if (event == null || event.isBlank()) throw BadRequest.missing("X-GitHub-Event");
    if (delivery == null || delivery.isBlank()) throw BadRequest.missing("X-GitHub-Delivery");
    if (delivery.length() > 100 || event.length() > 64) {
      throw BadRequest.because("X-GitHub-Delivery or X-GitHub-Event is too long.");
    }
    GithubPayloads.Read read = GithubPayloads.read(event, body);
    return tx.execute(status -> apply(product, event, delivery, read));
  }

  private Answer apply(String product, String event, String delivery, GithubPayloads.Read read) {
    IntegrationStore.Stored integration = store.find(product).orElseThrow();
    String action = read.action() == null ? null : cut(read.action(), 64);
    if (!store.claim(product, delivery, event, action, Timestamps.now(clock))) {
      return new Answer(
          200,
          delivery,
          event,
          "duplicate",
          "Delivery " + delivery + " was received before; nothing was applied again.");
    }
    GithubEffects.Result result = effect(product, integration, delivery, event, read.event());
    store.settle(product, delivery, result.outcome(), result.detail());
    int status = read.event() instanceof GithubEvent.Ping ? 200 : 202;
    return new Answer(status, delivery, event, result.outcome(), result.detail());
  }

  private GithubEffects.Result effect(
      String product,
      IntegrationStore.Stored integration,
      String delivery,
      String name,
      GithubEvent event) {
    String repository = integration.repository();
    if (event.repository() != null && !event.repository().equalsIgnoreCase(repository)) {
      return GithubEffects.Result.ignored(
          "The delivery is about "
              + event.repository()
              + "; "
              + product
              + " follows "
              + repository
              + ".");
    }
    if (event instanceof GithubEvent.Ping ping) {
      return new GithubEffects.Result(
          "applied",
          "Ping answered: the webhook reaches Tollgate and its signature verifies"
              + (ping.zen() == null ? "." : " (" + ping.zen() + ")."));
    }
    if (event instanceof GithubEvent.CiCompleted run) return effects.ci(GITHUB, product, run);
    if (event instanceof GithubEvent.DeploymentStatus s) {
      return effects.deployment(GITHUB, product, products.find(product).environments(), s);
    }
    if (event instanceof GithubEvent.Push push) return effects.push(GITHUB, product, push);
    if (event instanceof GithubEvent.PullRequestClosed pr) {
      return effects.pullRequest(GITHUB, product, pr);
    }
    if (event instanceof GithubEvent.ProtectionRuleRequested request) {
      return protection.requested(product, integration, delivery, request);
    }
    GithubEvent.Other other = (GithubEvent.Other) event;
    return GithubEffects.Result.ignored(
        "Tollgate does not act on '"
            + name
            + (other.action() == null ? "" : "." + other.action())
            + "' events.");
  }

  private static String cut(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max);
  }
}
