package io.tollgate.release.web;

import io.tollgate.audit.AuditLog;
import io.tollgate.identity.UserManagement;
import io.tollgate.notes.NotesContext;
import io.tollgate.notes.NotesRenderer;
import io.tollgate.product.Product;
import io.tollgate.product.ProductManagement;
import io.tollgate.release.Evidence;
import io.tollgate.release.IncidentLookup;
import io.tollgate.release.NewRelease;
import io.tollgate.release.Release;
import io.tollgate.release.ReleaseManagement;
import io.tollgate.release.Window;
import io.tollgate.shared.Actor;
import io.tollgate.shared.Invalid;
import io.tollgate.shared.TollgateException;
import io.tollgate.shared.web.Fmt;
import io.tollgate.shared.web.Page;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
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

/**
 * The release page, creating a release, and the notes editor. Every form goes through {@link
 * ReleaseManagement}; a refusal is shown in place with its reason and blockers.
 */
@Controller
@Page
class ReleasePages {
  private final ReleaseManagement releases;
  private final ProductManagement products;
  private final IncidentLookup incidents;
  private final AuditLog audit;
  private final UserManagement users;
  private final Fmt fmt;

  ReleasePages(
      ReleaseManagement releases,
      ProductManagement products,
      IncidentLookup incidents,
      AuditLog audit,
      UserManagement users,
      Fmt fmt) {
    this.releases = releases;
    this.products = products;
    this.incidents = incidents;
    this.audit = audit;
    this.users = users;
    this.fmt = fmt;
  }

  @GetMapping("/releases/{id}")
  String page(@AuthenticationPrincipal Actor me, @PathVariable String id, Model model) {
    fill(me, releases.get(me, id), model);
    return "release/release";
  }

  @GetMapping("/releases/{id}/main")
  String main(@AuthenticationPrincipal Actor me, @PathVariable String id, Model model) {
    fill(me, releases.get(me, id), model);
    return "release/release :: releaseMain";
  }

  @PostMapping("/releases/{id}/requirements/{key}/meet")
  String meet(
      @AuthenticationPrincipal Actor me,
      @PathVariable String id,
      @PathVariable String key,
      @RequestParam(required = false) String url,
      @RequestParam(required = false) String note,
      HttpServletRequest request,
      Model model) {
    return act(
        me,
        id,
        "meet:" + key,
        request,
        model,
        () -> releases.meet(me, id, key, Evidence.of(blank(url), blank(note)), null));
  }

  @PostMapping("/releases/{id}/steps/{key}/complete")
  String complete(
      @AuthenticationPrincipal Actor me,
      @PathVariable String id,
      @PathVariable String key,
      @RequestParam(required = false) String note,
      @RequestParam(required = false) String url,
      @RequestParam(required = false) String outcome,
      HttpServletRequest request,
      Model model) {
    Evidence evidence = blank(url) == null ? null : Evidence.of(blank(url), null);
    return act(
        me,
        id,
        "complete:" + key,
        request,
        model,
        () -> releases.complete(me, id, key, blank(note), evidence, blank(outcome), null));
  }

  @PostMapping("/releases/{id}/steps/{key}/skip")
  String skip(
      @AuthenticationPrincipal Actor me,
      @PathVariable String id,
      @PathVariable String key,
      @RequestParam(required = false) String reason,
      HttpServletRequest request,
      Model model) {
    return act(
        me,
        id,
        "skip:" + key,
        request,
        model,
        () -> releases.skip(me, id, key, blank(reason), null));
  }

  @PostMapping("/releases/{id}/decision")
  String decide(
      @AuthenticationPrincipal Actor me,
      @PathVariable String id,
      @RequestParam String decision,
      @RequestParam(required = false) String rationale,
      HttpServletRequest request,
      Model model) {
    return act(
        me,
        id,
        "decide",
        request,
        model,
        () -> releases.decide(me, id, decision, blank(rationale), null));
  }

  @PostMapping("/releases/{id}/handoffs/{key}/acknowledge")
  String acknowledge(
      @AuthenticationPrincipal Actor me,
      @PathVariable String id,
      @PathVariable String key,
      HttpServletRequest request,
      Model model) {
    return act(
        me,
        id,
        "acknowledge:" + key,
        request,
        model,
        () -> releases.acknowledge(me, id, key, null));
  }

  @PostMapping("/releases/{id}/cancel")
  String cancel(
      @AuthenticationPrincipal Actor me,
      @PathVariable String id,
      @RequestParam(required = false) String reason,
      HttpServletRequest request,
      Model model) {
    return act(
        me, id, "cancel", request, model, () -> releases.cancel(me, id, blank(reason), null));
  }

