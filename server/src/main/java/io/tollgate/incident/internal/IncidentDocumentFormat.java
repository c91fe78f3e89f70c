package io.tollgate.incident.internal;

import io.tollgate.incident.IncidentData;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads a stored incident document of any schema version as the current {@link IncidentData}. Each
 * version's upgrade is one step here; documents are rewritten in the current shape when next saved.
 */
public final class IncidentDocumentFormat {
  private IncidentDocumentFormat() {}

  public static IncidentData read(JsonMapper json, String document) {
    JsonNode node = json.readTree(document);
    if (!(node instanceof ObjectNode doc)) {
      throw new IllegalStateException("A stored incident document is not a JSON object");
    }
    int version = doc.path("schemaVersion").asInt(1);
    if (version > IncidentData.SCHEMA_VERSION) {
      throw new IllegalStateException(
          "Incident document schema version "
              + version
              + " is newer than this server reads ("
              + IncidentData.SCHEMA_VERSION
              + "): upgrade the server");
    }
    // Version 1 had no schemaVersion and otherwise the fields of version 2.
    doc.put("schemaVersion", IncidentData.SCHEMA_VERSION);
    return json.treeToValue(doc, IncidentData.class);
  }
}
