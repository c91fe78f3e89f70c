package io.tollgate.release.web;

import io.tollgate.notes.NotesRenderer;
import io.tollgate.notes.ReleaseNotes;
import io.tollgate.release.Release;
import io.tollgate.release.ReleaseManagement;
import io.tollgate.shared.Actor;
import io.tollgate.shared.TollgateException;
import io.tollgate.shared.web.Page;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;

/** The notes editor of a release: each field editable by its owner role, with a live preview. */
@Controller
@Page
class ReleaseNotesPages {
  private final ReleaseManagement releases;
  private final NotesContexts contexts;

  ReleaseNotesPages(ReleaseManagement releases, NotesContexts contexts) {
    this.releases = releases;
    this.contexts = contexts;
  }

  @GetMapping("/releases/{id}/notes")
  String notes(@AuthenticationPrincipal Actor me, @PathVariable String id, Model model) {
    Release release = releases.get(me, id);
    notesModel(me, release, model);
    return "release/notes";
  }

  @PostMapping("/releases/{id}/notes")
  String saveNotes(
      @AuthenticationPrincipal Actor me,
      @PathVariable String id,
      @RequestParam Map<String, String> form,
      Model model) {
    Release release = releases.get(me, id);
    Map<String, List<String>> changes = changes(me, release, form);
    try {
      release = releases.updateNotes(me, id, changes, null);
      model.addAttribute("saved", true);
    } catch (TollgateException refused) {
      model.addAttribute("refusal", refused);
    }
    notesModel(me, release, model);
    return "release/notes";
  }

  @PostMapping("/releases/{id}/notes/preview")
  String preview(
      @AuthenticationPrincipal Actor me,
      @PathVariable String id,
      @RequestParam Map<String, String> form,
      Model model) {
    Release release = releases.get(me, id);
    ReleaseNotes draft = release.notes();
    for (var sent : submitted(release, form).entrySet()) {
      draft = draft.with(sent.getKey(), sent.getValue());
    }
    model.addAttribute(
        "previewHtml", NotesRenderer.html(release.process().notes(), contexts.of(release), draft));
    return "release/notes :: preview";
  }

  @GetMapping(path = "/releases/{id}/notes.md")
  @ResponseBody
  ResponseEntity<String> download(@AuthenticationPrincipal Actor me, @PathVariable String id) {
    Release release = releases.get(me, id);
    return ResponseEntity.ok()
        .contentType(MediaType.parseMediaType("text/markdown;charset=UTF-8"))
        .header(
            HttpHeaders.CONTENT_DISPOSITION,
            "attachment; filename=\""
                + release.product()
                + "-"
                + release.version()
                + "-release-notes.md\"")
        .body(
            NotesRenderer.markdown(
                release.process().notes(), contexts.of(release), release.notes()));
  }

  private void notesModel(Actor me, Release release, Model model) {
    var actions = releases.actionsFor(me, release);
    Map<String, Boolean> editable = new LinkedHashMap<>();
    for (var field : release.process().notes().fields()) {
      editable.put(field.key(), actions.offered("notes", field.key()));
    }
    model.addAttribute("r", release);
    model.addAttribute("fields", release.process().notes().fields());
    model.addAttribute("editable", editable);
    model.addAttribute(
        "values",
        release.process().notes().fields().stream()
            .collect(
                LinkedHashMap::new,
                (m, f) -> m.put(f.key(), String.join("\n", release.notes().get(f.key()))),
                Map::putAll));
    model.addAttribute(
        "missing", release.notes().missing(release.process().notes(), release.type()));
    model.addAttribute(
        "previewHtml",
        NotesRenderer.html(release.process().notes(), contexts.of(release), release.notes()));
  }

  private Map<String, List<String>> changes(Actor me, Release release, Map<String, String> form) {
    var actions = releases.actionsFor(me, release);
    Map<String, List<String>> changes = new LinkedHashMap<>();
    // Fields the person may not edit are sent as disabled inputs (not submitted). A forged one is
    // passed on, and the aggregate refuses it.
    submitted(release, form)
        .forEach(
            (key, entries) -> {
              if (actions.offered("notes", key) || !entries.equals(release.notes().get(key))) {
                changes.put(key, entries);
              }
            });
    return changes;
  }

  /** The notes fields of the release's template that the form sends, as entries (one a line). */
  private static Map<String, List<String>> submitted(Release release, Map<String, String> form) {
    Map<String, List<String>> sent = new LinkedHashMap<>();
    for (var field : release.process().notes().fields()) {
      if (form.containsKey(field.key())) sent.put(field.key(), lines(form.get(field.key())));
    }
    return sent;
  }

  static List<String> lines(String text) {
    if (text == null) return List.of();
    return Arrays.stream(text.split("\\R")).map(String::strip).filter(s -> !s.isEmpty()).toList();
  }
}
