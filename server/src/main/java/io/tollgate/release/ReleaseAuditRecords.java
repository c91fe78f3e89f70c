package io.tollgate.release;

import io.tollgate.audit.AuditRecord;
import io.tollgate.process.HandoffDef;
import io.tollgate.process.ProcessDefinition;
import io.tollgate.release.ReleaseEvent.ApprovalGiven;
import io.tollgate.release.ReleaseEvent.DecisionRecorded;
import io.tollgate.release.ReleaseEvent.DeploymentRecorded;
import io.tollgate.release.ReleaseEvent.HandoffAcknowledged;
import io.tollgate.release.ReleaseEvent.HandoffHanded;
import io.tollgate.release.ReleaseEvent.NotesUpdated;
import io.tollgate.release.ReleaseEvent.ReleaseCancelled;
import io.tollgate.release.ReleaseEvent.ReleaseFailed;
import io.tollgate.release.ReleaseEvent.ReleasePlanned;
import io.tollgate.release.ReleaseEvent.ReleaseRolledBack;
import io.tollgate.release.ReleaseEvent.RequirementMet;
import io.tollgate.release.ReleaseEvent.RequirementSigned;
import io.tollgate.release.ReleaseEvent.StepCompleted;
import io.tollgate.release.ReleaseEvent.StepSkipped;
import io.tollgate.release.ReleaseEvent.StepStarted;
import io.tollgate.release.ReleaseEvent.VerificationRecorded;
import io.tollgate.shared.Actor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns what a release command changed into audit records: one per domain event, past tense, with
 * the facts a sentence needs ("rita completed 'Deployment window scheduled' — window agreed").
 * Payloads are version 1; a field is added, never renamed.
 */
final class ReleaseAuditRecords {
  private ReleaseAuditRecords() {}

  /** The audit records of the events, in order; events that are only signals record nothing. */
  static List<AuditRecord> of(List<ReleaseEvent> events, Release after, Actor by) {
    return events.stream().flatMap(e -> of(e, after, by).stream()).toList();
  }

