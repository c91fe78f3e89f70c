package io.tollgate.release.web;

import io.swagger.v3.oas.annotations.Operation;
import io.tollgate.audit.AuditLog;
import io.tollgate.release.Evidence;
import io.tollgate.release.NewRelease;
import io.tollgate.release.Release;
import io.tollgate.release.ReleaseManagement;
import io.tollgate.release.ReleasePage;
import io.tollgate.release.Window;
import io.tollgate.shared.Actor;
import io.tollgate.shared.web.IfMatch;
import io.tollgate.shared.web.ProblemStatuses;
import java.time.Instant;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The release endpoints of REST contract v1. */
@RestController
@RequestMapping("/api/v1")
class ReleaseApi {
  private final ReleaseManagement releases;
  private final ReleaseJson answer;
  private final AuditLog audit;
  private final io.tollgate.release.ReleaseFreezes freezes;
  private final tools.jackson.databind.json.JsonMapper json;

  ReleaseApi(
      ReleaseManagement releases,
      ReleaseJson answer,
      AuditLog audit,
      tools.jackson.databind.json.JsonMapper json,
      io.tollgate.release.ReleaseFreezes freezes) {
    this.freezes = freezes;
    this.releases = releases;
    this.answer = answer;
    this.audit = audit;
    this.json = json;
  }

  record WindowBody(Instant start, Instant end) {}

  /** {@code commit} and {@code ref}: what the release is built from (optional). */
  record CreateBody(
      String type,
      String version,
      String name,
      String summary,
      WindowBody window,
      String commit,
      String ref) {}

  record EvidenceBody(String url, String note) {
    Evidence toEvidence() {
      return Evidence.of(url, note);
    }
  }

  record MeetBody(EvidenceBody evidence) {}

  record CompleteBody(String note, EvidenceBody evidence, String outcome) {}

  record ReasonBody(String reason) {}

  /** {@code replaces}: the number of the latest decision this one replaces (compare-and-set). */
  record DecisionBody(String decision, String rationale, Integer replaces) {}

  @Operation(
      operationId = "createRelease",
      summary = "Plan a release of a product (its release manager)")
  @ProblemStatuses({403, 404, 409, 422})
  @ResponseStatus(HttpStatus.CREATED) // what the OpenAPI document says it answers
  @PostMapping(path = "/products/{key}/releases", consumes = MediaType.APPLICATION_JSON_VALUE)
  @AnswersTheRelease
  ResponseEntity<byte[]> create(
      @AuthenticationPrincipal Actor actor,
      @PathVariable String key,
      @RequestBody CreateBody body) {
    Window window =
        body.window() == null ? null : new Window(body.window().start(), body.window().end());
    Release release =
        releases.plan(
            actor,
            key,
            new NewRelease(
                body.type(),
                body.version(),
                body.name(),
                body.summary(),
                window,
                null,
                body.commit(),
                body.ref()));
    return answer.created(release, freezes.windowWarnings(release));
  }

  @Operation(
      operationId = "listReleases",
      summary = "List a product's releases, newest first, by page")
  @ProblemStatuses({403, 404, 422})
  @GetMapping("/products/{key}/releases")
  ReleaseAnswers.Page list(
      @AuthenticationPrincipal Actor actor,
      @PathVariable String key,
      @RequestParam(required = false) String status,
      @RequestParam(defaultValue = "0") int page,
      @RequestParam(defaultValue = "20") int size) {
    ReleasePage result =
        releases.list(actor, key, status == null || status.isBlank() ? null : status, page, size);
    return new ReleaseAnswers.Page(
        result.items().stream().map(ReleaseAnswers.Summary::of).toList(),
        result.page(),
        result.size(),
        result.total());
  }

  @Operation(operationId = "getRelease", summary = "Read a release")
  @ProblemStatuses(404) // to anyone outside the product, the release does not exist
  @GetMapping("/releases/{id}")
  @AnswersTheRelease
  ResponseEntity<byte[]> get(@AuthenticationPrincipal Actor actor, @PathVariable String id) {
    return answer.read(() -> releases.get(actor, id));
  }

