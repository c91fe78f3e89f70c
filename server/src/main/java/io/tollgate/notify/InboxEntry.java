package io.tollgate.notify;

import java.time.Instant;

/** One line of a person's notifications menu; {@code handoff} names the handoff it is about. */
public record InboxEntry(
    long id,
    String product,
    String release,
    long event,
    String type,
    String handoff,
    String title,
    String link,
    Instant createdAt,
    Instant readAt) {
  public boolean unread() {
    return readAt == null;
  }
}
