package io.tollgate.incident;

import io.tollgate.audit.AuditLog;
import io.tollgate.deployment.DeploymentManagement;
import io.tollgate.deployment.RollbackResult;
import io.tollgate.incident.internal.IncidentStore;
import io.tollgate.process.PlaybookStepDef;
import io.tollgate.release.IncidentLookup;
import io.tollgate.release.IncidentLookup.OpenIncident;
import io.tollgate.release.Participant;
import io.tollgate.release.Release;
import io.tollgate.release.ReleaseId;
import io.tollgate.release.ReleaseManagement;
import io.tollgate.shared.Actor;
import io.tollgate.shared.Forbidden;
import io.tollgate.shared.NotFound;
import io.tollgate.shared.Timestamps;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Incident use cases; completing a rollback step rolls the environment back in the same
 * transaction.
 */
@Service
public class IncidentManagement implements IncidentLookup {
  private final IncidentStore store;
  private final IncidentDocuments documents;
  private final ReleaseManagement releases;
  private final DeploymentManagement deployments;
  private final AuditLog audit;
  private final Clock clock;

  IncidentManagement(
      IncidentStore store,
      IncidentDocuments documents,
      ReleaseManagement releases,
      DeploymentManagement deployments,
      AuditLog audit,
      Clock clock) {
    this.store = store;
    this.documents = documents;
    this.releases = releases;
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
            release.process().releaseManagerRole(),
            severity,
            summary,
            null,
            by.username(),
            now);
    documents.insert(incident);
    audit.append(IncidentAuditRecords.opened(by, incident, false));
    return incident;
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
    CustomerStatus customers = null;
    String evidence = note;
    if (incident.playbook().step(step).map(PlaybookStepDef::action).orElse(null)
        == PlaybookStepDef.Action.TELL_CUSTOMERS) {
      incident.canComplete(step, participant).orThrow(); // who and when before what was written
      customers =
          CustomerStatus.of(incident.data().product(), incident.data().releaseVersion(), note);
      evidence = customers.text(); // the step's evidence: the message as sent
    }
    PlaybookStepDef def = incident.complete(step, evidence, participant, now);
    Map<String, Object> details = IncidentAuditRecords.payload(incident, "step", step);
    details.put("title", def.title());
    if (note != null) details.put("note", note);
    if (customers != null) {
      // the outbox sends exactly these to the customer list (customers.status-communicated)
      details.put("customerSubject", customers.subject());
      details.put("customerMessage", customers.text());
    }
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
    documents.save(incident, revision);
    audit.append(IncidentAuditRecords.of("incident.step-completed", by, incident, details));
    return incident;
  }

  @Transactional
  public Incident skip(Actor by, String id, String step, String reason) {
    Incident incident = load(by, id, true);
    long revision = incident.data().revision();
    incident.skip(
        step, reason, releases.participant(by, incident.data().product()), Timestamps.now(clock));
    documents.save(incident, revision);
    Map<String, Object> details = IncidentAuditRecords.payload(incident, "step", step);
    details.put("reason", reason);
    audit.append(IncidentAuditRecords.of("incident.step-skipped", by, incident, details));
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
    documents.save(incident, revision);
    Map<String, Object> details =
        IncidentAuditRecords.payload(incident, "rootCause", incident.data().rootCause());
    details.put("actionItems", incident.data().actionItems());
    audit.append(IncidentAuditRecords.of("incident.resolved", by, incident, details));
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

  /** One statement: it joins the caller's transaction, and needs none of its own. */
  @Override
  @Transactional(readOnly = true, propagation = Propagation.SUPPORTS)
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
    Incident incident = documents.load(id, lock);
    if (by.isPerson()
        && !by.admin()
        && releases.participant(by, incident.data().product()).roles().isEmpty()) {
      throw NotFound.of("incident", id);
    }
    return incident;
  }
}
