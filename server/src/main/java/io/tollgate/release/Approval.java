package io.tollgate.release;

import java.time.Instant;

/**
 * One person's approval of a release for its go decision, counted for one role the process asks
 * approvals of ({@link io.tollgate.process.ApprovalDef}).
 *
 * @param comment what the approver said, may be null
 */
public record Approval(String role, String by, Instant at, String comment) {}