  private static Optional<AuditRecord> of(ReleaseEvent event, Release r, Actor by) {
    ProcessDefinition process = r.process();
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("version", r.version().toString());
    String type;
    if (event instanceof ReleasePlanned e) {
      type = "release.planned";
      p.put("type", e.type());
      put(p, "name", r.name());
      p.put("process", r.processRef().id() + "@" + r.processRef().version());
    } else if (event instanceof RequirementSigned e) {
      type = "requirement.signed";
      requirement(p, process, e.requirement());
      p.put("role", e.role());
      evidence(p, requirementEvidence(r, e.requirement()));
    } else if (event instanceof RequirementMet e) {
      type = "requirement.met";
      requirement(p, process, e.requirement());
      p.put("automatic", e.automatic());
      evidence(p, requirementEvidence(r, e.requirement()));
    } else if (event instanceof StepStarted e) {
      type = "step.started";
      step(p, process, e.step());
    } else if (event instanceof StepCompleted e) {
      type = "failed".equals(e.outcome()) ? "step.failed" : "step.completed";
      step(p, process, e.step());
      put(p, "outcome", e.outcome());
      p.put("attempt", e.attempt());
      StepState state = stepState(r, e.step());
      if (state != null) {
        put(p, "note", state.note());
        evidence(p, state.evidence());
      }
    } else if (event instanceof StepSkipped e) {
      type = "step.skipped";
      step(p, process, e.step());
      p.put("reason", e.reason());
    } else if (event instanceof ApprovalGiven e) {
      type = "approval.given";
      p.put("role", e.role());
      p.put("count", e.count());
      p.put("quorum", e.quorum());
      List<Approval> given = r.approvals();
      if (!given.isEmpty()) put(p, "comment", given.get(given.size() - 1).comment());
    } else if (event instanceof DecisionRecorded e) {
      type = "decision.recorded";
      p.put("decision", e.decision());
      p.put("rationale", e.rationale());
      p.put("number", r.decisions().size());
    } else if (event instanceof HandoffHanded e) {
      type = "handoff.handed";
      handoff(p, process, e.handoff());
    } else if (event instanceof HandoffAcknowledged e) {
      type = "handoff.acknowledged";
      handoff(p, process, e.handoff());
    } else if (event instanceof NotesUpdated e) {
      type = "notes.updated";
      p.put("fields", e.fields());
    } else if (event instanceof ReleaseCancelled e) {
      type = "release.cancelled";
      p.put("reason", e.reason());
    } else if (event instanceof DeploymentRecorded e) {
      type = "succeeded".equals(e.outcome()) ? "deployment.succeeded" : "deployment.failed";
      p.put("environment", e.environment());
      p.put("outcome", e.outcome());
    } else if (event instanceof VerificationRecorded) {
      return Optional.empty(); // told by its step.completed / step.failed
    } else if (event instanceof ReleaseFailed e) {
      type = "release.failed";
      step(p, process, e.step());
      put(p, "environment", e.environment());
    } else if (event instanceof ReleaseRolledBack e) {
      type = "release.rolled-back";
      p.put("incident", e.incident());
      p.put("environment", e.environment());
      put(p, "toVersion", e.toVersion());
    } else if (event instanceof ReleaseEvent.SourceChanged e) {
      type = "release.source-changed";
      put(p, "commit", e.commit());
      put(p, "ref", e.ref());
      put(p, "previousCommit", e.previousCommit());
      if (e.pushedCommits() > 0) p.put("pushedCommits", e.pushedCommits());
    } else if (event instanceof ReleaseEvent.DecisionWentStale e) {
      type = "decision.went-stale";
      p.put("number", e.decision());
      p.put("because", e.because());
    } else if (event instanceof ReleaseEvent.FreezeOverrideUsed e) {
      type = "freeze-override.used";
      step(p, process, e.step());
      p.put("freeze", e.freeze());
      p.put("override", e.override());
      p.put("reason", e.freezeReason());
    } else {
      throw new IllegalStateException("unmapped event " + event);
    }
    p.put("status", r.status().id());
    p.put("revision", r.revision());
    return Optional.of(
        AuditRecord.of(type, by, r.product(), "release/" + r.id(), r.id().value(), p));
  }

  private static void requirement(Map<String, Object> p, ProcessDefinition process, String key) {
    p.put("requirement", key);
    process.requirement(key).ifPresent(d -> p.put("title", d.title()));
  }

  private static void step(Map<String, Object> p, ProcessDefinition process, String key) {
    p.put("step", key);
    process
        .step(key)
        .ifPresent(
            d -> {
              p.put("title", d.title());
              put(p, "environment", d.environment());
            });
  }

  private static void handoff(Map<String, Object> p, ProcessDefinition process, String key) {
    p.put("handoff", key);
    process.handoffs().stream()
        .filter(h -> h.key().equals(key))
        .findFirst()
        .ifPresent(
            (HandoffDef h) -> {
              p.put("from", h.from());
              p.put("to", h.to());
            });
  }

  private static Evidence requirementEvidence(Release r, String key) {
    return r.requirements().stream()
        .filter(s -> s.key().equals(key))
        .findFirst()
        .map(RequirementState::evidence)
        .orElse(null);
  }

  private static StepState stepState(Release r, String key) {
    return r.steps().stream().filter(s -> s.key().equals(key)).findFirst().orElse(null);
  }

  private static void evidence(Map<String, Object> p, Evidence evidence) {
    if (evidence == null || evidence.isEmpty()) return;
    Map<String, Object> e = new LinkedHashMap<>();
    put(e, "url", evidence.url());
    put(e, "note", evidence.note());
    p.put("evidence", e);
  }

  private static void put(Map<String, Object> p, String key, Object value) {
    if (value != null) p.put(key, value);
  }
}
