package io.tollgate.incident;

import io.tollgate.audit.AuditLog;
import io.tollgate.audit.AuditRecord;
import io.tollgate.deployment.DeploymentManagement;
import io.tollgate.deployment.RollbackResult;
import io.tollgate.incident.internal.IncidentStore;
import io.tollgate.process.PlaybookStepDef;
import io.tollgate.process.ProcessDefinition;
import io.tollgate.process.ProcessManagement;
import io.tollgate.release.IncidentLookup;
import io.tollgate.release.IncidentLookup.OpenIncident;
import io.tollgate.release.Participant;
import io.tollgate.release.Release;
import io.tollgate.release.ReleaseEvent.ReleaseFailed;
import io.tollgate.release.ReleaseId;
import io.tollgate.release.ReleaseManagement;
import io.tollgate.shared.Actor;
import io.tollgate.shared.Forbidden;
import io.tollgate.shared.NotFound;
import io.tollgate.shared.Refused;
import io.tollgate.shared.Timestamps;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Incident use cases; completing a rollback step rolls the environment back in the same
 * transaction.
 */
@Service
public class IncidentManagement implements IncidentLookup {
  private final IncidentStore store;
  private final ReleaseManagement releases;
  private final ProcessManagement processes;
  private final DeploymentManagement deployments;
  private final AuditLog audit;
  private final Clock clock;

  IncidentManagement(
      IncidentStore store,
      ReleaseManagement releases,
      ProcessManagement processes,
      DeploymentManagement deployments,
      AuditLog audit,
      Clock clock) {
    this.store = store;
    this.releases = releases;
    this.processes = processes;
    this.deployments = deployments;
    this.audit = audit;
    this.clock = clock;
  }

  /** Opens an incident on a release; any member of the product may. */
  @Transactional
  public Incident open(Actor by, String releaseId, String severity, String summary) {
    Release release = releases.get(by, releaseId);
    Participant participant = releases.participant(by, release.product());
    if (participant.roles().isEmpty()) {
      throw Forbidden.because(
          "Opening an incident is for members of the product '" + release.product() + "'.");
    }
    Instant now = Timestamps.now(clock);
    Incident incident =
        Incident.open(
            release.id().value(),
            release.product(),
            release.version().toString(),
            release.processRef(),
            release.process().playbook(),
            managerRole(release.process()),
            severity,
            summary,
            null,
            by.username(),
            now);
    store.insert(incident.data(), incident.status());
    releases.incidentOpened(by, releaseId, incident.data().id());
    audit.append(record("incident.opened", by, incident, opened(incident, false)));
    return incident;
  }

  /** A failed production deployment or verification opens an incident by itself. */
  @EventListener
  void onReleaseFailed(ReleaseFailed failed) {
    Instant now = Timestamps.now(clock);
    String summary =
        "Step '"
            + failed.step()
            + "' failed"
            + (failed.environment() == null ? "" : " in " + failed.environment())
            + " for "
            + failed.product()
            + " "
            + failed.version();
    Optional<String> existing = store.openForRelease(failed.release().value());
    if (existing.isPresent()) {
      Incident incident = load(existing.get(), true);
      long revision = incident.data().revision();
      incident.note(failed.by().username(), summary + " again", now);
      save(incident, revision);
      audit.append(
          record(
              "incident.noted",
              failed.by(),
              incident,
              payload(incident, "entry", summary + " again")));
      return;
    }
    ProcessDefinition process =
        processes.definition(failed.process().id(), failed.process().version());
    Incident incident =
        Incident.open(
            failed.release().value(),
            failed.product(),
            failed.version(),
            failed.process(),
            process.playbook(),
            managerRole(process),
            "critical",
            summary,
            failed.step(),
            failed.by().username(),
            now);
    store.insert(incident.data(), incident.status());
    releases.incidentOpened(failed.by(), failed.release().value(), incident.data().id());
    audit.append(record("incident.opened", failed.by(), incident, opened(incident, true)));
  }

  @Transactional(readOnly = true)
  public Incident get(Actor by, String id) {
    return load(by, id, false);
  }

