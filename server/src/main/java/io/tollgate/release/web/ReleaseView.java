package io.tollgate.release.web;

import io.tollgate.notes.ReleaseNotes;
import io.tollgate.process.HandoffDef;
import io.tollgate.process.NotesField;
import io.tollgate.process.ProcessDefinition;
import io.tollgate.process.RequirementDef;
import io.tollgate.process.StepDef;
import io.tollgate.release.Decision;
import io.tollgate.release.DeploymentRecord;
import io.tollgate.release.HandoffState;
import io.tollgate.release.Release;
import io.tollgate.release.RequirementState;
import io.tollgate.release.StepState;
import io.tollgate.shared.Blocker;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The JSON shape of a release, as {@code GET /api/v1/releases/{id}} returns it. */
final class ReleaseView {
  private ReleaseView() {}

  /** A release in a list: what identifies it and where it stands. */
  static Map<String, Object> summary(Release r) {
    Map<String, Object> v = head(r);
    v.put("window", r.window());
    v.put("createdAt", r.createdAt());
    v.put("revision", r.revision());
    return v;
  }

  private static Map<String, Object> head(Release r) {
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("id", r.id().value());
    v.put("product", r.product());
    v.put("version", r.version().toString());
    v.put("type", r.type().id());
    v.put("name", r.name());
    v.put("status", r.status().id());
    return v;
  }

  static Map<String, Object> of(
      Release r, List<String> incidents, List<DeploymentRecord> deployments) {
    ProcessDefinition p = r.process();
    Map<String, Object> v = head(r);
    v.put("process", Map.of("id", r.processRef().id(), "version", r.processRef().version()));
    v.put("window", r.window());
    v.put("createdBy", r.createdBy());
    v.put("createdAt", r.createdAt());
    v.put(
        "requirements",
        r.requirements().stream()
            .map(s -> requirement(p.requirement(s.key()).orElseThrow(), s))
            .toList());
    v.put("steps", r.steps().stream().map(s -> step(r, p.step(s.key()).orElseThrow(), s)).toList());
    v.put("handoffs", r.handoffs().stream().map(h -> handoff(p, h)).toList());
    v.put("decision", r.latestDecision() == null ? null : decision(r.latestDecision()));
    v.put("decisions", r.decisions().stream().map(ReleaseView::decision).toList());
    v.put("goBlockers", r.goBlockers());
    v.put(
        "next",
        r.actionableSteps().stream()
            .map(s -> Map.of("key", s.key(), "title", s.title(), "owner", s.owner()))
            .toList());
    v.put("notes", notes(p, r.notes()));
    v.put(
        "notesMissing",
        r.notes().missing(p.notes(), r.type()).stream().map(NotesField::key).toList());
    v.put("deployments", deployments.stream().map(ReleaseView::deployment).toList());
    v.put("incidents", incidents);
    v.put("cancellation", r.cancellation());
    v.put("rollback", r.rollback());
    v.put("revision", r.revision());
    return v;
  }

  private static Map<String, Object> requirement(RequirementDef def, RequirementState s) {
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("key", s.key());
    v.put("title", def.title());
    v.put("owner", def.owner());
    v.put("status", s.met() ? "met" : "open");
    v.put("evidence", s.evidence());
    v.put("by", s.by());
    v.put("at", s.at());
    if (def.needsSeveralSignatures()) {
      v.put("signers", def.signers());
      v.put("signatures", s.signatures());
    }
    if (!def.metBy().isEmpty()) v.put("metBy", def.metBy());
    return v;
  }

  private static Map<String, Object> step(Release r, StepDef def, StepState s) {
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("key", s.key());
    v.put("title", def.title());
    v.put("owner", def.owner());
    v.put("kind", def.kind().id());
    v.put("environment", def.environment());
    v.put("status", s.status().id());
    v.put("optional", def.optional());
    v.put("dependsOn", def.after());
    v.put("requires", def.requires());
    v.put("by", s.by());
    v.put("at", s.at());
    v.put("note", s.note());
    v.put("evidence", s.evidence());
    v.put("outcome", s.outcome() == null ? null : s.outcome().id());
    v.put("attempts", s.attempts());
    List<Blocker> blockers = s.status().isSettled() ? List.of() : r.blockersOf(def);
    v.put("blockers", blockers);
    return v;
  }

  private static Map<String, Object> handoff(ProcessDefinition p, HandoffState h) {
    HandoffDef def =
        p.handoffs().stream().filter(d -> d.key().equals(h.key())).findFirst().orElseThrow();
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("key", h.key());
    v.put("from", def.from());
    v.put("to", def.to());
    v.put("handsOver", def.handsOver());
    v.put("trigger", def.trigger());
    v.put("status", h.status());
    v.put("handedAt", h.handedAt());
    v.put("handedBy", h.handedBy());
    v.put("acknowledgedAt", h.acknowledgedAt());
    v.put("acknowledgedBy", h.acknowledgedBy());
    return v;
  }

  static Map<String, Object> decision(Decision d) {
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("decision", d.decision().id());
    v.put("rationale", d.rationale());
    v.put("by", d.by());
    v.put("at", d.at());
    Map<String, Object> snapshot = new LinkedHashMap<>();
    snapshot.put(
        "requirements",
        d.snapshot().requirements().stream()
            .map(
                s -> {
                  Map<String, Object> m = new LinkedHashMap<>();
                  m.put("key", s.key());
                  m.put("status", s.met() ? "met" : "open");
                  m.put("evidence", s.evidence());
                  m.put("by", s.by());
                  m.put("at", s.at());
                  m.put("signatures", s.signatures());
                  return m;
                })
            .toList());
    snapshot.put(
        "steps",
        d.snapshot().steps().stream()
            .map(
                s -> {
                  Map<String, Object> m = new LinkedHashMap<>();
                  m.put("key", s.key());
                  m.put("status", s.status().id());
                  m.put("outcome", s.outcome() == null ? null : s.outcome().id());
                  m.put("by", s.by());
                  m.put("at", s.at());
                  m.put("note", s.note());
                  return m;
                })
            .toList());
    v.put("snapshot", snapshot);
    return v;
  }

  static Map<String, Object> notes(ProcessDefinition p, ReleaseNotes notes) {
    Map<String, Object> v = new LinkedHashMap<>();
    for (NotesField f : p.notes().fields()) {
      v.put(f.key(), f.list() ? notes.get(f.key()) : notes.text(f.key()));
    }
    return v;
  }

  private static Map<String, Object> deployment(DeploymentRecord d) {
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("environment", d.environment());
    v.put("version", d.version());
    v.put("outcome", d.outcome() == null ? null : d.outcome().id());
    v.put("by", d.by());
    v.put("at", d.at());
    v.put("step", d.step());
    return v;
  }
}
