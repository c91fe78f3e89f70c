package io.tollgate.notify;

import java.time.Instant;
import java.util.List;

/**
 * A product's subscription: which events ({@link EventTypes} patterns) go to which channel. The
 * guide's defaults, made when a product is created, are ordinary subscriptions marked {@code
 * isDefault}: visible, and removable like any other.
 */
public record Subscription(
    String id,
    String product,
    List<String> events,
    Channel channel,
    boolean isDefault,
    String createdBy,
    Instant createdAt) {
  public Subscription {
    events = List.copyOf(events);
  }

  /** The type this subscription's message has for an event of these types, or null. */
  public String typeFor(List<String> types) {
    return NotificationTypes.chosen(types, events);
  }
}
