package io.tollgate.release.web;

import io.tollgate.process.HandoffDef;
import io.tollgate.process.HandoffSla;
import io.tollgate.process.ProcessDefinition;
import io.tollgate.release.Actions;
import io.tollgate.release.HandoffState;
import io.tollgate.shared.web.Fmt;
import java.time.Duration;
import java.time.Instant;

/**
 * One handoff on the release page: who hands what to whom, when, how long it waited, and while it
 * waits, its SLA clock (the process's {@code sla}).
 */
record HandoffRow(
    String key,
    String from,
    String to,
    String handsOver,
    String status,
    String icon,
    String handedAt,
    String acknowledgedAt,
    String acknowledgedBy,
    String waited,
    String sla,
    boolean overdue,
    boolean action) {
  static HandoffRow of(ProcessDefinition p, HandoffState h, Actions actions, Instant now, Fmt fmt) {
    HandoffDef def =
        p.handoffs().stream().filter(d -> d.key().equals(h.key())).findFirst().orElseThrow();
    String waited =
        h.handedAt() == null
            ? ""
            : h.acknowledgedAt() == null
                ? "waiting " + Fmt.duration(Duration.between(h.handedAt(), now))
                : Fmt.duration(Duration.between(h.handedAt(), h.acknowledgedAt()));
    Duration left = HandoffSla.remaining(h.handedAt(), h.acknowledgedAt(), def.sla(), now);
    String sla = left == null ? null : slaClock(left, def.sla());
    return new HandoffRow(
        h.key(),
        def.from(),
        def.to(),
        def.handsOver(),
        h.status().id(),
        h.status().icon(),
        fmt.time(h.handedAt()),
        fmt.time(h.acknowledgedAt()),
        h.acknowledgedBy(),
        waited,
        sla,
        left != null && left.isNegative(),
        actions.offered("acknowledge", h.key()));
  }

  /** "SLA 4 h: 1 h 20 min left", or "SLA 4 h: passed 20 min ago". */
  static String slaClock(Duration left, Duration sla) {
    String head = "SLA " + Fmt.duration(sla) + ": ";
    return left.isNegative()
        ? head + "passed " + Fmt.duration(left.negated()) + " ago"
        : head + Fmt.duration(left) + " left";
  }
}
