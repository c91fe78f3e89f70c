package io.tollgate.audit.web;

import io.swagger.v3.oas.annotations.Operation;
import io.tollgate.audit.AuditEvent;
import io.tollgate.audit.AuditLog;
import io.tollgate.audit.Verification;
import io.tollgate.shared.Actor;
import io.tollgate.shared.Forbidden;
import io.tollgate.shared.Invalid;
import io.tollgate.shared.web.ProblemStatuses;
import java.util.List;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The whole audit log and its verification, for the system administrator (and auditors with its
 * token).
 */
@RestController
@RequestMapping("/api/v1/audit")
class AuditApi {
  private final AuditLog audit;

  AuditApi(AuditLog audit) {
    this.audit = audit;
  }

  @Operation(
      operationId = "verifyAuditLog",
      summary = "Recompute the audit hash chain and report the first altered event (admin)")
  @ProblemStatuses(403)
  @GetMapping("/verify")
  Verification verify(@AuthenticationPrincipal Actor actor) {
    requireAdmin(actor);
    return audit.verify();
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
