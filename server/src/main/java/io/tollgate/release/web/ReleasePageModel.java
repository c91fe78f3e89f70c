package io.tollgate.release.web;

import io.tollgate.audit.AuditEvent;
import io.tollgate.audit.AuditTimeline;
import io.tollgate.process.HandoffDef;
import io.tollgate.process.NotesField;
import io.tollgate.process.ProcessDefinition;
import io.tollgate.process.RequirementDef;
import io.tollgate.process.StepDef;
import io.tollgate.product.Member;
import io.tollgate.release.Actions;
import io.tollgate.release.DeploymentRecord;
import io.tollgate.release.HandoffState;
import io.tollgate.release.IncidentLookup.OpenIncident;
import io.tollgate.release.Release;
import io.tollgate.release.RequirementState;
import io.tollgate.release.StepState;
import io.tollgate.release.StepStatus;
import io.tollgate.shared.Blocker;
import io.tollgate.shared.web.Fmt;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Everything the release page shows, prepared so that the template only lays it out. Which actions
 * appear comes from {@link Release#actionsFor}: the page never decides a rule itself.
 */
record ReleasePageModel(
    Release release,
    String status,
    String statusIcon,
    String nowLine,
    List<RequirementRow> requirements,
    List<StepRow> steps,
    List<HandoffRow> handoffs,
    DecisionPanel decision,
    List<DecisionView> decisions,
    List<DeploymentRow> deployments,
    List<String> incidents,
    List<OpenIncident> openIncidents,
    List<AuditTimeline.Entry> audit,
    List<NotesRow> notes,
    boolean notesComplete,
    List<String> notesMissing,
    boolean canCancel,
    boolean canEditNotes,
    boolean canOpenIncident,
    String releaseManager,
    String window) {

  record RequirementRow(
      String key,
      String title,
      String owner,
      String status,
      String badge,
      String evidenceUrl,
      String evidenceNote,
      String by,
      String at,
      String signatures,
      boolean action,
      List<Blocker> actionBlockers) {
    /** The person's to do, but it waits: shown disabled with what it waits for. */
    public boolean blocked() {
      return action && !actionBlockers.isEmpty();
    }
  }

  record StepRow(
      String key,
      String title,
      String owner,
      String people,
      String kind,
      String environment,
      boolean optional,
      String status,
      String label,
      String badge,
      String css,
      String by,
      String at,
      String note,
      String evidenceUrl,
      String outcome,
      int attempts,
      List<Blocker> blockers,
      boolean complete,
      boolean completeShown,
      List<Blocker> completeBlockers,
      boolean skip,
      boolean needsOutcome,
      boolean decision,
      boolean next) {}

  record HandoffRow(
      String key,
      String from,
      String to,
      String handsOver,
      String status,
      String badge,
      String handedAt,
      String acknowledgedAt,
      String acknowledgedBy,
      String waited,
      boolean action) {}

  /**
   * @param goAllowed go is offered now; otherwise the Go button is disabled beside its blockers
   * @param approvals the approvals go needs, who gave them and who may still
   */
  record DecisionPanel(
      boolean canDecide, List<Blocker> goBlockers, boolean goAllowed, ApprovalsPanel approvals) {}

  record NotesRow(String key, String label, String owner, List<String> entries) {}

  static ReleasePageModel of(
      Release r,
      Actions actions,
      List<String> incidents,
      List<DeploymentRecord> deploymentRecords,
      List<OpenIncident> openIncidents,
      List<AuditEvent> audit,
      List<Member> members,
      boolean member,
      String viewer,
      Fmt fmt) {
    ProcessDefinition p = r.process();
    Instant now = Instant.now();
    List<StepDef> actionable = r.actionableSteps();
    List<RequirementRow> requirements =
        r.requirements().stream()
            .map(s -> requirement(p.requirement(s.key()).orElseThrow(), s, actions, fmt))
            .toList();
    List<StepRow> steps =
        r.steps().stream()
            .map(s -> step(r, p.step(s.key()).orElseThrow(), s, actions, members, actionable, fmt))
            .toList();
    List<HandoffRow> handoffs =
        r.handoffs().stream().map(h -> handoff(p, h, actions, now, fmt)).toList();
    DecisionPanel panel =
        new DecisionPanel(
            actions.shown("decide", "go") || actions.shown("decide", "no-go"),
            r.goBlockers(),
            actions.offered("decide", "go"),
            ApprovalsPanel.of(r, actions, members, viewer));
    List<DecisionView> decisions =
        r.decisions().stream().map(d -> DecisionView.of(d, fmt)).toList();
    List<DeploymentRow> deployments =
        deploymentRecords.stream().map(d -> DeploymentRow.of(d, fmt)).toList();
    List<AuditTimeline.Entry> auditRows = AuditTimeline.of(audit, key -> title(p, key));
    List<NotesRow> notes =
        p.notes().fields().stream()
            .map(f -> new NotesRow(f.key(), f.label(), f.owner(), r.notes().get(f.key())))
            .toList();
    List<String> missing =
        r.notes().missing(p.notes(), r.type()).stream().map(NotesField::label).toList();
    String window =
        r.window() == null || r.window().start() == null
            ? "not scheduled"
            : fmt.time(r.window().start())
                + (r.window().end() == null ? "" : " – " + fmt.time(r.window().end()));
    return new ReleasePageModel(
        r,
        r.status().id(),
        r.status().icon(),
        NowLine.of(r, actionable, members, now),
        requirements,
        steps,
        handoffs,
        panel,
        decisions,
        deployments,
        incidents,
        openIncidents.stream().filter(i -> i.release().equals(r.id().value())).toList(),
        auditRows,
        notes,
        missing.isEmpty(),
        missing,
        actions.offered("cancel", ""),
        actions.anyShown("notes"),
        member,
        r.createdBy(),
        window);
  }

  private static RequirementRow requirement(
      RequirementDef def, RequirementState s, Actions actions, Fmt fmt) {
    String status = s.met() ? "met" : "open";
    String signatures =
        s.signatures().stream()
            .map(sig -> sig.role() + " signed by " + sig.by() + " " + fmt.time(sig.at()))
            .collect(Collectors.joining("; "));
    return new RequirementRow(
        s.key(),
        def.title(),
        String.join(" + ", def.signers()),
        status,
        "st-" + status,
        s.evidence() == null ? null : s.evidence().url(),
        s.evidence() == null ? null : s.evidence().note(),
        s.by(),
        fmt.time(s.at()),
        signatures,
        actions.shown("meet", s.key()),
        actions.blockers("meet", s.key()));
  }

  private static StepRow step(
      Release r,
      StepDef def,
      StepState s,
      Actions actions,
      List<Member> members,
      List<StepDef> actionable,
      Fmt fmt) {
    boolean settled = s.status() == StepStatus.DONE || s.status() == StepStatus.SKIPPED;
    List<Blocker> blockers = settled ? List.of() : r.blockersOf(def);
    String status =
        !settled && s.status() != StepStatus.FAILED && !blockers.isEmpty()
            ? "blocked"
            : s.status().id();
    String css =
        switch (s.status()) {
          case DONE -> "s-done";
          case FAILED -> "s-failed";
          case RUNNING -> "s-running";
          case SKIPPED -> "s-skipped";
          default -> actionable.contains(def) ? "s-next" : "";
        };
    return new StepRow(
        s.key(),
        def.title(),
        def.owner(),
        people(members, def.owner()),
        def.kind().id(),
        def.environment(),
        def.optional(),
        status,
        ("blocked".equals(status) ? "🔒" : s.status().icon()) + " " + status,
        "st-" + status,
        css,
        s.by(),
        fmt.time(s.at()),
        s.note(),
        s.evidence() == null ? null : s.evidence().url(),
        s.outcome() == null ? null : s.outcome().id(),
        s.attempts(),
        blockers,
        actions.offered("complete", s.key()),
        actions.shown("complete", s.key()),
        actions.blockers("complete", s.key()),
        actions.offered("skip", s.key()),
        def.kind().needsOutcome(),
        def.isDecision(),
        actionable.contains(def));
  }

  private static HandoffRow handoff(
      ProcessDefinition p, HandoffState h, Actions actions, Instant now, Fmt fmt) {
    HandoffDef def =
        p.handoffs().stream().filter(d -> d.key().equals(h.key())).findFirst().orElseThrow();
    String waited =
        h.handedAt() == null
            ? ""
            : h.acknowledgedAt() == null
                ? "waiting " + Fmt.duration(Duration.between(h.handedAt(), now))
                : Fmt.duration(Duration.between(h.handedAt(), h.acknowledgedAt()));
    return new HandoffRow(
        h.key(),
        def.from(),
        def.to(),
        def.handsOver(),
        h.status(),
        "st-" + h.status(),
        fmt.time(h.handedAt()),
        fmt.time(h.acknowledgedAt()),
        h.acknowledgedBy(),
        waited,
        actions.offered("acknowledge", h.key()));
  }

  static String people(List<Member> members, String role) {
    return members.stream()
        .filter(m -> m.roles().contains(role))
        .map(Member::username)
        .collect(Collectors.joining(", "));
  }

  /** The title of a step or requirement of the process, for audit events that name only keys. */
  private static String title(ProcessDefinition p, String key) {
    return p.step(key)
        .map(StepDef::title)
        .or(() -> p.requirement(key).map(RequirementDef::title))
        .orElse(null);
  }
}
