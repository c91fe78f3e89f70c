package io.tollgate.evidence;

import io.tollgate.deployment.Deployment;
import io.tollgate.evidence.EvidencePack.CheckResult;
import io.tollgate.evidence.EvidencePack.DecisionEvidence;
import io.tollgate.evidence.EvidencePack.DeploymentEvidence;
import io.tollgate.evidence.EvidencePack.HandoffEvidence;
import io.tollgate.evidence.EvidencePack.IncidentEvidence;
import io.tollgate.evidence.EvidencePack.ReleaseFacts;
import io.tollgate.evidence.EvidencePack.RequirementEvidence;
import io.tollgate.evidence.EvidencePack.Signer;
import io.tollgate.evidence.EvidencePack.Snapshot;
import io.tollgate.evidence.EvidencePack.SnapshotItem;
import io.tollgate.incident.IncidentData;
import io.tollgate.process.HandoffDef;
import io.tollgate.process.RequirementDef;
import io.tollgate.process.StepDef;
import io.tollgate.process.StepKind;
import io.tollgate.release.Decision;
import io.tollgate.release.Evidence;
import io.tollgate.release.HandoffState;
import io.tollgate.release.Release;
import io.tollgate.release.RequirementState;
import io.tollgate.release.StepState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The parts of an evidence pack that come from the release itself: one home for their shape. */
final class ReleaseEvidence {
  private ReleaseEvidence() {}

  static ReleaseFacts facts(Release r) {
    return new ReleaseFacts(
        r.id().value(),
        r.product(),
        r.version().toString(),
        r.type().id(),
        r.name(),
        r.status().id(),
        r.processRef().id(),
        r.processRef().version(),
        r.createdBy(),
        r.createdAt(),
        r.window() == null ? null : r.window().start(),
        r.window() == null ? null : r.window().end());
  }

  static List<RequirementEvidence> requirements(Release r) {
    return r.requirements().stream()
        .map(
            q -> {
              Optional<RequirementDef> def = r.process().requirement(q.key());
              Evidence e = q.evidence() == null ? Evidence.NONE : q.evidence();
              return new RequirementEvidence(
                  q.key(),
                  def.map(RequirementDef::title).orElse(q.key()),
                  def.map(RequirementDef::signers).orElse(List.of()),
                  q.status().id(),
                  e.url(),
                  e.note(),
                  q.by(),
                  q.at(),
                  q.signatures().stream().map(s -> new Signer(s.role(), s.by(), s.at())).toList());
            })
        .toList();
  }

  static List<DecisionEvidence> decisions(Release r) {
    List<DecisionEvidence> out = new ArrayList<>();
    int number = 0;
    for (Decision d : r.decisions()) {
      number++;
      out.add(
          new DecisionEvidence(
              number,
              d.decision().id(),
              d.rationale(),
              d.by(),
              d.at(),
              d.commit(),
              d.staleBecause(),
              snapshot(d.snapshot())));
    }
    return out;
  }

  private static Snapshot snapshot(Decision.Snapshot s) {
    if (s == null) return new Snapshot(List.of(), List.of(), List.of(), List.of());
    return new Snapshot(
        s.requirements().stream().map(ReleaseEvidence::item).toList(),
        s.steps().stream().map(ReleaseEvidence::item).toList(),
        s.approvals().stream().map(a -> new Signer(a.role(), a.by(), a.at())).toList(),
        s.overrides());
  }

  private static SnapshotItem item(RequirementState q) {
    Evidence e = q.evidence();
    return new SnapshotItem(
        q.key(), q.status().id(), null, q.by(), q.at(), e == null ? null : e.note());
  }

  private static SnapshotItem item(StepState s) {
    return new SnapshotItem(
        s.key(),
        s.status().id(),
        s.outcome() == null ? null : s.outcome().id(),
        s.by(),
        s.at(),
        s.note());
  }

  /**
   * Each deployment with the check results for its environment: the release's smoke-test and
   * verification steps there, as they stand, and the deployment's own verification outcome.
   */
  static List<DeploymentEvidence> deployments(Release r, List<Deployment> deployments) {
    return deployments.stream()
        .map(
            d ->
                new DeploymentEvidence(
                    d.environment(),
                    d.version(),
                    d.kind(),
                    d.outcome(),
                    d.verified(),
                    d.rolledBack(),
                    d.by(),
                    d.at(),
                    checks(r, d.environment())))
        .toList();
  }

  private static List<CheckResult> checks(Release r, String environment) {
    List<CheckResult> out = new ArrayList<>();
    for (StepState s : r.steps()) {
      Optional<StepDef> def = r.process().step(s.key());
      if (def.isEmpty() || !environment.equals(def.get().environment())) continue;
      StepKind kind = def.get().kind();
      if (kind != StepKind.SMOKE_TEST && kind != StepKind.VERIFICATION) continue;
      out.add(
          new CheckResult(
              s.key(),
              def.get().title(),
              kind.id(),
              s.status().id(),
              s.outcome() == null ? null : s.outcome().id(),
              s.by(),
              s.at(),
              s.note(),
              s.evidence() == null ? null : s.evidence().url()));
    }
    return out;
  }

  static List<HandoffEvidence> handoffs(Release r) {
    return r.handoffs().stream()
        .map(
            h -> {
              Optional<HandoffDef> def = r.process().handoff(h.key());
              return new HandoffEvidence(
                  h.key(),
                  def.map(HandoffDef::from).orElse(null),
                  def.map(HandoffDef::to).orElse(null),
                  h.status().id(),
                  h.handedBy(),
                  h.handedAt(),
                  h.acknowledgedBy(),
                  h.acknowledgedAt(),
                  waitSeconds(h));
            })
        .toList();
  }

  /** Seconds from handed to acknowledged; null until both happened. */
  static Long waitSeconds(HandoffState h) {
    if (h.handedAt() == null || h.acknowledgedAt() == null) return null;
    return Duration.between(h.handedAt(), h.acknowledgedAt()).toSeconds();
  }

  static IncidentEvidence incident(IncidentData i, String status) {
    return new IncidentEvidence(
        i.id(),
        i.severity(),
        i.summary(),
        status,
        i.cause(),
        i.openedBy(),
        i.openedAt(),
        i.rootCause(),
        i.actionItems() == null ? List.of() : List.copyOf(i.actionItems()),
        i.resolvedBy(),
        i.resolvedAt());
  }
}
