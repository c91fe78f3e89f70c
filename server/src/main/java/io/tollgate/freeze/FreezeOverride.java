package io.tollgate.freeze;

import java.time.Instant;

/**
 * An emergency override: release {@code release} may deploy to production during freeze {@code
 * freeze}, once another release manager of its product approved it.
 *
 * @param status {@code pending} or {@code approved}
 */
public record FreezeOverride(
    String id,
    String freeze,
    String release,
    String product,
    String reason,
    String status,
    String requestedBy,
    Instant requestedAt,
    String approvedBy,
    Instant approvedAt) {
  public static final String PENDING = "pending";
  public static final String APPROVED = "approved";

  public boolean approved() {
    return APPROVED.equals(status);
  }
}
