package io.tollgate.release.web;

import io.swagger.v3.oas.annotations.Operation;
import io.tollgate.release.ReleaseManagement;
import io.tollgate.shared.Actor;
import io.tollgate.shared.web.IfMatch;
import io.tollgate.shared.web.ProblemStatuses;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/** {@code PATCH /api/v1/releases/{id}}: what the release is built from (commit and ref). */
@RestController
class ReleaseSourceApi {
  private final ReleaseManagement releases;
  private final ReleaseJson answer;

  ReleaseSourceApi(ReleaseManagement releases, ReleaseJson answer) {
    this.releases = releases;
    this.answer = answer;
  }

  /** A part left out (or null) stays as it is. */
  record PatchBody(String commit, String ref) {}

  @Operation(
      operationId = "updateRelease",
      summary =
          "Name the commit and ref a release is built from (its release manager; not after"
              + " production). A new commit after go makes the go stale.")
  @ProblemStatuses({403, 404, 409, 422})
  @PatchMapping(path = "/api/v1/releases/{id}", consumes = MediaType.APPLICATION_JSON_VALUE)
  @AnswersTheRelease
  ResponseEntity<byte[]> patch(
      @AuthenticationPrincipal Actor actor,
      @PathVariable String id,
      @RequestBody PatchBody body,
      @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
    return answer.ok(
        releases.changeSource(actor, id, body.commit(), body.ref(), IfMatch.revision(ifMatch)));
  }
}
