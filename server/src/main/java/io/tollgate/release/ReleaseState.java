package io.tollgate.release;

import io.tollgate.notes.NotesContext;
import io.tollgate.notes.ReleaseNotes;
import io.tollgate.process.ProcessDefinition;
import io.tollgate.process.ReleaseType;
import io.tollgate.process.StepDef;
import io.tollgate.shared.Blocker;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/**
 * What a release is and what can be read from it: its parts, its status (always derived, never
 * stored on its own), what it waits for, and the state to store. The commands are {@link
 * Release}'s; a new release comes from {@link Planning}.
 */
public abstract sealed class ReleaseState permits Release {
  final ReleaseId id;
  final String product;
  final ProcessRef processRef;
  final ProcessDefinition process;
  final ReleaseType type;
  final SemanticVersion version;
  final String name;
  final Window window;
  final String createdBy;
  final Instant createdAt;
  final Requirements requirements;
  final Steps steps;
  final Handoffs handoffs;
  final Decisions decisions;
  final Approvals approvals;
  final Ending ending;
  final Sources sources;
  ReleaseNotes notes;
  final long revision;

  ReleaseState(ReleaseData data, ProcessDefinition process) {
    this.id = new ReleaseId(data.id());
    this.product = data.product();
    this.processRef = data.process();
    this.process = process;
    this.type = ReleaseType.parse(data.type()).orElseThrow();
    this.version = SemanticVersion.parse(data.version()).orElseThrow();
    this.name = data.name();
    this.window = data.window();
    this.createdBy = data.createdBy();
    this.createdAt = data.createdAt();
    this.requirements = new Requirements(id, process, data.requirements());
    this.steps = new Steps(id, process, data.steps());
    this.handoffs = new Handoffs(id, process, data.handoffs());
    this.decisions = new Decisions(data.decisions());
    this.approvals = new Approvals(process, type, data.approvals());
    this.notes = data.notes() == null ? ReleaseNotes.empty() : data.notes();
    this.ending = new Ending(id, data.cancellation(), data.rollback());
    this.sources = new Sources(id, data.source());
    this.revision = data.revision();
  }

  /** The status, derived from what was done; never stored on its own. */
  public ReleaseStatus status() {
    if (ending.cancellation() != null) return ReleaseStatus.CANCELLED;
    if (ending.rollback() != null) return ReleaseStatus.ROLLED_BACK;
    if (steps.failedWithIncident()) return ReleaseStatus.FAILED;
    if (steps.allSettled()) return ReleaseStatus.CLOSED;
    if (steps.releasedAt().isPresent()) return ReleaseStatus.RELEASED;
    Decision latest = latestDecision();
    if (latest != null) return latest.isGo() ? ReleaseStatus.APPROVED : ReleaseStatus.NO_GO;
    if (goBlockers().isEmpty()) return ReleaseStatus.AWAITING_DECISION;
    return requirements.anyTouched() || steps.anyTouched()
        ? ReleaseStatus.PREPARING
        : ReleaseStatus.PLANNED;
  }

  /** What a step still waits for; empty when it may be done now ({@link OrderPolicy}). */
  public List<Blocker> blockersOf(StepDef def) {
    return OrderPolicy.blockersOf(
        def, process, steps.states(), requirements.states(), latestDecision());
  }

  /**
   * What go waits for: unmet requirements, unsettled steps before the decision, and approvals short
   * of their quorum.
   */
  public List<Blocker> goBlockers() {
    List<Blocker> blockers =
        new java.util.ArrayList<>(
            GoPolicy.blockers(process, requirements.states(), steps.states()));
    blockers.addAll(approvals.blockers());
    return blockers;
  }

  /** The next steps someone can act on now (pending and not blocked), in process order. */
  public List<StepDef> actionableSteps() {
    if (ending.ended()) return List.of();
    return process.steps().stream()
        .filter(s -> steps.states().containsKey(s.key()))
        .filter(s -> !steps.get(s.key()).status().isSettled() || awaitsNewDecision(s))
        .filter(s -> blockersOf(s).isEmpty())
        .toList();
  }

