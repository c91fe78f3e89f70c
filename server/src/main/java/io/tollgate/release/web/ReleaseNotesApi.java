package io.tollgate.release.web;

import io.swagger.v3.oas.annotations.Operation;
import io.tollgate.notes.NotesRenderer;
import io.tollgate.release.Release;
import io.tollgate.release.ReleaseManagement;
import io.tollgate.shared.Actor;
import io.tollgate.shared.Invalid;
import io.tollgate.shared.web.IfMatch;
import io.tollgate.shared.web.ProblemStatuses;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A release's notes: read as JSON or rendered from the process's template (Markdown or HTML), and
 * written field by field (a release command: it answers the release).
 */
@RestController
@RequestMapping("/api/v1")
class ReleaseNotesApi {
  private final ReleaseManagement releases;
  private final NotesContexts contexts;
  private final ReleaseJson answer;

  ReleaseNotesApi(ReleaseManagement releases, NotesContexts contexts, ReleaseJson answer) {
    this.releases = releases;
    this.contexts = contexts;
    this.answer = answer;
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

  @Operation(
      operationId = "updateNotes",
      summary = "Write release-notes fields (each field by the role that owns it)")
  @ProblemStatuses({403, 404, 409, 422})
  @PutMapping(path = "/releases/{id}/notes", consumes = MediaType.APPLICATION_JSON_VALUE)
  @AnswersTheRelease
  ResponseEntity<byte[]> updateNotes(
      @AuthenticationPrincipal Actor actor,
      @PathVariable String id,
      @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
      @io.swagger.v3.oas.annotations.parameters.RequestBody(
              content =
                  @io.swagger.v3.oas.annotations.media.Content(
                      schema =
                          @io.swagger.v3.oas.annotations.media.Schema(
                              implementation = ReleaseAnswers.NotesChanges.class)))
          @RequestBody
          Map<String, Object> body) {
    Map<String, List<String>> changes = new LinkedHashMap<>();
    body.forEach((field, value) -> changes.put(field, entries(field, value)));
    return answer.ok(releases.updateNotes(actor, id, changes, IfMatch.revision(ifMatch)));
  }

  private static List<String> entries(String field, Object value) {
    if (value == null) return List.of();
    if (value instanceof String s) return List.of(s);
    if (value instanceof List<?> list) {
      List<String> out = new ArrayList<>();
      for (Object o : list) {
        if (!(o instanceof String s)) {
          throw Invalid.because("The notes field '" + field + "' takes text or a list of texts.");
        }
        out.add(s);
      }
      return out;
    }
    throw Invalid.because("The notes field '" + field + "' takes text or a list of texts.");
  }
}
