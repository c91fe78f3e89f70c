package io.tollgate.incident;

import io.tollgate.audit.AuditLog;
import io.tollgate.incident.internal.IncidentStore;
import io.tollgate.process.ProcessDefinition;
import io.tollgate.process.ProcessManagement;
import io.tollgate.release.ReleaseEvent.ReleaseFailed;
import io.tollgate.shared.Timestamps;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * A failed production deployment or verification opens an incident with the playbook by itself (or
 * notes the failure on the incident already open), in the transaction of the release command that
 * failed. The release is not changed: its incidents are read from the incidents table.
 */
@Component
class ReleaseFailureListener {
  private final IncidentStore store;
  private final IncidentDocuments documents;
  private final ProcessManagement processes;
  private final AuditLog audit;
  private final Clock clock;

  ReleaseFailureListener(
      IncidentStore store,
      IncidentDocuments documents,
      ProcessManagement processes,
      AuditLog audit,
      Clock clock) {
    this.store = store;
    this.documents = documents;
    this.processes = processes;
    this.audit = audit;
    this.clock = clock;
  }

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
      Incident incident = documents.load(existing.get(), true);
      long revision = incident.data().revision();
      incident.note(failed.by().username(), summary + " again", now);
      documents.save(incident, revision);
      audit.append(
          IncidentAuditRecords.of(
              "incident.noted",
              failed.by(),
              incident,
              IncidentAuditRecords.payload(incident, "entry", summary + " again")));
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
            process.releaseManagerRole(),
            process.playbook().mostSevere(),
            summary,
            failed.step(),
            failed.by().username(),
            now);
    documents.insert(incident);
    audit.append(IncidentAuditRecords.opened(failed.by(), incident, true));
  }
}
