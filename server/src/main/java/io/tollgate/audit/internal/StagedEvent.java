package io.tollgate.audit.internal;

import java.time.Instant;

/** One row of {@code audit_staged}: an event committed but not yet chained, with its MAC. */
public record StagedEvent(long id, int pos, Instant at, AuditStore.NewEvent event, String mac) {}
