package io.tollgate.audit.web;

import io.swagger.v3.oas.annotations.Operation;
import io.tollgate.audit.AuditCheckpoints;
import io.tollgate.audit.AuditEvent;
import io.tollgate.audit.AuditLog;
import io.tollgate.audit.Checkpoint;
import io.tollgate.audit.Verification;
import io.tollgate.shared.Actor;
import io.tollgate.shared.BadRequest;
import io.tollgate.shared.Forbidden;
import io.tollgate.shared.Invalid;
import io.tollgate.shared.web.ProblemStatuses;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The whole audit log, its verification (optionally against a signed checkpoint) and its
 * checkpoints, for the system administrator (and auditors with its token).
 */
@RestController
@RequestMapping("/api/v1/audit")
class AuditApi {
  private final AuditLog audit;
  private final AuditCheckpoints checkpoints;

  AuditApi(AuditLog audit, AuditCheckpoints checkpoints) {
    this.audit = audit;
    this.checkpoints = checkpoints;
  }

  /**
   * Re-computes the chain; with a checkpoint's {@code seq}, {@code hash}, {@code at} and {@code
   * signature} (and optionally {@code keyId}) also against that checkpoint.
   */
  @Operation(
      operationId = "verifyAuditLog",
      summary =
          "Recompute the audit hash chain, optionally against a signed checkpoint, and report"
              + " the first altered event (admin)")
  @ProblemStatuses({403, 422})
  @GetMapping("/verify")
  Verification verify(
      @AuthenticationPrincipal Actor actor,
      @RequestParam(required = false) Long seq,
      @RequestParam(required = false) String hash,
      @RequestParam(required = false) String at,
      @RequestParam(required = false) String keyId,
      @RequestParam(required = false) String signature) {
    requireAdmin(actor);
    if (seq == null && hash == null && at == null && signature == null) return audit.verify();
    if (seq == null || hash == null || at == null || signature == null) {
      throw Invalid.because(
          "A checkpoint needs seq, hash, at and signature (as exported); give all four or none.");
    }
    return audit.verify(new Checkpoint(seq, hash, at, keyId, signature));
  }

  /** Re-computes the chain against the checkpoint in the body (as exported). */
  @Operation(
      operationId = "verifyAuditCheckpoint",
      summary = "Recompute the audit hash chain against a signed checkpoint in the body (admin)")
  @ProblemStatuses({403, 422})
  @PostMapping("/verify")
  Verification verifyCheckpoint(
      @AuthenticationPrincipal Actor actor, @RequestBody(required = false) Checkpoint checkpoint) {
    requireAdmin(actor);
    if (checkpoint == null) throw BadRequest.missing("checkpoint");
    if (checkpoint.hash() == null || checkpoint.at() == null || checkpoint.signature() == null) {
      throw Invalid.because("A checkpoint needs seq, hash, at and signature (as exported).");
    }
    return audit.verify(checkpoint);
  }

  /** A checkpoint of the chain's head now, signed with the audit key. */
  @Operation(
      operationId = "getAuditCheckpoint",
      summary = "A checkpoint of the audit chain's head, signed with the audit key (admin)")
  @ProblemStatuses(403)
  @GetMapping("/checkpoint")
  Checkpoint checkpoint(@AuthenticationPrincipal Actor actor) {
    requireAdmin(actor);
    return checkpoints.current();
  }

  /** The public key that verifies checkpoints (PEM, for {@code openssl pkeyutl -verify}). */
  @Operation(
      operationId = "getAuditPublicKey",
      summary = "The public key (PEM) that verifies audit checkpoints (admin)")
  @ProblemStatuses(403)
  @GetMapping(path = "/public-key", produces = MediaType.TEXT_PLAIN_VALUE)
  String publicKey(@AuthenticationPrincipal Actor actor) {
    requireAdmin(actor);
    return checkpoints.publicKeyPem();
  }

  @Operation(operationId = "listAuditEvents", summary = "Page through the whole audit log (admin)")
  @ProblemStatuses({403, 422})
  @GetMapping
  List<AuditEvent> events(
      @AuthenticationPrincipal Actor actor,
      @RequestParam(defaultValue = "0") long after,
      @RequestParam(defaultValue = "100") int limit) {
    requireAdmin(actor);
    if (limit < 1 || limit > 1000) throw Invalid.because("limit is between 1 and 1000.");
    return audit.all(after, limit);
  }

  private static void requireAdmin(Actor actor) {
    if (!actor.admin())
      throw Forbidden.because("The full audit log is for the system administrator.");
  }
}