  /** After a no-go, the decision step is open again until production is attempted. */
  private boolean awaitsNewDecision(StepDef step) {
    Decision latest = latestDecision();
    return step.isDecision() && latest != null && !latest.isGo() && !steps.productionAttempted();
  }

  /** When the release reached its target environment (a decision-gated deployment succeeded). */
  public Optional<Instant> releasedAt() {
    return steps.releasedAt();
  }

  /**
   * What the notes template says about the release besides the notes: its date is the day it
   * reached its target environment, else the start of its window.
   */
  public NotesContext notesContext(String releaseManager) {
    String date =
        releasedAt()
            .or(() -> window == null ? Optional.empty() : Optional.ofNullable(window.start()))
            .map(i -> i.atOffset(ZoneOffset.UTC).toLocalDate().toString())
            .orElse("not scheduled yet");
    return new NotesContext(product, name, version.toString(), type.id(), date, releaseManager);
  }

  /** When anything last happened on the release: what "waiting since" counts from. */
  public Instant lastActivityAt() {
    List<Instant> all = new java.util.ArrayList<>();
    all.add(createdAt);
    requirements.states().values().forEach(r -> all.add(r.at()));
    requirements.states().values().forEach(r -> r.signatures().forEach(s -> all.add(s.at())));
    steps.states().values().forEach(s -> all.add(s.at()));
    handoffs.states().values().forEach(h -> all.add(h.handedAt()));
    handoffs.states().values().forEach(h -> all.add(h.acknowledgedAt()));
    decisions.all().forEach(d -> all.add(d.at()));
    approvals.given().forEach(a -> all.add(a.at()));
    if (ending.cancellation() != null) all.add(ending.cancellation().at());
    if (ending.rollback() != null) all.add(ending.rollback().at());
    return all.stream().filter(i -> i != null).max(Instant::compareTo).orElse(createdAt);
  }

  public Decision latestDecision() {
    return decisions.latest();
  }

  public ReleaseId id() {
    return id;
  }

  public String product() {
    return product;
  }

  public ProcessRef processRef() {
    return processRef;
  }

  public ProcessDefinition process() {
    return process;
  }

  public ReleaseType type() {
    return type;
  }

  public SemanticVersion version() {
    return version;
  }

  public String name() {
    return name;
  }

  public Window window() {
    return window;
  }

  public String createdBy() {
    return createdBy;
  }

  public Instant createdAt() {
    return createdAt;
  }

  public List<RequirementState> requirements() {
    return List.copyOf(requirements.states().values());
  }

  public List<StepState> steps() {
    return List.copyOf(steps.states().values());
  }

  public List<HandoffState> handoffs() {
    return List.copyOf(handoffs.states().values());
  }

  public List<Decision> decisions() {
    return decisions.all();
  }

  /** The approvals given toward the next decision, oldest first. */
  public List<Approval> approvals() {
    return approvals.given();
  }

  /** The approvals the go decision of this release needs, in process order. */
  public List<io.tollgate.process.ApprovalDef> approvalsRequired() {
    return approvals.required();
  }

  public ReleaseNotes notes() {
    return notes;
  }

  public Cancellation cancellation() {
    return ending.cancellation();
  }

  public Rollback rollback() {
    return ending.rollback();
  }

  public long revision() {
    return revision;
  }

  /** What the release is built from (its commit and ref), or null when it names nothing. */
  public Source source() {
    return sources.source();
  }

  /** The state to store; the revision is raised by the repository on save. */
  public ReleaseData toData() {
    return new ReleaseData(
        ReleaseData.SCHEMA_VERSION,
        id.value(),
        product,
        processRef,
        type.id(),
        version.toString(),
        name,
        window,
        createdBy,
        createdAt,
        requirements(),
        steps(),
        handoffs(),
        decisions(),
        approvals(),
        notes,
        cancellation(),
        rollback(),
        revision,
        source());
  }
}
