package io.tollgate.notify.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.tollgate.audit.AuditEvent;
import io.tollgate.audit.AuditLog;
import io.tollgate.notify.Message;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The events and messages of the senders' batches, shared by all subscriptions: the ten webhooks of
 * one product send the same events, so an event is read from the audit log once (by the first
 * sender that needs it; audit events never change) and its message rendered once per type, not once
 * per subscription. Each subscription still gets its own webhook-id and signature ({@link
 * WebhookSender}). Kept a minute: a sender further behind reads and renders again.
 */
@Component
class BatchMessages {
  private final AuditLog audit;
  private final Messages messages;
  private final Cache<Long, AuditEvent> events =
      Caffeine.newBuilder().maximumSize(20_000).expireAfterWrite(Duration.ofMinutes(1)).build();

  /**
   * One event's message, rendered once for all the subscriptions that get it as the same type; not
   * the "your turn" messages, whose signed link is made afresh for each.
   */
  private final Cache<String, Message> rendered =
      Caffeine.newBuilder().maximumSize(8192).expireAfterWrite(Duration.ofMinutes(1)).build();

  BatchMessages(AuditLog audit, Messages messages) {
    this.audit = audit;
    this.messages = messages;
  }

  /**
   * The batch's audit events by seq: those read in the last minute from memory, the others in one
   * range query when they lie close together, else one by one.
   */
  Map<Long, AuditEvent> events(List<DeliveryStore.Due> batch) {
    Map<Long, AuditEvent> bySeq = new HashMap<>();
    List<Long> missing = new ArrayList<>();
    for (DeliveryStore.Due d : batch) {
      AuditEvent e = events.getIfPresent(d.seq());
      if (e != null) bySeq.put(d.seq(), e);
      else missing.add(d.seq());
    }
    if (missing.isEmpty()) return bySeq;
    long first = missing.get(0);
    long last = missing.get(missing.size() - 1);
    List<AuditEvent> read = new ArrayList<>();
    if (last - first < 20L * missing.size()) {
      read.addAll(audit.all(first - 1, (int) (last - first + 1)));
    } else {
      for (long seq : missing) read.addAll(audit.all(seq - 1, 1));
    }
    for (AuditEvent e : read) {
      events.put(e.seq(), e);
      bySeq.put(e.seq(), e);
    }
    return bySeq;
  }

  /** The event's message as this type (see {@link Messages#render}). */
  Message render(AuditEvent event, String type) {
    if (type.equals("handoff.handed") || type.equals("handoff.reminded")) {
      return messages.render(event, type); // a signed link of its own
    }
    return rendered.get(event.seq() + "/" + type, k -> messages.render(event, type));
  }
}
