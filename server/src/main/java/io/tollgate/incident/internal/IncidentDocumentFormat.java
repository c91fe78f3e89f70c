package io.tollgate.incident.internal;

import io.tollgate.incident.IncidentData;
import io.tollgate.shared.db.VersionedDocuments;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a stored incident document of any schema version as the current {@link IncidentData}. Each
 * version's upgrade is one step here; documents are rewritten in the current shape when next saved.
 */
public final class IncidentDocumentFormat {
  private IncidentDocumentFormat() {}

  public static IncidentData read(JsonMapper json, String document) {
    return VersionedDocuments.read(
        json,
        document,
        "Incident",
        IncidentData.SCHEMA_VERSION,
        IncidentData.class,
        // Version 1 had no schemaVersion and otherwise the fields of version 2.
        (doc, version) -> {});
  }
}
