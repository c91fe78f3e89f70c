package io.tollgate.changes.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.tollgate.changes.ChangelogExport;
import io.tollgate.shared.Actor;
import io.tollgate.shared.web.ProblemStatuses;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** A product's released versions as a Keep a Changelog file. */
@RestController
class ChangelogApi {
  static final String MARKDOWN = "text/markdown";

  private final ChangelogExport changelog;

  ChangelogApi(ChangelogExport changelog) {
    this.changelog = changelog;
  }

  @Operation(
      operationId = "getChangelog",
      summary = "A product's released versions, newest first, as a Keep a Changelog file (members)")
  @ApiResponse(
      responseCode = "200",
      description = "The changelog in Markdown",
      content = @Content(mediaType = MARKDOWN, schema = @Schema(type = "string")))
  @ProblemStatuses({403, 404})
  @GetMapping(path = "/api/v1/products/{key}/changelog", produces = MARKDOWN)
  ResponseEntity<String> get(@AuthenticationPrincipal Actor actor, @PathVariable String key) {
    return ResponseEntity.ok()
        .contentType(MediaType.parseMediaType(MARKDOWN + ";charset=UTF-8"))
        .body(changelog.markdown(actor, key));
  }
}
