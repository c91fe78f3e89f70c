package io.tollgate.evidence;

import io.tollgate.audit.AuditPublicKey;
import io.tollgate.audit.Checkpoint;
import io.tollgate.audit.Verification;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What an auditor gets for one release: everything that shows how it went, and the audit events
 * that recorded it, with what it takes to re-check them offline. The format is versioned ({@link
 * #FORMAT_VERSION}); a later version only adds fields.
 *
 * @param formatVersion the shape of this document
 * @param exportedAt when the server assembled it
 */
public record EvidencePack(
    int formatVersion,
    Instant exportedAt,
    ReleaseFacts release,
    List<RequirementEvidence> requirements,
    List<DecisionEvidence> decisions,
    List<DeploymentEvidence> deployments,
    List<HandoffEvidence> handoffs,
    List<IncidentEvidence> incidents,
    AuditEvidence audit,
    List<FreezeOverrideEvidence> freezeOverrides) {

  /** Version 1: the first shape. Version 2 added {@code freezeOverrides}. */
  public static final int FORMAT_VERSION = 2;

  public EvidencePack {
    freezeOverrides = freezeOverrides == null ? List.of() : List.copyOf(freezeOverrides);
  }

  /** A pack without freeze overrides. */
  public EvidencePack(
      int formatVersion,
      Instant exportedAt,
      ReleaseFacts release,
      List<RequirementEvidence> requirements,
      List<DecisionEvidence> decisions,
      List<DeploymentEvidence> deployments,
      List<HandoffEvidence> handoffs,
      List<IncidentEvidence> incidents,
      AuditEvidence audit) {
    this(
        formatVersion,
        exportedAt,
        release,
        requirements,
        decisions,
        deployments,
        handoffs,
        incidents,
        audit,
        List.of());
  }

  /**
   * An emergency override of a production freeze: who asked and why, who approved it (a second
   * release manager), and when the production deploy it let through happened (null: not yet).
   */
  public record FreezeOverrideEvidence(
      String id,
      String freeze,
      String freezeReason,
      String reason,
      String status,
      String requestedBy,
      Instant requestedAt,
      String approvedBy,
      Instant approvedAt,
      Instant usedAt) {}

  /** The release the pack is about. */
  public record ReleaseFacts(
      String id,
      String product,
      String version,
      String type,
      String name,
      String status,
      String process,
      int processVersion,
      String createdBy,
      Instant createdAt,
      Instant windowStart,
      Instant windowEnd) {}

  /**
   * A requirement, the roles that sign it and the signatures given.
   *
   * @param roles the roles whose signature the process asks for
   * @param by who met it (the last signer, for a requirement several roles sign)
   */
  public record RequirementEvidence(
      String key,
      String title,
      List<String> roles,
      String status,
      String evidenceUrl,
      String evidenceNote,
      String by,
      Instant at,
      List<Signer> signers) {}

  /** One role's signature. */
  public record Signer(String role, String by, Instant at) {}

  /** A go/no-go decision and the state of every requirement and step when it was made. */
  public record DecisionEvidence(
      int number,
      String decision,
      String rationale,
      String by,
      Instant at,
      String commit,
      String staleBecause,
      Snapshot snapshot) {}

  /** The frozen state a decision was made on. */
  public record Snapshot(
      List<SnapshotItem> requirements,
      List<SnapshotItem> steps,
      List<Signer> approvals,
      List<io.tollgate.release.FreezeOverrideUse> overrides) {}

  /** One requirement or step as it stood: {@code outcome} for deploy and check steps. */
  public record SnapshotItem(
      String key, String status, String outcome, String by, Instant at, String note) {}

  /** A deployment (or rollback) of the release and the checks that followed it there. */
  public record DeploymentEvidence(
      String environment,
      String version,
      String kind,
      String outcome,
      String verified,
      boolean rolledBack,
      String by,
      Instant at,
      List<CheckResult> checks) {}

  /** A smoke test or verification step for the deployment's environment, as it stands. */
  public record CheckResult(
      String step,
      String title,
      String kind,
      String status,
      String outcome,
      String by,
      Instant at,
      String note,
      String evidenceUrl) {}

  /** A handoff between roles and how long it waited to be acknowledged (null while it waits). */
  public record HandoffEvidence(
      String key,
      String from,
      String to,
      String status,
      String handedBy,
      Instant handedAt,
      String acknowledgedBy,
      Instant acknowledgedAt,
      Long waitSeconds) {}

  /** An incident of the release. */
  public record IncidentEvidence(
      String id,
      String severity,
      String summary,
      String status,
      String cause,
      String openedBy,
      Instant openedAt,
      String rootCause,
      List<String> actionItems,
      String resolvedBy,
      Instant resolvedAt) {}

  /**
   * The release's audit events and what verifies them: each event's {@code hash} is SHA-256 over
   * its {@code prevHash} followed by its {@code canonical} form; {@code checkpoint} signs {@code
   * head} with the key {@code publicKey} (Ed25519, over {@link Checkpoint#message()}); {@code
   * verification} is the server's re-computation of the whole chain against that checkpoint.
   */
  public record AuditEvidence(
      List<Event> events,
      Head head,
      Checkpoint checkpoint,
      AuditPublicKey publicKey,
      Verification verification) {}

  /** The chain's last event when the pack was made. */
  public record Head(long seq, String hash) {}

  /**
   * One audit event: {@code canonical} is the exact text hashed (form 1 or 2), {@code payload} the
   * same facts as {@code canonical}'s {@code details}, for reading.
   */
  public record Event(
      long seq,
      String type,
      String actor,
      String actorKind,
      Instant at,
      Map<String, Object> payload,
      String prevHash,
      String hash,
      int form,
      String canonical) {}
}
