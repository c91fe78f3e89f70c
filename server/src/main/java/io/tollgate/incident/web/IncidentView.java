package io.tollgate.incident.web;

import io.tollgate.incident.Incident;
import io.tollgate.incident.IncidentData;
import io.tollgate.incident.IncidentStatus;
import io.tollgate.incident.IncidentStep;
import io.tollgate.incident.PlaybookStepStatus;
import io.tollgate.incident.RollbackDone;
import io.tollgate.process.PlaybookStepDef;
import io.tollgate.process.ProcessDefinition;
import io.tollgate.process.Role;
import io.tollgate.release.Actions;
import io.tollgate.release.Participant;
import io.tollgate.release.Release;
import io.tollgate.release.ReleaseStatus;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the incident page shows, read from the incident, its release and the viewer's roles. It
 * decides only which forms to offer; whether an action is allowed stays with {@link Incident}.
 */
record IncidentView(
    IncidentData data,
    String status,
    String releaseStatus,
    String openedAt,
    String age,
    String resolvedAt,
    String rollbackEnvironment,
    String rollbackTarget,
    String rollbackDoneAt,
    List<StepView> steps,
    List<RoleProgress> roles,
    List<Line> timeline,
    boolean canResolve,
    String managerRoleName,
    String playbookTrigger) {

  private static final DateTimeFormatter UTC =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

  /** One playbook step as the viewer sees it; {@code mine}: the viewer may complete it now. */
  record StepView(
      String key,
      String title,
      String owner,
      String ownerName,
      boolean optional,
      boolean rollback,
      boolean tellsCustomers,
      String environment,
      List<After> after,
      String status,
      String by,
      String at,
      String note,
      boolean mine,
      boolean ready,
      List<io.tollgate.shared.Blocker> blockers) {
    public boolean pending() {
      return status.equals(PlaybookStepStatus.PENDING.id());
    }

    /** The mark beside the status (one home: {@link PlaybookStepStatus}). */
    public String icon() {
      return PlaybookStepStatus.iconOf(status);
    }
  }

  /** A step this one comes after, with where it stands now. */
  record After(String key, String title, String status) {}

  /** How far a role has got with its playbook steps. */
  record RoleProgress(String role, String name, long settled, long total, boolean mine) {}

  /** One timeline line, time already formatted. */
  record Line(String at, String actor, String entry) {}

  static IncidentView of(
      Incident incident,
      Release release,
      Participant viewer,
      Actions actions,
      String rollbackTarget,
      Instant now) {
    IncidentData d = incident.data();
    ProcessDefinition process = release.process();
    Map<String, IncidentStep> states = new LinkedHashMap<>();
    d.steps().forEach(s -> states.put(s.key(), s));
    boolean open = incident.isOpen();
    List<StepView> steps =
        incident.playbook().steps().stream()
            .map(def -> step(def, states, process, actions, incident))
            .toList();
    Map<String, RoleProgress> roles = new LinkedHashMap<>();
    for (StepView s : steps) {
      RoleProgress p =
          roles.getOrDefault(
              s.owner(), new RoleProgress(s.owner(), s.ownerName(), 0, 0, viewer.holds(s.owner())));
      roles.put(
          s.owner(),
          new RoleProgress(
              p.role(), p.name(), p.settled() + (s.pending() ? 0 : 1), p.total() + 1, p.mine()));
    }
    String managerRole = process.decisionStep().owner();
    String rollbackEnvironment =
        incident.playbook().steps().stream()
            .filter(s -> s.action() == PlaybookStepDef.Action.ROLLBACK)
            .map(PlaybookStepDef::environment)
            .findFirst()
            .orElse(null);
    RollbackDone done = d.rollback();
    Instant end = d.resolvedAt() == null ? now : d.resolvedAt();
    return new IncidentView(
        d,
        incident.status(),
        release.status().id(),
        time(d.openedAt()),
        duration(Duration.between(d.openedAt(), end)),
        time(d.resolvedAt()),
        rollbackEnvironment,
        rollbackTarget,
        done == null ? null : time(done.at()),
        steps,
        List.copyOf(roles.values()),
        d.timeline().stream().map(t -> new Line(time(t.at()), t.actor(), t.entry())).toList(),
        actions.offered("resolve", ""),
        roleName(process, managerRole),
        incident.playbook().trigger());
  }

  /** The playbook step that rolls back, if the playbook has one. */
  public StepView rollbackStep() {
    return steps.stream().filter(StepView::rollback).findFirst().orElse(null);
  }

  /** The mark beside the incident's status (one home: {@link IncidentStatus}). */
  public String statusIcon() {
    return IncidentStatus.iconOf(status);
  }

  /** The icon that goes with the release's status word (one home: {@link ReleaseStatus}). */
  public String releaseStatusIcon() {
    return ReleaseStatus.iconOf(releaseStatus);
  }

  /** Whether the page has a place of its own for a refusal at {@code at}; else it shows on top. */
  public boolean hasPlace(String at) {
    return "resolve".equals(at) || steps.stream().anyMatch(s -> s.key().equals(at));
  }

  /** What the page asks before a rollback is carried out. */
  public String confirmRollback() {
    return rollbackTarget == null
        ? "Roll "
            + rollbackEnvironment
            + " back now? There is no earlier good release, so "
            + rollbackEnvironment
            + " is left without one."
        : "Roll " + rollbackEnvironment + " back to " + rollbackTarget + " now?";
  }

  private static StepView step(
      PlaybookStepDef def,
      Map<String, IncidentStep> states,
      ProcessDefinition process,
      Actions actions,
      Incident incident) {
    IncidentStep state = states.get(def.key());
    List<After> after =
        def.after().stream()
            .map(
                a ->
                    new After(
                        a,
                        incident.playbook().step(a).map(PlaybookStepDef::title).orElse(a),
                        states.containsKey(a)
                            ? states.get(a).status()
                            : PlaybookStepStatus.PENDING.id()))
            .toList();
    return new StepView(
        def.key(),
        def.title(),
        def.owner(),
        roleName(process, def.owner()),
        def.optional(),
        def.action() == PlaybookStepDef.Action.ROLLBACK,
        def.action() == PlaybookStepDef.Action.TELL_CUSTOMERS,
        def.environment(),
        after,
        state.status(),
        state.by(),
        time(state.at()),
        state.note(),
        actions.shown("complete", def.key()),
        actions.offered("complete", def.key()),
        actions.blockers("complete", def.key()));
  }

  private static String roleName(ProcessDefinition process, String role) {
    return process.role(role).map(Role::name).orElse(role);
  }

  static String time(Instant at) {
    return at == null ? null : UTC.format(at);
  }

  static String duration(Duration d) {
    long minutes = Math.max(0, d.toMinutes());
    if (minutes < 1) return "less than a minute";
    if (minutes < 60) return minutes + " min";
    long hours = minutes / 60;
    if (hours < 48) return hours + " h" + (minutes % 60 == 0 ? "" : " " + minutes % 60 + " min");
    return hours / 24 + " days";
  }
}
