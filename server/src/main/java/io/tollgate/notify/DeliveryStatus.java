package io.tollgate.notify;

import io.tollgate.shared.Invalid;
import java.util.Locale;

/** Where a delivery stands: waiting to be sent (or sent again), delivered, or given up on. */
public enum DeliveryStatus {
  PENDING,
  DELIVERED,
  DEAD;

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static DeliveryStatus of(String id) {
    for (DeliveryStatus s : values()) if (s.id().equals(id)) return s;
    throw Invalid.field(
        "status", "'" + id + "' is not a delivery status: pending, delivered, dead.");
  }
}
