package io.tollgate.release.web;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import io.swagger.v3.oas.annotations.media.Schema;
import io.tollgate.audit.AuditEvent;
import io.tollgate.release.Release;
import io.tollgate.release.Window;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** The answers of the release endpoints besides the release itself ({@link ReleaseView}). */
final class ReleaseAnswers {
  private ReleaseAnswers() {}

  /** One page of a product's releases, newest first. */
  @Schema(name = "ReleasePage")
  record Page(List<Summary> items, int page, int size, long total) {}

  /** A release in a list. */
  @Schema(name = "ReleaseSummary")
  record Summary(
      String id,
      String product,
      String version,
      String type,
      String name,
      String status,
      Window window,
      Instant createdAt,
      long revision) {
    static Summary of(Release r) {
      return new Summary(
          r.id().value(),
          r.product(),
          r.version().toString(),
          r.type().id(),
          r.name(),
          r.status().id(),
          r.window(),
          r.createdAt(),
          r.revision());
    }
  }

  /** One audit event of a release, its details as JSON. */
  @Schema(name = "ReleaseAuditEvent")
  record AuditEntry(
      long seq,
      Instant at,
      String actor,
      String action,
      String subject,
      @Schema(type = "object", description = "the event's details (canonical JSON)")
          JsonNode details,
      String prevHash,
      String hash,
      @Schema(description = "the event's type, past tense (release.planned, step.completed, …)")
          String type,
      @Schema(allowableValues = {"person", "system", "integration"}) String actorKind,
      String product,
      int payloadVersion) {
    static AuditEntry of(AuditEvent e, JsonNode details) {
      return new AuditEntry(
          e.seq(),
          e.at(),
          e.actor(),
          e.action(),
          e.subject(),
          details,
          e.prevHash(),
          e.hash(),
          e.type(),
          e.actorKind(),
          e.product(),
          e.payloadVersion());
    }
  }

  /**
   * The notes as JSON: each field of the process's template (text, or a list of texts), whether
   * they are complete for the release's type, and the rendered Markdown.
   */
  @Schema(
      name = "ReleaseNotes",
      additionalProperties = Schema.AdditionalPropertiesValue.TRUE,
      description =
          "Each notes field of the process's template by its key (summary, notableChanges,"
              + " migrationSteps, knownIssues in the built-in process): text or a list of texts;"
              + " and complete, markdown.")
  record Notes(@JsonIgnore Map<String, Object> fields, boolean complete, String markdown) {
    @JsonAnyGetter
    Map<String, Object> fieldValues() {
      return fields;
    }
  }

  /**
   * The body of {@code PUT /api/v1/releases/{id}/notes}, for the OpenAPI document: any notes field
   * of the process's template by its key, text or a list of texts (the fields of the built-in
   * process shown).
   */
  @Schema(
      name = "NotesChanges",
      additionalProperties = Schema.AdditionalPropertiesValue.TRUE,
      description =
          "Notes fields to write, by key: text or a list of texts. knownIssues belongs to the"
              + " qa-lead, the other fields of the built-in process to the release manager.")
  record NotesChanges(
      String summary,
      List<String> notableChanges,
      List<String> migrationSteps,
      List<String> knownIssues) {}
}
