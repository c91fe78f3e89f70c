package io.tollgate.process.web;

import io.swagger.v3.oas.annotations.media.Schema;
import io.tollgate.process.HandoffDef;
import io.tollgate.process.NotesField;
import io.tollgate.process.PlaybookStepDef;
import io.tollgate.process.ProcessDefinition;
import io.tollgate.process.ProcessVersion;
import io.tollgate.process.ReleaseType;
import io.tollgate.process.RequirementDef;
import io.tollgate.process.Role;
import io.tollgate.process.StepDef;
import java.util.List;
import java.util.Set;

/** A process version as {@code GET /api/v1/processes/{id}} answers it: the definition as JSON. */
@Schema(name = "Process")
record ProcessDocument(
    String id,
    int version,
    String name,
    String description,
    List<Role> roles,
    List<Requirement> requirements,
    List<Step> steps,
    List<Handoff> handoffs,
    Playbook playbook,
    NotesTemplate notesTemplate) {

  static ProcessDocument of(ProcessVersion v) {
    ProcessDefinition d = v.definition();
    return new ProcessDocument(
        v.id(),
        v.version(),
        d.name(),
        d.description(),
        d.roles(),
        d.requirements().stream().map(Requirement::of).toList(),
        d.steps().stream().map(Step::of).toList(),
        d.handoffs().stream().map(Handoff::of).toList(),
        new Playbook(
            d.playbook().trigger(), d.playbook().steps().stream().map(PlaybookStep::of).toList()),
        new NotesTemplate(
            d.notes().fields().stream().map(NotesFieldView::of).toList(), d.notes().markdown()));
  }

  /** A pre-release requirement: who meets (or signs) it, for which release types. */
  @Schema(name = "ProcessRequirement")
  record Requirement(
      String key,
      String title,
      String description,
      String owner,
      List<String> signers,
      List<String> appliesTo,
      List<String> metBy,
      String check) {
    static Requirement of(RequirementDef r) {
      return new Requirement(
          r.key(),
          r.title(),
          r.description(),
          r.owner(),
          r.signers(),
          ids(r.appliesTo()),
          r.metBy(),
          r.check().name().toLowerCase().replace('_', '-'));
    }
  }

  /** A checklist step: its owner, kind, order and what it meets. */
  @Schema(name = "ProcessStep")
  record Step(
      String key,
      String title,
      String description,
      String owner,
      String kind,
      String environment,
      boolean optional,
      List<String> after,
      List<String> requires,
      List<String> meets,
      boolean incidentOnFailure,
      List<String> appliesTo) {
    static Step of(StepDef s) {
      return new Step(
          s.key(),
          s.title(),
          s.description(),
          s.owner(),
          s.kind().id(),
          s.environment(),
          s.optional(),
          s.after(),
          s.requires(),
          s.meets(),
          s.incidentOnFailure(),
          ids(s.appliesTo()));
    }
  }

  /** A handoff from one role to another, and what triggers it. */
  @Schema(name = "ProcessHandoff")
  record Handoff(
      String key,
      String from,
      String to,
      String handsOver,
      String trigger,
      List<String> appliesTo) {
    static Handoff of(HandoffDef h) {
      return new Handoff(h.key(), h.from(), h.to(), h.handsOver(), h.trigger(), ids(h.appliesTo()));
    }
  }

  /** The incident playbook: what opens an incident and its steps. */
  @Schema(name = "Playbook")
  record Playbook(String trigger, List<PlaybookStep> steps) {}

  /** One playbook step. */
  @Schema(name = "PlaybookStep")
  record PlaybookStep(
      String key,
      String title,
      String owner,
      boolean optional,
      List<String> after,
      String action,
      String environment) {
    static PlaybookStep of(PlaybookStepDef s) {
      return new PlaybookStep(
          s.key(),
          s.title(),
          s.owner(),
          s.optional(),
          s.after(),
          s.action().yamlName(),
          s.environment());
    }
  }

  /** The release-notes template: its fields (with owners) and its Markdown. */
  @Schema(name = "NotesTemplate")
  record NotesTemplate(List<NotesFieldView> fields, String template) {}

  /** One notes field. */
  @Schema(name = "NotesField")
  record NotesFieldView(
      String key,
      String label,
      String owner,
      boolean list,
      List<String> requiredFor,
      boolean atDecision,
      boolean customerFacing) {
    static NotesFieldView of(NotesField f) {
      return new NotesFieldView(
          f.key(),
          f.label(),
          f.owner(),
          f.list(),
          ids(f.requiredFor()),
          f.atDecision(),
          f.customerFacing());
    }
  }

  private static List<String> ids(Set<ReleaseType> types) {
    return types.stream().map(ReleaseType::id).sorted().toList();
  }
}
