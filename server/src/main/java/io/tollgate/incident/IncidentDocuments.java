package io.tollgate.incident;

import io.tollgate.incident.internal.IncidentStore;
import io.tollgate.process.ProcessDefinition;
import io.tollgate.process.ProcessManagement;
import io.tollgate.shared.NotFound;
import io.tollgate.shared.Refused;
import org.springframework.stereotype.Component;

/** Loads an incident with the playbook of its process version, and saves its next revision. */
@Component
class IncidentDocuments {
  private final IncidentStore store;
  private final ProcessManagement processes;

  IncidentDocuments(IncidentStore store, ProcessManagement processes) {
    this.store = store;
    this.processes = processes;
  }

  Incident load(String id, boolean lock) {
    IncidentData data =
        (lock ? store.lock(id) : store.find(id)).orElseThrow(() -> NotFound.of("incident", id));
    ProcessDefinition process = processes.definition(data.process().id(), data.process().version());
    return Incident.restore(data, process.playbook(), process.releaseManagerRole());
  }

  void insert(Incident incident) {
    store.insert(incident.data(), incident.status());
  }

  void save(Incident incident, long expectedRevision) {
    IncidentData next = incident.data().withRevision(expectedRevision + 1);
    if (!store.update(next, incident.status(), expectedRevision)) {
      throw Refused.because(
          "The incident was changed at the same moment by someone else; reload it and try again.");
    }
  }
}
