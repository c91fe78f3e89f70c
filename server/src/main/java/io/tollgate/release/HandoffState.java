package io.tollgate.release;

import java.time.Instant;

/** Where one handoff of a release stands. */
public record HandoffState(
    String key, Instant handedAt, String handedBy, Instant acknowledgedAt, String acknowledgedBy) {

  static HandoffState waiting(String key) {
    return new HandoffState(key, null, null, null, null);
  }

  public String status() {
    if (acknowledgedAt != null) return "acknowledged";
    if (handedAt != null) return "handed";
    return "waiting";
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
