package io.tollgate.audit;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Reads the audit log by sequence number a few times a second and tells this node's features what
 * changed — on any node, since every change is recorded there in its own transaction. Live pages
 * and caches use it; nothing that must not be lost depends on it.
 *
 * <p>Its position stays in memory on purpose, unlike the durable consumers of {@link AuditStream}:
 * what it feeds belongs to this node (its open pages, its cached releases), so every node must see
 * every event (a shared cursor would hand each batch to one node only), and what it feeds starts
 * empty after a restart (a page reloads, a cache refills), so there is nothing to resume. Work that
 * must happen once per event and survive a restart reads {@link AuditStream} instead.
 */
@Component
class AuditTail {
  private static final Logger log = LoggerFactory.getLogger(AuditTail.class);

  private final AuditLog audit;
  private final ApplicationEventPublisher publisher;
  private volatile long seen = -1;

  AuditTail(AuditLog audit, ApplicationEventPublisher publisher) {
    this.audit = audit;
    this.publisher = publisher;
  }

  @Scheduled(fixedDelay = 250)
  void tail() {
    try {
      if (seen < 0) {
        seen = audit.latestSeq();
        return;
      }
      List<AuditEvent> events = audit.all(seen, 500);
      if (!events.isEmpty()) {
        seen = events.get(events.size() - 1).seq();
        publisher.publishEvent(new AuditEventsAppended(events));
      }
    } catch (RuntimeException e) {
      log.warn("Could not read the audit log for live updates: {}", e.getMessage());
    }
  }
}
