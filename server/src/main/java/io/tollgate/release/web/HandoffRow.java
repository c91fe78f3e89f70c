package io.tollgate.release.web;

import io.tollgate.process.HandoffDef;
import io.tollgate.process.ProcessDefinition;
import io.tollgate.release.Actions;
import io.tollgate.release.HandoffState;
import io.tollgate.shared.web.Fmt;
import java.time.Duration;
import java.time.Instant;

/** One handoff on the release page: who hands what to whom, when, and how long it waited. */
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
        actions.offered("acknowledge", h.key()));
  }
}
