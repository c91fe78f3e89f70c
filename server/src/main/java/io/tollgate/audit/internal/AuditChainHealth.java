package io.tollgate.audit.internal;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * The audit chain in {@code /actuator/health} (component {@code auditChain}): how many committed
 * events wait to be chained, and DOWN while the appender is stopped at a staged event whose MAC
 * does not match. Not part of readiness: commands keep working, they only stage.
 */
@Component("auditChain")
class AuditChainHealth implements HealthIndicator {
  private final AuditAppender appender;

  AuditChainHealth(AuditAppender appender) {
    this.appender = appender;
  }

  @Override
  public Health health() {
    Long forged = appender.halted();
    Health.Builder health = forged == null ? Health.up() : Health.down();
    health.withDetail("staged", appender.backlog());
    if (forged != null) {
      health.withDetail(
          "forgedStagedEvent",
          "audit_staged id " + forged + " does not match its MAC: chaining stopped there");
    }
    return health.build();
  }
}
