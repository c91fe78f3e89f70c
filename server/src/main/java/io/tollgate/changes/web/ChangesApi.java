package io.tollgate.changes.web;

import io.swagger.v3.oas.annotations.Operation;
import io.tollgate.changes.ChangesManagement;
import io.tollgate.changes.NewCommit;
import io.tollgate.changes.ReleaseChanges;
import io.tollgate.shared.Actor;
import io.tollgate.shared.web.ProblemStatuses;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** A release's commits, as Conventional Commits, and what they suggest. */
@RestController
@RequestMapping("/api/v1")
class ChangesApi {
  private final ChangesManagement changes;

  ChangesApi(ChangesManagement changes) {
    this.changes = changes;
  }

  /** Up to 100 commits per call, oldest first; commits the release has already are skipped. */
  record Body(List<NewCommit> commits) {}

  @Operation(
      operationId = "addChanges",
      summary =
          "Add commits to a release, oldest first (its release manager, a developer, or their"
              + " pipeline token); answers the release's changes")
  @ProblemStatuses({403, 404, 409, 422})
  @PostMapping(path = "/releases/{id}/changes", consumes = MediaType.APPLICATION_JSON_VALUE)
  ReleaseChanges add(
      @AuthenticationPrincipal Actor actor, @PathVariable String id, @RequestBody Body body) {
    return changes.add(actor, id, body.commits());
  }

  @Operation(
      operationId = "getChanges",
      summary =
          "A release's commits grouped as Conventional Commits, merged pull requests, and the"
              + " suggested type, version, notable changes and migration steps")
  @ProblemStatuses({403, 404})
  @GetMapping("/releases/{id}/changes")
  ReleaseChanges get(@AuthenticationPrincipal Actor actor, @PathVariable String id) {
    return changes.view(actor, id);
  }
}
