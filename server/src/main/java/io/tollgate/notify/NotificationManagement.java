package io.tollgate.notify;

import io.tollgate.audit.AuditLog;
import io.tollgate.audit.AuditRecord;
import io.tollgate.notify.internal.DeliveryLedger;
import io.tollgate.notify.internal.StakeholderStore;
import io.tollgate.notify.internal.SubscriptionStore;
import io.tollgate.product.ProductManagement;
import io.tollgate.shared.Actor;
import io.tollgate.shared.Forbidden;
import io.tollgate.shared.NotFound;
import io.tollgate.shared.Refused;
import io.tollgate.shared.Timestamps;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A product's subscriptions, deliveries and stakeholder list. Changing them is for the system
 * administrator or the product's release manager; reading them for its members too. Every change is
 * audited (without secrets).
 */
@Service
public class NotificationManagement {
  private final ProductManagement products;
  private final SubscriptionStore subscriptions;
  private final DeliveryLedger deliveries;
  private final StakeholderStore stakeholders;
  private final Subscriptions making;
  private final AuditLog audit;
  private final Clock clock;

  NotificationManagement(
      ProductManagement products,
      SubscriptionStore subscriptions,
      DeliveryLedger deliveries,
      StakeholderStore stakeholders,
      Subscriptions making,
      AuditLog audit,
      Clock clock) {
    this.products = products;
    this.subscriptions = subscriptions;
    this.deliveries = deliveries;
    this.stakeholders = stakeholders;
    this.making = making;
    this.audit = audit;
    this.clock = clock;
  }

  /** A subscription just made, with its webhook secret when one was generated (shown once). */
  public record Created(Subscription subscription, String secret) {}

  @Transactional
  public Created subscribe(Actor by, String product, List<String> events, ChannelRequest channel) {
    requireManager(by, product, "Changing the subscriptions of");
    Subscriptions.Made made = making.make(product, events, channel);
    Subscription s =
        new Subscription(
            java.util.UUID.randomUUID().toString(),
            product,
            made.events(),
            made.channel(),
            false,
            by.username(),
            Timestamps.now(clock));
    subscriptions.insert(s);
    record(by, "subscription.created", product, s, Map.of());
    return new Created(s, made.shownSecret());
  }

  @Transactional(readOnly = true)
  public List<Subscription> subscriptions(Actor by, String product) {
    products.get(by, product);
    return subscriptions.active(product);
  }

  @Transactional
  public void unsubscribe(Actor by, String product, String id) {
    requireManager(by, product, "Changing the subscriptions of");
    Subscription s =
        subscriptions
            .find(id)
            .filter(x -> x.product().equals(product))
            .orElseThrow(() -> NotFound.of("subscription", id));
    if (!subscriptions.delete(product, id, Timestamps.now(clock))) {
      throw NotFound.of("subscription", id);
    }
    deliveries.abandon(id, "the subscription was deleted");
    record(by, "subscription.deleted", product, s, Map.of());
  }

  @Transactional(readOnly = true)
  public List<Delivery> deliveries(Actor by, String product, String status) {
    products.get(by, product);
    String s = status == null || status.isBlank() ? null : DeliveryStatus.of(status).id();
    return deliveries.of(product, s, 500);
  }

  /** Sends a dead delivery again, with a fresh set of attempts. */
  @Transactional
  public Delivery retry(Actor by, long id) {
    String product =
        deliveries.productOf(id).orElseThrow(() -> NotFound.of("delivery", Long.toString(id)));
    products.get(by, product); // a non-member learns nothing about it
    requireManager(by, product, "Retrying deliveries of");
    if (!deliveries.retry(id, Timestamps.now(clock))) {
      throw Refused.because(
          "Delivery " + id + " is not dead: only a delivery given up on can be retried.");
    }
    Delivery d = deliveries.find(id).orElseThrow();
    audit.append(
        AuditRecord.of(
            "delivery.retried",
            by,
            product,
            "delivery/" + id,
            null,
            Map.of("delivery", id, "subscription", d.subscription(), "event", d.event())));
    return d;
  }

  @Transactional
  public List<String> setStakeholders(Actor by, String product, List<String> emails) {
    requireManager(by, product, "Changing the stakeholders of");
    List<String> checked = Audience.addresses(emails, "emails");
    products.lock(product);
    stakeholders.set(product, checked, Timestamps.now(clock));
    audit.append(
        AuditRecord.of(
            "stakeholders.changed",
            by,
            product,
            "product/" + product,
            null,
            Map.of("count", checked.size())));
    return checked;
  }

  @Transactional(readOnly = true)
  public List<String> stakeholders(Actor by, String product) {
    products.get(by, product);
    return stakeholders.of(product);
  }

  private void requireManager(Actor by, String product, String what) {
    products.find(product);
    if (!products.mayManageMembers(by, product)) {
      products.get(by, product); // a non-member: 403 as for reading
      throw Forbidden.because(
          what
              + " '"
              + product
              + "' is for the system administrator or a release manager of the product.");
    }
  }

  private void record(Actor by, String type, String product, Subscription s, Map<String, ?> more) {
    java.util.Map<String, Object> p = new java.util.LinkedHashMap<>(more);
    p.put("subscription", s.id());
    p.put("events", s.events());
    p.put("channel", s.channel().kind());
    audit.append(AuditRecord.of(type, by, product, "subscription/" + s.id(), null, p));
  }
}
