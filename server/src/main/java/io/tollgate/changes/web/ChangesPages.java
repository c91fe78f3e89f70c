package io.tollgate.changes.web;

import io.tollgate.changes.ChangesManagement;
import io.tollgate.changes.ReleaseChanges;
import io.tollgate.release.Release;
import io.tollgate.release.ReleaseManagement;
import io.tollgate.shared.Actor;
import io.tollgate.shared.Invalid;
import io.tollgate.shared.Refused;
import io.tollgate.shared.web.Page;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriUtils;

/**
 * The release page's changes: commits grouped as Conventional Commits, merged pull requests, the
 * suggested type and version with the release manager's "use as notable changes" and "use as
 * migration steps", and the warnings shown before go. Loaded into the release page by htmx.
 */
@Controller
@Page
class ChangesPages {
  /** The notes fields a suggestion may fill, and which part of the suggestion fills them. */
  static final Map<String, String> FIELDS =
      Map.of("notableChanges", "notable changes", "migrationSteps", "migration steps");

  private final ChangesManagement changes;
  private final ReleaseManagement releases;

  ChangesPages(ChangesManagement changes, ReleaseManagement releases) {
    this.changes = changes;
    this.releases = releases;
  }

  @GetMapping("/releases/{id}/changes-panel")
  String panel(@AuthenticationPrincipal Actor me, @PathVariable String id, Model model) {
    Release release = releases.get(me, id);
    model.addAttribute("r", release);
    model.addAttribute("c", changes.view(release));
    model.addAttribute(
        "canUse",
        releases.participant(me, release.product()).holds(release.process().releaseManagerRole())
            && !release.status().isFinished());
    return "changes/panel :: panel";
  }

  @GetMapping("/releases/{id}/changes/warnings")
  String warnings(@AuthenticationPrincipal Actor me, @PathVariable String id, Model model) {
    Release release = releases.get(me, id);
    model.addAttribute("warnings", changes.view(release).warnings());
    return "changes/panel :: warnings";
  }

  /**
   * Copies a suggestion into the notes: the release manager's choice, as any notes edit (refused
   * like one, on the error page). The notes section of the release page shows the result.
   */
  @PostMapping("/releases/{id}/changes/use")
  String use(
      @AuthenticationPrincipal Actor me,
      @PathVariable String id,
      @RequestParam(defaultValue = "") String field) {
    if (!FIELDS.containsKey(field)) {
      throw Invalid.field("field", "Use notableChanges or migrationSteps.");
    }
    Release release = releases.get(me, id);
    ReleaseChanges c = changes.view(release);
    List<String> entries =
        field.equals("notableChanges")
            ? c.suggested().notableChanges()
            : c.suggested().migrationSteps();
    if (entries.isEmpty()) {
      throw Refused.because("There are no suggested " + FIELDS.get(field) + " to use.");
    }
    releases.updateNotes(me, id, Map.of(field, entries), null);
    return "redirect:/releases/"
        + UriUtils.encodePathSegment(id, StandardCharsets.UTF_8)
        + "#notes";
  }
}
