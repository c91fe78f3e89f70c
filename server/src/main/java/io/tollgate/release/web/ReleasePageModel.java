package io.tollgate.release.web;

import io.tollgate.audit.AuditEvent;
import io.tollgate.audit.AuditTimeline;
import io.tollgate.notes.ReleaseNotes;
import io.tollgate.process.NotesField;
import io.tollgate.process.ProcessDefinition;
import io.tollgate.process.RequirementDef;
import io.tollgate.process.StepDef;
import io.tollgate.process.StepKind;
import io.tollgate.product.Member;
import io.tollgate.release.Actions;
import io.tollgate.release.DeploymentRecord;
import io.tollgate.release.IncidentLookup.OpenIncident;
import io.tollgate.release.Release;
import io.tollgate.shared.Blocker;
import io.tollgate.shared.web.Fmt;
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

  /**
   * The go/no-go panel: what the decision rests on besides the requirements (the smoke tests, the
   * notes fields the process puts at the decision) and who may decide.
   *
   * @param goAllowed go is offered now; otherwise the Go button is disabled beside its blockers
   * @param notes the notes fields marked {@code atDecision} in the process (e.g. known issues)
   * @param approvals the approvals go needs, who gave them and who may still
   */
  record DecisionPanel(
      boolean canDecide,
      List<Blocker> goBlockers,
      boolean goAllowed,
      List<StepRow> smokeTests,
      List<NotesRow> notes,
      ApprovalsPanel approvals) {}

  record NotesRow(String key, String label, String owner, List<String> entries) {
    static NotesRow of(NotesField f, ReleaseNotes notes) {
      return new NotesRow(f.key(), f.label(), f.owner(), notes.get(f.key()));
    }
  }

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
            .map(s -> RequirementRow.of(p.requirement(s.key()).orElseThrow(), s, actions, fmt))
            .toList();
    List<StepRow> steps =
        r.steps().stream()
            .map(
                s ->
                    StepRow.of(
                        r, p.step(s.key()).orElseThrow(), s, actions, members, actionable, fmt))
            .toList();
    List<HandoffRow> handoffs =
        r.handoffs().stream().map(h -> HandoffRow.of(p, h, actions, now, fmt)).toList();
    List<NotesRow> notes = p.notes().fields().stream().map(f -> NotesRow.of(f, r.notes())).toList();
    DecisionPanel panel =
        new DecisionPanel(
            actions.shown("decide", "go") || actions.shown("decide", "no-go"),
            r.goBlockers(),
            actions.offered("decide", "go"),
            steps.stream()
                .filter(s -> p.step(s.key()).orElseThrow().kind() == StepKind.SMOKE_TEST)
                .toList(),
            p.notes().atDecision().stream().map(f -> NotesRow.of(f, r.notes())).toList(),
            ApprovalsPanel.of(r, actions, members, viewer));
    List<DecisionView> decisions =
        r.decisions().stream().map(d -> DecisionView.of(d, fmt)).toList();
    List<DeploymentRow> deployments =
        deploymentRecords.stream().map(d -> DeploymentRow.of(d, fmt)).toList();
    List<AuditTimeline.Entry> auditRows = AuditTimeline.of(audit, key -> title(p, key));
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
