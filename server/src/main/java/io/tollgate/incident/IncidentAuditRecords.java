package io.tollgate.incident;

import io.tollgate.audit.AuditRecord;
import io.tollgate.shared.Actor;
import java.util.LinkedHashMap;
import java.util.Map;

/** The audit records of incident changes: past tense, with the facts a sentence needs. */
final class IncidentAuditRecords {
  private IncidentAuditRecords() {}

  static AuditRecord of(String type, Actor by, Incident incident, Map<String, Object> payload) {
    payload.put("status", incident.status());
    return AuditRecord.of(
        type,
        by,
        incident.data().product(),
        "incident/" + incident.data().id(),
        incident.data().release(),
        payload);
  }

  static AuditRecord opened(Actor by, Incident incident, boolean automatic) {
    Map<String, Object> p = payload(incident, "severity", incident.data().severity());
    p.put("summary", incident.data().summary());
    p.put("automatic", automatic);
    return of("incident.opened", by, incident, p);
  }

  static Map<String, Object> payload(Incident incident, String key, Object value) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("incident", incident.data().id());
    p.put("version", incident.data().releaseVersion());
    if (value != null) p.put(key, value);
    return p;
  }
}
