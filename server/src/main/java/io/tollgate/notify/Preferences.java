package io.tollgate.notify;

import java.util.List;

/**
 * A person's notification preferences: event types they do not want by email, and products they
 * muted (no email and nothing in their menu from those). Addresses that are not people (a
 * stakeholder list, a fixed address) are not affected.
 */
public record Preferences(List<String> emailOff, List<String> mutedProducts) {
  public static final Preferences NONE = new Preferences(List.of(), List.of());

  public Preferences {
    emailOff = emailOff == null ? List.of() : List.copyOf(emailOff);
    mutedProducts = mutedProducts == null ? List.of() : List.copyOf(mutedProducts);
  }

  /** Whether the person wants this event of this product by email. */
  public boolean wantsEmail(String product, String type) {
    return !mutedProducts.contains(product) && !EventTypes.matchesAny(emailOff, type);
  }

  /** Whether the person wants this product's events in their menu. */
  public boolean wantsInApp(String product) {
    return !mutedProducts.contains(product);
  }
}
