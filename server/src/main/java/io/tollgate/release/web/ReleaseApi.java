package io.tollgate.release.web;

import io.tollgate.audit.AuditLog;
import io.tollgate.notes.NotesRenderer;
import io.tollgate.release.Evidence;
import io.tollgate.release.IncidentLookup;
import io.tollgate.release.NewRelease;
import io.tollgate.release.Release;
import io.tollgate.release.ReleaseManagement;
import io.tollgate.release.ReleasePage;
import io.tollgate.release.Window;
import io.tollgate.shared.Actor;
import io.tollgate.shared.Invalid;
import io.tollgate.shared.web.IfMatch;
import java.net.URI;
import java.time.Instant;
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
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The release endpoints of REST contract v1. */
@RestController
@RequestMapping("/api/v1")
class ReleaseApi {
  private final ReleaseManagement releases;
  private final IncidentLookup incidents;
  private final NotesContexts contexts;
  private final AuditLog audit;
  private final tools.jackson.databind.json.JsonMapper json;
  // A release's JSON is a function of its id, revision and incidents alone, so each is rendered
  // once: by the command that made it or the first read, and then written as it is.
  // Kept as the generator's UTF-8 bytes, never as a String written raw: the generator escapes
  // whatever a stored text holds (an unpaired surrogate becomes \\uD800), a raw write cannot.
  private final com.github.benmanes.caffeine.cache.Cache<String, byte[]> rendered =
      com.github.benmanes.caffeine.cache.Caffeine.newBuilder().maximumSize(2_000).build();

  ReleaseApi(
      ReleaseManagement releases,
      IncidentLookup incidents,
      NotesContexts contexts,
      AuditLog audit,
      tools.jackson.databind.json.JsonMapper json) {
    this.releases = releases;
    this.incidents = incidents;
    this.contexts = contexts;
    this.audit = audit;
    this.json = json;
  }

  record WindowBody(Instant start, Instant end) {}

  record CreateBody(String type, String version, String name, String summary, WindowBody window) {}

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

