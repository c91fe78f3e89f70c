package io.tollgate.notify;

import io.tollgate.identity.UserManagement;
import io.tollgate.notify.internal.SubscriptionStore;
import io.tollgate.process.ProcessDefinition;
import io.tollgate.process.ProcessManagement;
import io.tollgate.product.ProductCreated;
import io.tollgate.product.ProductManagement;
import io.tollgate.shared.Actor;
import io.tollgate.shared.BadRequest;
import io.tollgate.shared.Invalid;
import io.tollgate.shared.Timestamps;
import io.tollgate.shared.outbound.OutboundUrls;
import io.tollgate.shared.outbound.SecretBox;
import io.tollgate.shared.outbound.StandardWebhooks;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Makes subscriptions: checks the events and the channel as a client wrote them (422 naming the
 * field), seals the secret parts, generates a webhook secret when none is given; and gives a new
 * product the guide's defaults ({@link DefaultSubscriptions}) in the transaction that creates it.
 */
@Component
class Subscriptions {
  private final SecretBox secrets;
  private final OutboundUrls urls;
  private final UserManagement users;
  private final ProductManagement products;
  private final ProcessManagement processes;
  private final SubscriptionStore store;
  private final Clock clock;

  Subscriptions(
      SecretBox secrets,
      OutboundUrls urls,
      UserManagement users,
      ProductManagement products,
      ProcessManagement processes,
      SubscriptionStore store,
      Clock clock) {
    this.secrets = secrets;
    this.urls = urls;
    this.users = users;
    this.products = products;
    this.processes = processes;
    this.store = store;
    this.clock = clock;
  }

  /** The checked parts of a subscription; {@code shownSecret} is the generated webhook secret. */
  record Made(List<String> events, Channel channel, String shownSecret) {}

  Made make(String product, List<String> events, ChannelRequest c) {
    List<String> checked = EventTypes.check(events);
    if (c == null) throw BadRequest.missing("channel");
    if (c.kind() == null || c.kind().isBlank()) throw BadRequest.missing("channel.kind");
    return switch (c.kind()) {
      case "webhook" -> {
        String url = url(c.url());
        String secret = c.secret();
        String shown = null;
        if (secret == null || secret.isBlank()) {
          secret = StandardWebhooks.newSecret();
          shown = secret;
        } else {
          try {
            StandardWebhooks.ofSecret(secret);
          } catch (RuntimeException bad) {
            throw Invalid.field(
                "channel.secret",
                "The secret must be a Standard Webhooks secret: 'whsec_' and base64, or leave it"
                    + " out to have one generated.");
          }
        }
        yield new Made(checked, new Channel.Webhook(url, secrets.seal(secret)), shown);
      }
      case "email" -> new Made(checked, new Channel.Email(recipients(product, c.to())), null);
      case "slack", "teams" -> {
        String url = url(c.url());
        yield new Made(
            checked,
            new Channel.Chat(c.kind(), secrets.seal(url), URI.create(url).getHost()),
            null);
      }
      default ->
          throw Invalid.field(
              "channel.kind",
              "'" + c.kind() + "' is not a channel: use webhook, email, slack or teams.");
    };
  }

  private String url(String url) {
    if (url == null || url.isBlank()) throw BadRequest.missing("channel.url");
    return urls.check(url.strip(), "channel.url").toString();
  }

  private List<String> recipients(String product, List<String> to) {
    List<String> checked = Audience.check(to, "channel.to");
    ProcessDefinition process = processes.latest(products.find(product).process()).definition();
    for (int i = 0; i < checked.size(); i++) {
      String e = checked.get(i);
      if (e.startsWith("role:") && !process.hasRole(e.substring(5))) {
        throw Invalid.field(
            "channel.to[" + i + "]",
            "'" + e.substring(5) + "' is not a role of the product's process.");
      }
      if (e.startsWith("user:") && !users.exists(e.substring(5))) {
        throw Invalid.field("channel.to[" + i + "]", "There is no user '" + e.substring(5) + "'.");
      }
    }
    return checked;
  }

  /** A new product starts with the guide's communication, as ordinary subscriptions. */
  @EventListener
  void on(ProductCreated created) {
    ProcessDefinition process = processes.latest(created.process()).definition();
    for (DefaultSubscriptions.Default d : DefaultSubscriptions.of(process)) {
      store.insert(
          new Subscription(
              UUID.randomUUID().toString(),
              created.key(),
              d.events(),
              new Channel.Email(d.to()),
              true,
              Actor.SYSTEM.username(),
              Timestamps.now(clock)));
    }
  }
}
