package io.tollgate.release.internal;

import io.tollgate.release.ReleaseData;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads a stored release document of any schema version as the current {@link ReleaseData}. Each
 * version's upgrade is one step here; documents are rewritten in the current shape when next saved.
 */
public final class ReleaseDocuments {
  private ReleaseDocuments() {}

  public static ReleaseData read(JsonMapper json, String document) {
    JsonNode node = json.readTree(document);
    if (!(node instanceof ObjectNode doc)) {
      throw new IllegalStateException("A stored release document is not a JSON object");
    }
    int version = doc.path("schemaVersion").asInt(1);
    if (version > ReleaseData.SCHEMA_VERSION) {
      throw new IllegalStateException(
          "Release document schema version "
              + version
              + " is newer than this server reads ("
              + ReleaseData.SCHEMA_VERSION
              + "): upgrade the server");
    }
    if (version < 2) {
      // Version 1 kept copies of the release's deployments and incident ids; the deployments and
      // incidents tables are their one source.
      doc.remove("deployments");
      doc.remove("incidents");
    }
    if (version < 3) {
      // Version 3 added the approvals given toward the next decision, and a decision snapshot's
      // approvals; a version 2 release had none.
      if (!doc.has("approvals")) doc.putArray("approvals");
    }
    doc.put("schemaVersion", ReleaseData.SCHEMA_VERSION);
    return json.treeToValue(doc, ReleaseData.class);
  }
}