  @Operation(
      operationId = "meetRequirement",
      summary = "Meet (or sign) a requirement, with evidence (its owner)")
  @ProblemStatuses({403, 404, 409, 422})
  @PostMapping("/releases/{id}/requirements/{key}/meet")
  @AnswersTheRelease
  ResponseEntity<byte[]> meet(
      @AuthenticationPrincipal Actor actor,
      @PathVariable String id,
      @PathVariable String key,
      @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
      @RequestBody(required = false) MeetBody body) {
    Evidence evidence =
        body == null || body.evidence() == null ? Evidence.NONE : body.evidence().toEvidence();
    return ok(releases.meet(actor, id, key, evidence, IfMatch.revision(ifMatch)));
  }

  @Operation(
      operationId = "completeStep",
      summary = "Complete a checklist step, with its outcome where it has one (its owner)")
  @ProblemStatuses({403, 404, 409, 422})
  @PostMapping("/releases/{id}/steps/{key}/complete")
  @AnswersTheRelease
  ResponseEntity<byte[]> complete(
      @AuthenticationPrincipal Actor actor,
      @PathVariable String id,
      @PathVariable String key,
      @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
      @RequestBody(required = false) CompleteBody body) {
    CompleteBody b = body == null ? new CompleteBody(null, null, null) : body;
    return ok(
        releases.complete(
            actor,
            id,
            key,
            b.note(),
            b.evidence() == null ? null : b.evidence().toEvidence(),
            b.outcome(),
            IfMatch.revision(ifMatch)));
  }

  @Operation(operationId = "skipStep", summary = "Skip an optional step, with a reason (its owner)")
  @ProblemStatuses({403, 404, 409, 422})
  @PostMapping("/releases/{id}/steps/{key}/skip")
  @AnswersTheRelease
  ResponseEntity<byte[]> skip(
      @AuthenticationPrincipal Actor actor,
      @PathVariable String id,
      @PathVariable String key,
      @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
      @RequestBody(required = false) ReasonBody body) {
    return ok(
        releases.skip(
            actor, id, key, body == null ? null : body.reason(), IfMatch.revision(ifMatch)));
  }

  @Operation(
      operationId = "decide",
      summary = "Decide go or no-go, with a rationale (the release manager)")
  @ProblemStatuses({403, 404, 409, 422})
  @PostMapping("/releases/{id}/decision")
  @AnswersTheRelease
  ResponseEntity<byte[]> decide(
      @AuthenticationPrincipal Actor actor,
      @PathVariable String id,
      @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
      @RequestBody DecisionBody body) {
    return ok(
        releases.decide(
            actor,
            id,
            body.decision(),
            body.rationale(),
            body.replaces(),
            IfMatch.revision(ifMatch)));
  }

  @Operation(
      operationId = "acknowledgeHandoff",
      summary = "Acknowledge a handoff (the receiving role)")
  @ProblemStatuses({403, 404, 409})
  @PostMapping("/releases/{id}/handoffs/{key}/acknowledge")
  @AnswersTheRelease
  ResponseEntity<byte[]> acknowledge(
      @AuthenticationPrincipal Actor actor,
      @PathVariable String id,
      @PathVariable String key,
      @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
    return ok(releases.acknowledge(actor, id, key, IfMatch.revision(ifMatch)));
  }

  @Operation(
      operationId = "cancelRelease",
      summary = "Cancel a release before production, with a reason (the release manager)")
  @ProblemStatuses({403, 404, 409})
  @PostMapping("/releases/{id}/cancel")
  @AnswersTheRelease
  ResponseEntity<byte[]> cancel(
      @AuthenticationPrincipal Actor actor,
      @PathVariable String id,
      @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
      @RequestBody(required = false) ReasonBody body) {
    return ok(
        releases.cancel(actor, id, body == null ? null : body.reason(), IfMatch.revision(ifMatch)));
  }

  @Operation(
      operationId = "getReleaseAudit",
      summary = "Read a release's audit events, with their hashes")
  @ProblemStatuses(404) // to anyone outside the product, the release does not exist
  @GetMapping("/releases/{id}/audit")
  List<ReleaseAnswers.AuditEntry> audit(
      @AuthenticationPrincipal Actor actor, @PathVariable String id) {
    releases.get(actor, id);
    return audit.forRelease(id).stream()
        .map(e -> ReleaseAnswers.AuditEntry.of(e, json.readTree(e.details())))
        .toList();
  }

  private ResponseEntity<byte[]> ok(Release release) {
    return answer.ok(release);
  }
}
