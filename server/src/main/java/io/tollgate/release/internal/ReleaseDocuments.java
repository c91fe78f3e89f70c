package io.tollgate.release.internal;

import io.tollgate.release.ReleaseData;
import io.tollgate.shared.db.VersionedDocuments;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a stored release document of any schema version as the current {@link ReleaseData}. Each
 * version's upgrade is one step here; documents are rewritten in the current shape when next saved.
 */
public final class ReleaseDocuments {
  private ReleaseDocuments() {}

  public static ReleaseData read(JsonMapper json, String document) {
    return VersionedDocuments.read(
        json,
        document,
        "Release",
        ReleaseData.SCHEMA_VERSION,
        ReleaseData.class,
        (doc, version) -> {
          if (version < 2) {
            // Version 1 kept copies of the release's deployments and incident ids; the deployments
            // and incidents tables are their one source.
            doc.remove("deployments");
            doc.remove("incidents");
          }
          if (version < 3 && !doc.has("approvals")) {
            // Version 3 added the approvals given toward the next decision (and a decision
            // snapshot's approvals); a version 2 release had none.
            doc.putArray("approvals");
          }
          // Version 3 also added the release's source and each decision's commit and staleness: a
          // version 2 document has none, read as null.
          // Version 4 added each decision snapshot's freeze overrides: a version 3 snapshot has
          // none, read as an empty list (Decision.Snapshot).
        });
  }
}
