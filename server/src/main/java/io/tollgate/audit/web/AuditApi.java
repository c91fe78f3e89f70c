package io.tollgate.audit.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.tollgate.audit.AuditCheckpoints;
import io.tollgate.audit.AuditEvent;
import io.tollgate.audit.AuditLog;
import io.tollgate.audit.AuditPublicKey;
import io.tollgate.audit.Checkpoint;
import io.tollgate.audit.Verification;
import io.tollgate.shared.Actor;
import io.tollgate.shared.BadRequest;
import io.tollgate.shared.Forbidden;
import io.tollgate.shared.Invalid;
import io.tollgate.shared.web.ProblemStatuses;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
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
      @AuthenticationPrincipal Actor actor, @RequestBody(required = false) CheckpointBody body) {
    requireAdmin(actor);
    if (body == null) throw BadRequest.missing("checkpoint");
    if (body.seq() == null
        || body.hash() == null
        || body.at() == null
        || body.signature() == null) {
      throw Invalid.because("A checkpoint needs seq, hash, at and signature (as exported).");
    }
    return audit.verify(
        new Checkpoint(body.seq(), body.hash(), body.at(), body.keyId(), body.signature()));
  }

  /**
   * A checkpoint as posted: every field optional at reading, so that who may call is decided before
   * what is missing (a non-admin's empty body is 403, not 400).
   */
  record CheckpointBody(Long seq, String hash, String at, String keyId, String signature) {}

  /** A checkpoint of the chain's head now, signed with the audit key. */
  @Operation(
      operationId = "getAuditCheckpoint",
      summary = "A checkpoint of the audit chain's head, signed with the audit key (admin)")
  @ProblemStatuses(403)
  @GetMapping("/checkpoint")
  Checkpoint checkpoint(@AuthenticationPrincipal Actor actor) {
    requireAdmin(actor);
    audit.awaitChained(); // the head includes what was committed before the request
    return checkpoints.current();
  }

  /**
   * The public key that verifies checkpoints: PEM as plain text (for {@code openssl pkeyutl
   * -verify}), or, when the caller prefers JSON ({@code Accept: application/json}), its {@link
   * AuditPublicKey} form. Any other Accept gets the plain text.
   */
  @Operation(
      operationId = "getAuditPublicKey",
      summary =
          "The public key (PEM, or JSON with its key id) that verifies audit checkpoints (admin)")
  @ApiResponse(
      responseCode = "200",
      description = "The public key",
      content = {
        @Content(
            mediaType = MediaType.TEXT_PLAIN_VALUE,
            schema = @Schema(type = "string", description = "PEM")),
        @Content(
            mediaType = MediaType.APPLICATION_JSON_VALUE,
            schema = @Schema(implementation = AuditPublicKey.class))
      })
  @ProblemStatuses(403)
  @GetMapping(
      path = "/public-key",
      produces = {MediaType.TEXT_PLAIN_VALUE, MediaType.APPLICATION_JSON_VALUE})
  ResponseEntity<?> publicKey(
      @AuthenticationPrincipal Actor actor,
      @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept) {
    requireAdmin(actor);
    if (prefersJson(accept)) {
      return ResponseEntity.ok()
          .contentType(MediaType.APPLICATION_JSON)
          .body(checkpoints.publicKey());
    }
    return ResponseEntity.ok().contentType(MediaType.TEXT_PLAIN).body(checkpoints.publicKeyPem());
  }

  /**
   * JSON only when the caller ranks it above plain text: by quality, then in the order written (an
   * unreadable Accept gets plain text).
   */
  static boolean prefersJson(String accept) {
    if (accept == null || accept.isBlank()) return false;
    List<MediaType> types;
    try {
      types = new java.util.ArrayList<>(MediaType.parseMediaTypes(accept));
    } catch (org.springframework.http.InvalidMediaTypeException e) {
      return false;
    }
    types.sort(java.util.Comparator.comparingDouble(MediaType::getQualityValue).reversed());
    for (MediaType type : types) {
      if (type.getQualityValue() == 0) continue;
      if (type.isCompatibleWith(MediaType.TEXT_PLAIN)) return false;
      if (type.isCompatibleWith(MediaType.APPLICATION_JSON)) return true;
    }
    return false;
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
    audit.awaitChained(); // a client sees the events of the commands it was answered
    return audit.all(after, limit);
  }

  private static void requireAdmin(Actor actor) {
    if (!actor.admin())
      throw Forbidden.because("The full audit log is for the system administrator.");
  }
}
