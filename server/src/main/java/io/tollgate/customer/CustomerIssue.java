package io.tollgate.customer;

import java.time.Instant;

/**
 * An issue a customer reported on a released release.
 *
 * @param incident the incident it was escalated to, or null
 */
public record CustomerIssue(
    String id,
    String release,
    String product,
    String version,
    String summary,
    String severity,
    String link,
    String reportedBy,
    Instant reportedAt,
    String incident,
    String escalatedBy,
    Instant escalatedAt) {}
