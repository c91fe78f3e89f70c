package io.tollgate.evidence;

import io.tollgate.audit.AuditCheckpoints;
import io.tollgate.audit.AuditEvent;
import io.tollgate.audit.AuditLog;
import io.tollgate.audit.Checkpoint;
import io.tollgate.audit.SealedEvent;
import io.tollgate.audit.Verification;
import io.tollgate.deployment.DeploymentManagement;
import io.tollgate.evidence.EvidencePack.AuditEvidence;
import io.tollgate.evidence.EvidencePack.Event;
import io.tollgate.evidence.EvidencePack.IncidentEvidence;
import io.tollgate.incident.Incident;
import io.tollgate.incident.IncidentManagement;
import io.tollgate.release.Release;
import io.tollgate.release.ReleaseManagement;
import io.tollgate.shared.Actor;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Assembles a release's evidence pack for a member of its product (anyone else: 404, as for the
 * release). The audit part is read last: the checkpoint signs the chain's head as it is then, and
 * the chain is verified against that checkpoint, so every event in the pack lies at or before the
 * head it names.
 */
@Service
public class EvidencePacks {
  private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {};

  private final ReleaseManagement releases;
  private final DeploymentManagement deployments;
  private final IncidentManagement incidents;
  private final AuditLog audit;
  private final AuditCheckpoints checkpoints;
  private final JsonMapper json;
  private final Clock clock;
  private final io.tollgate.freeze.FreezeOverrides overrides;

  EvidencePacks(
      ReleaseManagement releases,
      DeploymentManagement deployments,
      IncidentManagement incidents,
      AuditLog audit,
      AuditCheckpoints checkpoints,
      JsonMapper json,
      Clock clock,
      io.tollgate.freeze.FreezeOverrides overrides) {
    this.overrides = overrides;
    this.releases = releases;
    this.deployments = deployments;
    this.incidents = incidents;
    this.audit = audit;
    this.checkpoints = checkpoints;
    this.json = json;
    this.clock = clock;
  }

  /** The pack of the release, as it stands now. */
  public EvidencePack of(Actor by, String releaseId) {
    Release release = releases.get(by, releaseId);
    List<IncidentEvidence> ofRelease =
        incidents.incidentsOf(release.id()).stream()
            .map(id -> incidents.get(by, id))
            .map((Incident i) -> ReleaseEvidence.incident(i.data(), i.status()))
            .toList();
    AuditEvidence audit = audit(releaseId);
    return new EvidencePack(
        EvidencePack.FORMAT_VERSION,
        Instant.now(clock),
        ReleaseEvidence.facts(release),
        ReleaseEvidence.requirements(release),
        ReleaseEvidence.decisions(release),
        ReleaseEvidence.deployments(release, deployments.ofRelease(releaseId)),
        ReleaseEvidence.handoffs(release),
        ofRelease,
        audit,
        freezeOverrides(by, releaseId, audit.events()));
  }

  /** The release's freeze overrides; when each was used, from its audit event. */
  private List<EvidencePack.FreezeOverrideEvidence> freezeOverrides(
      Actor by, String releaseId, List<Event> events) {
    return overrides.ofRelease(by, releaseId).stream()
        .map(
            o ->
                new EvidencePack.FreezeOverrideEvidence(
                    o.id(),
                    o.freeze(),
                    overrides.freezeReason(o.freeze()),
                    o.reason(),
                    o.status(),
                    o.requestedBy(),
                    o.requestedAt(),
                    o.approvedBy(),
                    o.approvedAt(),
                    events.stream()
                        .filter(e -> e.type().equals("freeze-override.used"))
                        .filter(e -> o.id().equals(e.payload().get("override")))
                        .map(Event::at)
                        .findFirst()
                        .orElse(null)))
        .toList();
  }

  private AuditEvidence audit(String releaseId) {
    // the pack's checkpoint covers every event committed before it was asked for
    audit.awaitChained();
    Checkpoint checkpoint = checkpoints.current();
    List<Event> events =
        audit.sealedForRelease(releaseId).stream()
            .filter(e -> e.event().seq() <= checkpoint.seq())
            .map(this::event)
            .toList();
    Verification verification = audit.verify(checkpoint);
    return new AuditEvidence(
        events,
        new EvidencePack.Head(checkpoint.seq(), checkpoint.hash()),
        checkpoint,
        checkpoints.publicKey(),
        verification);
  }

  private Event event(SealedEvent sealed) {
    AuditEvent e = sealed.event();
    return new Event(
        e.seq(),
        e.type(),
        e.actor(),
        e.actorKind(),
        e.at(),
        json.readValue(e.details(), OBJECT),
        e.prevHash(),
        e.hash(),
        sealed.form(),
        sealed.canonical());
  }
}
