package io.tollgate.evidence.web;

import io.swagger.v3.oas.annotations.Operation;
import io.tollgate.evidence.EvidencePack;
import io.tollgate.evidence.EvidencePacks;
import io.tollgate.shared.Actor;
import io.tollgate.shared.web.ProblemStatuses;
import java.util.Locale;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;

/**
 * A release's evidence pack: JSON for tools and the offline check, a printable page for people
 * ({@code Accept: text/html}). Members of the release's product, and their read-only tokens.
 */
@RestController
@RequestMapping("/api/v1")
class EvidenceApi {
  private final EvidencePacks packs;
  private final ITemplateEngine templates;

  EvidenceApi(EvidencePacks packs, ITemplateEngine templates) {
    this.packs = packs;
    this.templates = templates;
  }

  @Operation(
      operationId = "getReleaseEvidence",
      summary =
          "Read a release's evidence pack: requirements, decisions, deployments, handoffs,"
              + " incidents and its audit events with what verifies them (JSON or printable HTML)")
  @ProblemStatuses(404) // to anyone outside the product, the release does not exist
  @GetMapping(path = "/releases/{id}/evidence", produces = MediaType.APPLICATION_JSON_VALUE)
  EvidencePack evidence(@AuthenticationPrincipal Actor actor, @PathVariable String id) {
    return packs.of(actor, id);
  }

  @Operation(
      operationId = "getReleaseEvidence",
      summary =
          "Read a release's evidence pack: requirements, decisions, deployments, handoffs,"
              + " incidents and its audit events with what verifies them (JSON or printable HTML)")
  @ProblemStatuses(404)
  @GetMapping(path = "/releases/{id}/evidence", produces = MediaType.TEXT_HTML_VALUE)
  ResponseEntity<String> evidenceHtml(
      @AuthenticationPrincipal Actor actor, @PathVariable String id) {
    EvidencePack pack = packs.of(actor, id);
    Context context = new Context(Locale.ENGLISH);
    context.setVariable("pack", pack);
    context.setVariable("releaseLink", "/releases/" + pack.release().id());
    return ResponseEntity.ok()
        .contentType(MediaType.parseMediaType("text/html;charset=UTF-8"))
        .header(
            HttpHeaders.CONTENT_DISPOSITION,
            "inline; filename=\""
                + pack.release().product()
                + "-"
                + pack.release().version()
                + "-evidence.html\"")
        .body(templates.process(EvidencePages.TEMPLATE, context));
  }
}
