package io.tollgate.notify.internal;

import io.tollgate.audit.AuditLog;
import io.tollgate.audit.AuditRecord;
import io.tollgate.process.HandoffSla;
import io.tollgate.shared.Actor;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Escalates handoffs left unacknowledged past their SLA: once each (one conditional update, on any
 * node), recorded in the audit log as {@code handoff.escalated} by {@code system}, in the same
 * transaction; the outbox then tells the release manager (a default subscription). Three quarters
 * through the SLA the receiving role's people are reminded, once ({@code handoff.reminded}).
 */
@Component
public class Escalations {
  private static final Logger log = LoggerFactory.getLogger(Escalations.class);

  private final HandoffClocks clocks;
  private final AuditLog audit;
  private final TransactionTemplate tx;
  private final Clock clock;

  Escalations(
      HandoffClocks clocks, AuditLog audit, PlatformTransactionManager transactions, Clock clock) {
    this.clocks = clocks;
    this.audit = audit;
    this.tx = new TransactionTemplate(transactions);
    this.clock = clock;
  }

  @Scheduled(
      fixedDelayString = "${tollgate.notify.escalation-interval:PT30S}",
      initialDelayString = "${tollgate.notify.escalation-interval:PT30S}")
  void scheduled() {
    try {
      remindDue(clock.instant(), null);
      escalateDue(clock.instant(), null);
    } catch (RuntimeException e) {
      log.warn("Could not escalate overdue handoffs: {}", e.getMessage());
    }
  }

  /**
   * Reminds the receivers of every handoff three quarters through its SLA by {@code now} (of one
   * product, or all when null), once each, as {@code handoff.reminded}; answers how many.
   */
  public int remindDue(Instant now, String product) {
    int reminded = 0;
    for (HandoffClocks.Clock c : clocks.toRemind(now)) {
      if (product != null && !product.equals(c.product())) continue;
      Boolean done =
          tx.execute(
              s -> {
                if (!clocks.remind(c.release(), c.handoff(), now)) return false;
                audit.append(record("handoff.reminded", c));
                return true;
              });
      if (Boolean.TRUE.equals(done)) reminded++;
    }
    return reminded;
  }

  /**
   * Escalates every handoff due by {@code now} (of one product, or all when null); answers how
   * many. The time is the caller's, so a test can stand at any hour.
   */
  public int escalateDue(Instant now, String product) {
    int escalated = 0;
    for (HandoffClocks.Clock c : clocks.overdue(now)) {
      if (product != null && !product.equals(c.product())) continue;
      Boolean done =
          tx.execute(
              s -> {
                if (!clocks.escalate(c.release(), c.handoff(), now)) return false;
                audit.append(record("handoff.escalated", c));
                return true;
              });
      if (Boolean.TRUE.equals(done)) escalated++;
    }
    return escalated;
  }

  private static AuditRecord record(String type, HandoffClocks.Clock c) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("handoff", c.handoff());
    if (c.version() != null) p.put("version", c.version());
    if (c.from() != null) p.put("from", c.from());
    if (c.to() != null) p.put("to", c.to());
    p.put("handedAt", c.handedAt().toString());
    p.put("dueAt", c.dueAt().toString());
    p.put("sla", HandoffSla.format(Duration.between(c.handedAt(), c.dueAt())));
    return AuditRecord.of(
        type, Actor.SYSTEM, c.product(), "release/" + c.release(), c.release(), p);
  }
}
