package io.tollgate.audit;

import java.util.List;

/**
 * Events that some node appended to the audit log, in sequence order, as this node read them.
 * Published by {@link AuditTail}; every node sees every change this way.
 */
public record AuditEventsAppended(List<AuditEvent> events) {}
