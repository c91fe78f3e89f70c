package io.tollgate.incident;

import java.time.Instant;

/**
 * Where one playbook step of an incident stands: {@code pending}, {@code done} or {@code skipped}.
 */
public record IncidentStep(String key, String status, String by, Instant at, String note) {}
