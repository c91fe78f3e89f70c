package io.tollgate.release;

import java.time.Instant;

/** Where one handoff of a release stands. */
public record HandoffState(
    String key, Instant handedAt, String handedBy, Instant acknowledgedAt, String acknowledgedBy) {

  static HandoffState waiting(String key) {
    return new HandoffState(key, null, null, null, null);
  }

  public HandoffStatus status() {
    if (acknowledgedAt != null) return HandoffStatus.ACKNOWLEDGED;
    if (handedAt != null) return HandoffStatus.HANDED;
    return HandoffStatus.WAITING;
  }

  boolean isHanded() {
    return handedAt != null;
  }

  HandoffState handed(String username, Instant when) {
    return new HandoffState(key, when, username, null, null);
  }

  HandoffState acknowledged(String username, Instant when) {
    return new HandoffState(key, handedAt, handedBy, when, username);
  }
}
