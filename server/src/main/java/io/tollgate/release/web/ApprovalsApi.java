package io.tollgate.release.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.tollgate.release.Release;
import io.tollgate.release.ReleaseManagement;
import io.tollgate.shared.Actor;
import io.tollgate.shared.web.IfMatch;
import io.tollgate.shared.web.ProblemStatuses;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Approving a release for its go decision: the approvals its process asks for ({@code approvals}, a
 * quorum per role), each from a different person, none of them the release's requester.
 */
@RestController
@RequestMapping("/api/v1")
class ApprovalsApi {
  private final ReleaseManagement releases;
  private final ReleaseJson answers;

  ApprovalsApi(ReleaseManagement releases, ReleaseJson answers) {
    this.releases = releases;
    this.answers = answers;
  }

  /**
   * @param role the role the approval counts for; without it, the first role asked for that the
   *     caller holds and that still needs approvals
   * @param comment what the approver says, kept with the approval
   */
  record ApprovalBody(String role, String comment) {}

  @Operation(
      operationId = "approveRelease",
      summary =
          "Approve a release for its go decision (a holder of a role its process asks approvals"
              + " of; not the person who planned it)")
  @ApiResponse(
      responseCode = "201",
      description = "The approval is recorded: the release as it stands now, its revision as ETag.",
      content =
          @Content(
              mediaType = "application/json",
              schema = @Schema(implementation = ReleaseView.class)))
  @ProblemStatuses({403, 404, 409, 422})
  @ResponseStatus(HttpStatus.CREATED) // what the OpenAPI document says it answers
  @PostMapping("/releases/{id}/approvals")
  ResponseEntity<byte[]> approve(
      @AuthenticationPrincipal Actor actor,
      @PathVariable String id,
      @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
      @RequestBody(required = false) ApprovalBody body) {
    ApprovalBody b = body == null ? new ApprovalBody(null, null) : body;
    Release release = releases.approve(actor, id, b.role(), b.comment(), IfMatch.revision(ifMatch));
    return answers.created(release);
  }
}
