package db.migration;

import io.tollgate.process.ProcessDefinition;
import io.tollgate.process.ProcessParser;
import io.tollgate.release.Release;
import io.tollgate.release.ReleaseData;
import io.tollgate.release.internal.ReleaseDocuments;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.HashMap;
import java.util.Map;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import tools.jackson.databind.json.JsonMapper;

/**
 * Recomputes every release's stored {@code status} column from its document with the status rule of
 * this version ({@code Release.status()}: steps may now be running, and release documents changed
 * shape to schema version 2). The column is only an index for lists; the document is the truth.
 * Documents are read through {@link ReleaseDocuments}, so old shapes are understood.
 */
public class V20__Recompute_release_status extends BaseJavaMigration {
  @Override
  public void migrate(Context context) throws Exception {
    Connection c = context.getConnection();
    JsonMapper json = JsonMapper.builder().build();
    Map<String, ProcessDefinition> processes = new HashMap<>();
    try (PreparedStatement select =
            c.prepareStatement("select id, status, document from releases");
        PreparedStatement update =
            c.prepareStatement("update releases set status = ? where id = ?");
        ResultSet rs = select.executeQuery()) {
      while (rs.next()) {
        String document = rs.getString("document");
        if (!json.readTree(document).has("steps")) {
          continue; // not a release document (rows made by hand in tests of older migrations)
        }
        ReleaseData data = ReleaseDocuments.read(json, document);
        ProcessDefinition process =
            processes.computeIfAbsent(
                data.process().id() + "@" + data.process().version(),
                k -> definition(c, data.process().id(), data.process().version()));
        String status = Release.restore(data, process).status().id();
        if (!status.equals(rs.getString("status"))) {
          update.setString(1, status);
          update.setString(2, rs.getString("id"));
          update.executeUpdate();
        }
      }
    }
  }

  private static ProcessDefinition definition(Connection c, String id, int version) {
    try (PreparedStatement select =
        c.prepareStatement(
            "select source from process_versions where process_id = ? and version = ?")) {
      select.setString(1, id);
      select.setInt(2, version);
      try (ResultSet rs = select.executeQuery()) {
        if (rs.next()) return ProcessParser.parse(rs.getString(1));
      }
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
    if (ProcessParser.BUILT_IN.equals(id)) return ProcessParser.builtIn();
    throw new IllegalStateException(
        "Release documents name process " + id + " v" + version + ", which is not stored");
  }
}
