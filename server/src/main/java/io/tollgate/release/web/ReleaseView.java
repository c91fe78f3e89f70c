package io.tollgate.release.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.swagger.v3.oas.annotations.media.Schema;
import io.tollgate.notes.ReleaseNotes;
import io.tollgate.process.HandoffDef;
import io.tollgate.process.NotesField;
import io.tollgate.process.ProcessDefinition;
import io.tollgate.process.RequirementDef;
import io.tollgate.process.StepDef;
import io.tollgate.release.Approval;
import io.tollgate.release.Cancellation;
import io.tollgate.release.Decision;
import io.tollgate.release.DeploymentRecord;
import io.tollgate.release.Evidence;
import io.tollgate.release.HandoffState;
import io.tollgate.release.ProcessRef;
import io.tollgate.release.Release;
import io.tollgate.release.RequirementState;
import io.tollgate.release.Rollback;
import io.tollgate.release.Signature;
import io.tollgate.release.StepState;
import io.tollgate.shared.Blocker;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON shape of a release, as {@code GET /api/v1/releases/{id}} returns it: the fields of a
 * release in a list ({@link ReleaseAnswers.Summary}, unwrapped into this object) and its details.
 */
@Schema(name = "Release")
record ReleaseView(
    @JsonUnwrapped ReleaseAnswers.Summary summary,
    ProcessRef process,
    String createdBy,
    List<Requirement> requirements,
    List<Step> steps,
    List<Handoff> handoffs,
    @Schema(description = "the latest decision, or null before the first") DecisionView decision,
    @Schema(description = "every decision, newest last") List<DecisionView> decisions,
    @Schema(description = "what go waits for") List<Blocker> goBlockers,
    @Schema(description = "the approvals go needs, and those given") ApprovalsView approvals,
    @Schema(description = "the steps that can be done now") List<Next> next,
    @Schema(
            description = "the notes by field of the process's template: text, or a list of texts",
            additionalProperties = Schema.AdditionalPropertiesValue.TRUE)
        Map<String, Object> notes,
    @Schema(description = "keys of the notes fields still missing") List<String> notesMissing,
    List<Deployment> deployments,
    @Schema(description = "ids of the incidents opened on the release") List<String> incidents,
    Cancellation cancellation,
    Rollback rollback,
    @Schema(description = "the commit the release is built from, or null") String commit,
    @Schema(description = "the ref (branch) it follows, or null") String ref) {

  static ReleaseView of(Release r, List<String> incidents, List<DeploymentRecord> deployments) {
    ProcessDefinition p = r.process();
    return new ReleaseView(
        ReleaseAnswers.Summary.of(r),
        r.processRef(),
        r.createdBy(),
        r.requirements().stream()
            .map(s -> Requirement.of(p.requirement(s.key()).orElseThrow(), s))
            .toList(),
        r.steps().stream().map(s -> Step.of(r, p.step(s.key()).orElseThrow(), s)).toList(),
        r.handoffs().stream().map(h -> Handoff.of(p, h)).toList(),
        r.latestDecision() == null ? null : DecisionView.of(r.latestDecision()),
        r.decisions().stream().map(DecisionView::of).toList(),
        r.goBlockers(),
        ApprovalsView.of(r),
        r.actionableSteps().stream().map(s -> new Next(s.key(), s.title(), s.owner())).toList(),
        notes(p, r.notes()),
        r.notes().missing(p.notes(), r.type()).stream().map(NotesField::key).toList(),
        deployments.stream().map(Deployment::of).toList(),
        incidents,
        r.cancellation(),
        r.rollback(),
        r.source() == null ? null : r.source().commit(),
        r.source() == null ? null : r.source().ref());
  }

  /**
   * A requirement; {@code signers}/{@code signatures} only when several roles sign it, {@code
   * metBy} only when a step meets it.
   */
  @Schema(name = "ReleaseRequirement")
  record Requirement(
      String key,
      String title,
      String owner,
      @Schema(allowableValues = {"open", "met"}) String status,
      Evidence evidence,
      String by,
      Instant at,
      @JsonInclude(JsonInclude.Include.NON_NULL) List<String> signers,
      @JsonInclude(JsonInclude.Include.NON_NULL) List<Signature> signatures,
      @JsonInclude(JsonInclude.Include.NON_NULL) List<String> metBy) {
    static Requirement of(RequirementDef def, RequirementState s) {
      boolean several = def.needsSeveralSignatures();
      return new Requirement(
          s.key(),
          def.title(),
          def.owner(),
          s.status().id(),
          s.evidence(),
          s.by(),
          s.at(),
          several ? def.signers() : null,
          several ? s.signatures() : null,
          def.metBy().isEmpty() ? null : def.metBy());
    }
  }

  /** A checklist step, with what it waits for while it is not settled. */
  @Schema(name = "ReleaseStep")
  record Step(
      String key,
      String title,
      String owner,
      String kind,
      String environment,
      String status,
      boolean optional,
      List<String> dependsOn,
      List<String> requires,
      String by,
      Instant at,
      String note,
      Evidence evidence,
      String outcome,
      int attempts,
      List<Blocker> blockers) {
    static Step of(Release r, StepDef def, StepState s) {
      return new Step(
          s.key(),
          def.title(),
          def.owner(),
          def.kind().id(),
          def.environment(),
          s.status().id(),
          def.optional(),
          def.after(),
          def.requires(),
          s.by(),
          s.at(),
          s.note(),
          s.evidence(),
          s.outcome() == null ? null : s.outcome().id(),
          s.attempts(),
          s.status().isSettled() ? List.of() : r.blockersOf(def));
    }
  }

  /** A handoff between roles and where it stands. */
  @Schema(name = "ReleaseHandoff")
  record Handoff(
      String key,
      String from,
      String to,
      String handsOver,
      String trigger,
      @Schema(allowableValues = {"waiting", "handed", "acknowledged"}) String status,
      Instant handedAt,
      String handedBy,
      Instant acknowledgedAt,
      String acknowledgedBy) {
    static Handoff of(ProcessDefinition p, HandoffState h) {
      HandoffDef def =
          p.handoffs().stream().filter(d -> d.key().equals(h.key())).findFirst().orElseThrow();
      return new Handoff(
          h.key(),
          def.from(),
          def.to(),
          def.handsOver(),
          def.trigger(),
          h.status().id(),
          h.handedAt(),
          h.handedBy(),
          h.acknowledgedAt(),
          h.acknowledgedBy());
    }
  }

  /** A step that can be done now, and whose it is. */
  @Schema(name = "NextStep")
  record Next(String key, String title, String owner) {}

  /** A go/no-go decision with the state of every requirement and step at that moment. */
  @Schema(name = "Decision")
  record DecisionView(
      @Schema(allowableValues = {"go", "no-go"}) String decision,
      String rationale,
      String by,
      Instant at,
      Snapshot snapshot,
      @Schema(description = "the commit the release was built from when decided, or null")
          String commit,
      @Schema(description = "a go that no longer stands: production waits for a new decision")
          boolean stale,
      @Schema(description = "why it went stale, or null") String staleBecause) {
    static DecisionView of(Decision d) {
      return new DecisionView(
          d.decision().id(),
          d.rationale(),
          d.by(),
          d.at(),
          new Snapshot(
              d.snapshot().requirements().stream().map(SnapshotRequirement::of).toList(),
              d.snapshot().steps().stream().map(SnapshotStep::of).toList(),
              d.snapshot().approvals(),
              d.snapshot().overrides()),
          d.commit(),
          d.stale(),
          d.staleBecause());
    }
  }

  /**
   * Requirements and steps as they stood at a decision, the approvals it was made with, and the
   * emergency freeze overrides deployments under it used.
   */
  @Schema(name = "DecisionSnapshot")
  record Snapshot(
      List<SnapshotRequirement> requirements,
      List<SnapshotStep> steps,
      List<Approval> approvals,
      @Schema(
              description =
                  "emergency freeze overrides used by deployments under this decision: the"
                      + " reason, who asked, the second release manager who approved, and the"
                      + " deployment step that used it")
          List<io.tollgate.release.FreezeOverrideUse> overrides) {}

  /** A requirement at a decision. */
  @Schema(name = "SnapshotRequirement")
  record SnapshotRequirement(
      String key,
      String status,
      Evidence evidence,
      String by,
      Instant at,
      List<Signature> signatures) {
    static SnapshotRequirement of(RequirementState s) {
      return new SnapshotRequirement(
          s.key(), s.status().id(), s.evidence(), s.by(), s.at(), s.signatures());
    }
  }

  /** A step at a decision. */
  @Schema(name = "SnapshotStep")
  record SnapshotStep(
      String key, String status, String outcome, String by, Instant at, String note) {
    static SnapshotStep of(StepState s) {
      return new SnapshotStep(
          s.key(),
          s.status().id(),
          s.outcome() == null ? null : s.outcome().id(),
          s.by(),
          s.at(),
          s.note());
    }
  }

  /** A deployment of this release to an environment. */
  @Schema(name = "ReleaseDeployment")
  record Deployment(
      String environment, String version, String outcome, String by, Instant at, String step) {
    static Deployment of(DeploymentRecord d) {
      return new Deployment(
          d.environment(),
          d.version(),
          d.outcome() == null ? null : d.outcome().id(),
          d.by(),
          d.at(),
          d.step());
    }
  }

  /** The notes by field of the template: list fields as lists of texts, the others as text. */
  static Map<String, Object> notes(ProcessDefinition p, ReleaseNotes notes) {
    Map<String, Object> v = new LinkedHashMap<>();
    for (NotesField f : p.notes().fields()) {
      v.put(f.key(), f.list() ? notes.get(f.key()) : notes.text(f.key()));
    }
    return v;
  }
}