  // ------------------------------------------------------------------ notes

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
    io.tollgate.notes.ReleaseNotes draft = release.notes();
    for (var field : release.process().notes().fields()) {
      if (form.containsKey(field.key())) {
        draft = draft.with(field.key(), lines(form.get(field.key())));
      }
    }
    model.addAttribute(
        "previewHtml", NotesRenderer.html(release.process().notes(), context(release), draft));
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
        .body(NotesRenderer.markdown(release.process().notes(), context(release), release.notes()));
  }

  // ------------------------------------------------------------------ create

  @GetMapping("/products/{key}/releases/new")
  String newRelease(
      @AuthenticationPrincipal Actor me,
      @PathVariable String key,
      @RequestParam(defaultValue = "minor") String type,
      Model model) {
    Product product = products.get(me, key);
    model.addAttribute("product", product);
    model.addAttribute("type", type);
    model.addAttribute("proposed", proposed(me, key, type));
    model.addAttribute("form", Map.of());
    return "release/new";
  }

  @GetMapping("/products/{key}/releases/next-version")
  String nextVersion(
      @AuthenticationPrincipal Actor me,
      @PathVariable String key,
      @RequestParam String type,
      Model model) {
    model.addAttribute("proposed", proposed(me, key, type));
    return "release/new :: proposed";
  }

  @PostMapping("/products/{key}/releases")
  String create(
      @AuthenticationPrincipal Actor me,
      @PathVariable String key,
      @RequestParam Map<String, String> form,
      Model model) {
    try {
      Window window = window(form.get("windowStart"), form.get("windowEnd"));
      Release release =
          releases.plan(
              me,
              key,
              new NewRelease(
                  form.get("type"),
                  blank(form.get("version")),
                  blank(form.get("name")),
                  blank(form.get("summary")),
                  window,
                  null));
      return "redirect:/releases/" + release.id();
    } catch (TollgateException refused) {
      model.addAttribute("product", products.get(me, key));
      model.addAttribute("type", form.getOrDefault("type", "minor"));
      model.addAttribute("proposed", proposed(me, key, form.getOrDefault("type", "minor")));
      model.addAttribute("form", form);
      model.addAttribute("refusal", refused);
      return "release/new";
    }
  }

  // ------------------------------------------------------------------ helpers

  private String act(
      Actor me, String id, String at, HttpServletRequest request, Model model, Runnable command) {
    try {
      command.run();
    } catch (TollgateException refused) {
      model.addAttribute("refusal", refused);
      model.addAttribute("refusalAt", at);
    }
    fill(me, releases.get(me, id), model);
    boolean htmx = request.getHeader("HX-Request") != null;
    if (!htmx && !model.containsAttribute("refusal")) {
      return "redirect:/releases/" + id;
    }
    return htmx ? "release/release :: releaseMain" : "release/release";
  }

  private void fill(Actor me, Release release, Model model) {
    Product product = products.find(release.product());
    boolean member = !releases.participant(me, release.product()).roles().isEmpty();
    model.addAttribute("r", release);
    model.addAttribute(
        "m",
        ReleasePageModel.of(
            release,
            releases.actionsFor(me, release),
            release.incidents(),
            incidents.openIncidents(List.of(release.product())),
            audit.forRelease(release.id().value()),
            product.members(),
            member,
            fmt));
    model.addAttribute("product", product);
  }

  private void notesModel(Actor me, Release release, Model model) {
    var actions = releases.actionsFor(me, release);
    Map<String, Boolean> editable = new LinkedHashMap<>();
    for (var field : release.process().notes().fields()) {
      editable.put(field.key(), actions.containsKey("notes:" + field.key()));
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
        NotesRenderer.html(release.process().notes(), context(release), release.notes()));
  }

  private Map<String, List<String>> changes(Actor me, Release release, Map<String, String> form) {
    var actions = releases.actionsFor(me, release);
    Map<String, List<String>> changes = new LinkedHashMap<>();
    for (var field : release.process().notes().fields()) {
      // Fields the person may not edit are sent as disabled inputs (not submitted). A forged one
      // is passed on, and the aggregate refuses it.
      if (form.containsKey(field.key())) {
        List<String> entries = lines(form.get(field.key()));
        if (actions.containsKey("notes:" + field.key())
            || !entries.equals(release.notes().get(field.key()))) {
          changes.put(field.key(), entries);
        }
      }
    }
    return changes;
  }

  NotesContext context(Release r) {
    String manager =
        users
            .find(r.createdBy())
            .map(u -> u.displayName() + " (" + u.username() + ")")
            .orElse(r.createdBy());
    return r.notesContext(manager);
  }

  private String proposed(Actor me, String key, String type) {
    try {
      return releases.proposeVersion(me, key, type);
    } catch (TollgateException e) {
      return "";
    }
  }

  private static List<String> lines(String text) {
    if (text == null) return List.of();
    return Arrays.stream(text.split("\\R")).map(String::strip).filter(s -> !s.isEmpty()).toList();
  }

  private static Window window(String start, String end) {
    Instant s = instant(start, "windowStart");
    Instant e = instant(end, "windowEnd");
    return s == null && e == null ? null : new Window(s, e);
  }

  private static Instant instant(String value, String field) {
    if (value == null || value.isBlank()) return null;
    try {
      return LocalDateTime.parse(value).toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      throw Invalid.because(
          "'" + value + "' is not a date and time for " + field + " (use YYYY-MM-DDTHH:MM, UTC).");
    }
  }

  private static String blank(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }
}