  /**
   * Completes a playbook step; a rollback step returns its environment to the last known-good
   * release.
   */
  @Transactional
  public Incident complete(Actor by, String id, String step, String note) {
    Incident incident = load(by, id, true);
    long revision = incident.data().revision();
    Participant participant = releases.participant(by, incident.data().product());
    Instant now = Timestamps.now(clock);
    PlaybookStepDef def = incident.complete(step, note, participant, now);
    Map<String, Object> details = payload(incident, "step", step);
    details.put("title", def.title());
    if (note != null) details.put("note", note);
    if (def.action() == PlaybookStepDef.Action.ROLLBACK) {
      RollbackResult result =
          deployments.rollBack(
              incident.data().product(), def.environment(), incident.data().release(), by, now);
      incident.rolledBack(
          new RollbackDone(
              result.environment(),
              result.fromVersion(),
              result.toVersion(),
              result.toRelease(),
              by.username(),
              now));
      releases.rolledBack(by, incident.data().release(), id, def.environment(), result.toVersion());
      details.put("rolledBackTo", result.toVersion());
    }
    save(incident, revision);
    audit.append(record("incident.step-completed", by, incident, details));
    return incident;
  }

  @Transactional
  public Incident skip(Actor by, String id, String step, String reason) {
    Incident incident = load(by, id, true);
    long revision = incident.data().revision();
    incident.skip(
        step, reason, releases.participant(by, incident.data().product()), Timestamps.now(clock));
    save(incident, revision);
    Map<String, Object> details = payload(incident, "step", step);
    details.put("reason", reason);
    audit.append(record("incident.step-skipped", by, incident, details));
    return incident;
  }

  @Transactional
  public Incident resolve(Actor by, String id, String rootCause, List<String> actionItems) {
    Incident incident = load(by, id, true);
    long revision = incident.data().revision();
    incident.resolve(
        rootCause,
        actionItems,
        releases.participant(by, incident.data().product()),
        Timestamps.now(clock));
    save(incident, revision);
    Map<String, Object> details = payload(incident, "rootCause", incident.data().rootCause());
    details.put("actionItems", incident.data().actionItems());
    audit.append(record("incident.resolved", by, incident, details));
    return incident;
  }

  /**
   * Where a rollback would take the environment now; empty once rolled back or when none applies.
   */
  @Transactional(readOnly = true)
  public Optional<String> rollbackTarget(Incident incident) {
    if (incident.data().rollback() != null) return Optional.empty();
    return incident.playbook().steps().stream()
        .filter(s -> s.action() == PlaybookStepDef.Action.ROLLBACK)
        .findFirst()
        .flatMap(
            s ->
                deployments.rollbackTarget(
                    incident.data().product(), s.environment(), incident.data().release()))
        .map(d -> d.version());
  }

  @Override
  @Transactional(readOnly = true)
  public List<String> incidentsOf(ReleaseId release) {
    return store.idsForRelease(release.value());
  }

  @Override
  @Transactional(readOnly = true)
  public List<OpenIncident> openIncidents(List<String> products) {
    return store.open(products).stream()
        .map(
            d ->
                new OpenIncident(
                    d.id(),
                    d.release(),
                    d.product(),
                    d.releaseVersion(),
                    d.severity(),
                    d.summary(),
                    d.openedAt()))
        .toList();
  }

  /** Membership first: to a person outside the product an incident does not exist. */
  private Incident load(Actor by, String id, boolean lock) {
    Incident incident = load(id, lock);
    if (!by.admin() && releases.participant(by, incident.data().product()).roles().isEmpty()) {
      throw NotFound.of("incident", id);
    }
    return incident;
  }

  private Incident load(String id, boolean lock) {
    IncidentData data =
        (lock ? store.lock(id) : store.find(id)).orElseThrow(() -> NotFound.of("incident", id));
    ProcessDefinition process = processes.definition(data.process().id(), data.process().version());
    return Incident.restore(data, process.playbook(), managerRole(process));
  }

  private void save(Incident incident, long expectedRevision) {
    IncidentData next = incident.data().withRevision(expectedRevision + 1);
    if (!store.update(next, incident.status(), expectedRevision)) {
      throw Refused.because(
          "The incident was changed at the same moment by someone else; reload it and try again.");
    }
  }

  private static AuditRecord record(
      String type, Actor by, Incident incident, Map<String, Object> payload) {
    payload.put("status", incident.status());
    return AuditRecord.of(
        type,
        by,
        incident.data().product(),
        "incident/" + incident.data().id(),
        incident.data().release(),
        payload);
  }

  private static Map<String, Object> opened(Incident incident, boolean automatic) {
    Map<String, Object> p = payload(incident, "severity", incident.data().severity());
    p.put("summary", incident.data().summary());
    p.put("automatic", automatic);
    return p;
  }

  private static Map<String, Object> payload(Incident incident, String key, Object value) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("incident", incident.data().id());
    p.put("version", incident.data().releaseVersion());
    if (value != null) p.put(key, value);
    return p;
  }

  private static String managerRole(ProcessDefinition process) {
    return process.decisionStep().owner();
  }
}
