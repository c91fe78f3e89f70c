package io.tollgate.release.web;

import io.swagger.v3.oas.annotations.Operation;
import io.tollgate.notes.NotesRenderer;
import io.tollgate.release.Release;
import io.tollgate.release.ReleaseManagement;
import io.tollgate.shared.Actor;
import io.tollgate.shared.web.ProblemStatuses;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Reading a release's notes, as JSON or rendered from the process's template (Markdown or HTML);
 * changing them is a release command in {@link ReleaseApi}.
 */
@RestController
@RequestMapping("/api/v1")
class ReleaseNotesApi {
  private final ReleaseManagement releases;
  private final NotesContexts contexts;

  ReleaseNotesApi(ReleaseManagement releases, NotesContexts contexts) {
    this.releases = releases;
    this.contexts = contexts;
  }

  @Operation(
      operationId = "getNotes",
      summary = "Read the release notes: as JSON, or rendered as Markdown or HTML")
  @ProblemStatuses(404)
  @GetMapping(path = "/releases/{id}/notes", produces = MediaType.APPLICATION_JSON_VALUE)
  ReleaseAnswers.Notes notesJson(@AuthenticationPrincipal Actor actor, @PathVariable String id) {
    Release release = releases.get(actor, id);
    return new ReleaseAnswers.Notes(
        ReleaseView.notes(release.process(), release.notes()),
        release.notes().isComplete(release.process().notes(), release.type()),
        NotesRenderer.markdown(release.process().notes(), contexts.of(release), release.notes()));
  }

  @Operation(
      operationId = "getNotes",
      summary = "Read the release notes: as JSON, or rendered as Markdown or HTML")
  @ProblemStatuses(404)
  @GetMapping(path = "/releases/{id}/notes", produces = "text/markdown")
  ResponseEntity<String> notesMarkdown(
      @AuthenticationPrincipal Actor actor, @PathVariable String id) {
    Release release = releases.get(actor, id);
    return ResponseEntity.ok()
        .contentType(MediaType.parseMediaType("text/markdown;charset=UTF-8"))
        .header(
            HttpHeaders.CONTENT_DISPOSITION,
            "inline; filename=\"" + release.product() + "-" + release.version() + "-notes.md\"")
        .body(
            NotesRenderer.markdown(
                release.process().notes(), contexts.of(release), release.notes()));
  }

  @Operation(
      operationId = "getNotes",
      summary = "Read the release notes: as JSON, or rendered as Markdown or HTML")
  @ProblemStatuses(404)
  @GetMapping(path = "/releases/{id}/notes", produces = MediaType.TEXT_HTML_VALUE)
  ResponseEntity<String> notesHtml(@AuthenticationPrincipal Actor actor, @PathVariable String id) {
    Release release = releases.get(actor, id);
    return ResponseEntity.ok()
        .contentType(MediaType.parseMediaType("text/html;charset=UTF-8"))
        .body(NotesRenderer.html(release.process().notes(), contexts.of(release), release.notes()));
  }
}