  @PostMapping(path = "/products/{key}/releases", consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<Object> create(
      @AuthenticationPrincipal Actor actor,
      @PathVariable String key,
      @RequestBody CreateBody body) {
    Window window =
        body.window() == null ? null : new Window(body.window().start(), body.window().end());
    Release release =
        releases.plan(
            actor,
            key,
            new NewRelease(body.type(), body.version(), body.name(), body.summary(), window, null));
    return ResponseEntity.created(URI.create("/api/v1/releases/" + release.id()))
        .eTag(IfMatch.etag(release.revision()))
        .contentType(MediaType.APPLICATION_JSON)
        .body(rendered(release));
  }

  @GetMapping("/products/{key}/releases")
  Map<String, Object> list(
      @AuthenticationPrincipal Actor actor,
      @PathVariable String key,
      @RequestParam(required = false) String status,
      @RequestParam(defaultValue = "0") int page,
      @RequestParam(defaultValue = "20") int size) {
    ReleasePage result =
        releases.list(actor, key, status == null || status.isBlank() ? null : status, page, size);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("items", result.items().stream().map(ReleaseView::summary).toList());
    body.put("page", result.page());
    body.put("size", result.size());
    body.put("total", result.total());
    return body;
  }

  @GetMapping("/releases/{id}")
  ResponseEntity<Object> get(@AuthenticationPrincipal Actor actor, @PathVariable String id) {
    return ok(releases.get(actor, id));
  }

  @PostMapping("/releases/{id}/requirements/{key}/meet")
  ResponseEntity<Object> meet(
      @AuthenticationPrincipal Actor actor,
      @PathVariable String id,
      @PathVariable String key,
      @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
      @RequestBody(required = false) MeetBody body) {
    Evidence evidence =
        body == null || body.evidence() == null ? Evidence.NONE : body.evidence().toEvidence();
    return ok(releases.meet(actor, id, key, evidence, IfMatch.revision(ifMatch)));
  }

  @PostMapping("/releases/{id}/steps/{key}/complete")
  ResponseEntity<Object> complete(
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

  @PostMapping("/releases/{id}/steps/{key}/skip")
  ResponseEntity<Object> skip(
      @AuthenticationPrincipal Actor actor,
      @PathVariable String id,
      @PathVariable String key,
      @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
      @RequestBody(required = false) ReasonBody body) {
    return ok(
        releases.skip(
            actor, id, key, body == null ? null : body.reason(), IfMatch.revision(ifMatch)));
  }

  @PostMapping("/releases/{id}/decision")
  ResponseEntity<Object> decide(
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

  @PostMapping("/releases/{id}/handoffs/{key}/acknowledge")
  ResponseEntity<Object> acknowledge(
      @AuthenticationPrincipal Actor actor,
      @PathVariable String id,
      @PathVariable String key,
      @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
    return ok(releases.acknowledge(actor, id, key, IfMatch.revision(ifMatch)));
  }

  @PutMapping(path = "/releases/{id}/notes", consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<Object> updateNotes(
      @AuthenticationPrincipal Actor actor,
      @PathVariable String id,
      @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
      @RequestBody Map<String, Object> body) {
    Map<String, List<String>> changes = new LinkedHashMap<>();
    body.forEach((field, value) -> changes.put(field, entries(field, value)));
    return ok(releases.updateNotes(actor, id, changes, IfMatch.revision(ifMatch)));
  }

  @GetMapping(path = "/releases/{id}/notes", produces = MediaType.APPLICATION_JSON_VALUE)
  Map<String, Object> notesJson(@AuthenticationPrincipal Actor actor, @PathVariable String id) {
    Release release = releases.get(actor, id);
    Map<String, Object> body =
        new LinkedHashMap<>(ReleaseView.notes(release.process(), release.notes()));
    body.put("complete", release.notes().isComplete(release.process().notes(), release.type()));
    body.put(
        "markdown",
        NotesRenderer.markdown(release.process().notes(), contexts.of(release), release.notes()));
    return body;
  }

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

  @GetMapping(path = "/releases/{id}/notes", produces = MediaType.TEXT_HTML_VALUE)
  ResponseEntity<String> notesHtml(@AuthenticationPrincipal Actor actor, @PathVariable String id) {
    Release release = releases.get(actor, id);
    return ResponseEntity.ok()
        .contentType(MediaType.parseMediaType("text/html;charset=UTF-8"))
        .body(NotesRenderer.html(release.process().notes(), contexts.of(release), release.notes()));
  }

  @PostMapping("/releases/{id}/cancel")
  ResponseEntity<Object> cancel(
      @AuthenticationPrincipal Actor actor,
      @PathVariable String id,
      @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
      @RequestBody(required = false) ReasonBody body) {
    return ok(
        releases.cancel(actor, id, body == null ? null : body.reason(), IfMatch.revision(ifMatch)));
  }

  @GetMapping("/releases/{id}/audit")
  List<Map<String, Object>> audit(@AuthenticationPrincipal Actor actor, @PathVariable String id) {
    releases.get(actor, id);
    return audit.forRelease(id).stream()
        .map(
            e -> {
              Map<String, Object> m = new LinkedHashMap<>();
              m.put("seq", e.seq());
              m.put("at", e.at());
              m.put("actor", e.actor());
              m.put("action", e.action());
              m.put("subject", e.subject());
              m.put("details", json.readTree(e.details()));
              m.put("prevHash", e.prevHash());
              m.put("hash", e.hash());
              m.put("type", e.type());
              m.put("actorKind", e.actorKind());
              m.put("product", e.product());
              m.put("payloadVersion", e.payloadVersion());
              return m;
            })
        .toList();
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

  private ResponseEntity<Object> ok(Release release) {
    return ResponseEntity.ok()
        .eTag(IfMatch.etag(release.revision()))
        .contentType(MediaType.APPLICATION_JSON)
        .body(rendered(release));
  }

  /**
   * The release's JSON, rendered once per revision and number of incidents (incidents are opened
   * without changing the release; they are never deleted, so the count tells a new one).
   */
  private byte[] rendered(Release release) {
    List<String> opened = incidents.incidentsOf(release.id());
    return rendered.get(
        release.id().value() + "@" + release.revision() + "#" + opened.size(),
        k ->
            json.writeValueAsBytes(ReleaseView.of(release, opened, releases.deployments(release))));
  }
}
