package io.tollgate.notify;

import io.tollgate.notify.internal.HandoffClocks;
import io.tollgate.notify.internal.InboxStore;
import io.tollgate.notify.internal.PreferenceStore;
import io.tollgate.notify.internal.SignedLinks;
import io.tollgate.product.ProductManagement;
import io.tollgate.shared.Actor;
import io.tollgate.shared.Invalid;
import io.tollgate.shared.NotFound;
import io.tollgate.shared.Timestamps;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A person's notifications menu ("your turn", escalations, incidents) and their preferences. An
 * entry is opened by its person only; opening one whose handoff someone already acknowledged says
 * so instead of sending them to act on it.
 */
@Service
public class Inbox {
  private final InboxStore entries;
  private final PreferenceStore preferences;
  private final HandoffClocks clocks;
  private final SignedLinks links;
  private final ProductManagement products;
  private final Clock clock;

  Inbox(
      InboxStore entries,
      PreferenceStore preferences,
      HandoffClocks clocks,
      SignedLinks links,
      ProductManagement products,
      Clock clock) {
    this.entries = entries;
    this.preferences = preferences;
    this.clocks = clocks;
    this.links = links;
    this.products = products;
    this.clock = clock;
  }

  /** An opened entry; {@code stale} says why it is no longer current, or null. */
  public record Opened(InboxEntry entry, String stale) {}

  @Transactional(readOnly = true)
  public List<InboxEntry> entries(Actor me) {
    return entries.of(me.username(), 50);
  }

  @Transactional(readOnly = true)
  public long unread(String username) {
    return entries.unread(username);
  }

  /** Opens the caller's entry (marked read); 404 for anybody else's. */
  @Transactional
  public Opened open(Actor me, long id) {
    InboxEntry e =
        entries
            .find(me.username(), id)
            .orElseThrow(() -> NotFound.of("notification", Long.toString(id)));
    entries.read(me.username(), id, Timestamps.now(clock));
    return new Opened(e, stale(e));
  }

  private String stale(InboxEntry e) {
    if (!e.type().startsWith("handoff.") || e.release() == null) return null;
    if (e.handoff() == null) return null;
    return clocks
        .find(e.release(), e.handoff())
        .filter(
            c ->
                c.acknowledgedAt() != null
                    && c.acknowledgedAt().isAfter(e.createdAt().minusMillis(1)))
        .map(
            c ->
                "This is no longer current: "
                    + (c.acknowledgedBy() == null ? "someone" : c.acknowledgedBy())
                    + " acknowledged the handoff at "
                    + c.acknowledgedAt()
                    + ".")
        .orElse(null);
  }

  /** Where a followed link leads; {@code problem} says why not straight there, or null. */
  public record Followed(String link, String problem) {}

  /**
   * Follows a signed link from a message, as the signed-in person: once each, before it expires; a
   * link whose handoff someone already acknowledged says so. Following decides nothing.
   */
  public Followed follow(Actor me, String token) {
    SignedLinks.Target target =
        links
            .open(token)
            .orElseThrow(
                () ->
                    NotFound.of(
                        "link", "this", "It is not a link Tollgate made, or it was altered."));
    String link = "/releases/" + target.release();
    java.time.Instant now = clock.instant();
    if (now.isAfter(target.expiresAt())) {
      return new Followed(
          link, "This link expired at " + target.expiresAt() + ". The release is still there.");
    }
    if (!links.use(token, me.username(), now)) {
      return new Followed(
          link, "You used this link already; it works once. The release is still there.");
    }
    entries.readEvent(me.username(), target.seq(), Timestamps.now(clock));
    String stale =
        clocks
            .find(target.release(), target.handoff())
            .filter(c -> c.acknowledgedAt() != null)
            .map(
                c ->
                    "This is no longer current: "
                        + (c.acknowledgedBy() == null ? "someone" : c.acknowledgedBy())
                        + " acknowledged the handoff at "
                        + c.acknowledgedAt()
                        + ".")
            .orElse(null);
    return new Followed(link, stale);
  }

  @Transactional
  public void readAll(Actor me) {
    entries.readAll(me.username(), Timestamps.now(clock));
  }

  @Transactional(readOnly = true)
  public Preferences preferences(Actor me) {
    return preferences.of(me.username());
  }

  /** Sets the caller's preferences: event types not wanted by email, products muted. */
  @Transactional
  public Preferences setPreferences(Actor me, List<String> emailOff, List<String> muted) {
    List<String> off =
        emailOff == null || emailOff.isEmpty() ? List.of() : EventTypes.check(emailOff);
    List<String> mutedProducts = new ArrayList<>();
    if (muted != null) {
      for (int i = 0; i < muted.size(); i++) {
        String key = muted.get(i);
        if (key == null || !products.exists(key)) {
          throw Invalid.field("mutedProducts[" + i + "]", "There is no product '" + key + "'.");
        }
        if (!mutedProducts.contains(key)) mutedProducts.add(key);
      }
    }
    Preferences p = new Preferences(off, mutedProducts);
    preferences.set(me.username(), p, Timestamps.now(clock));
    return p;
  }
}
