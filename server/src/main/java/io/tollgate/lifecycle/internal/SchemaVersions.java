package io.tollgate.lifecycle.internal;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Optional;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationInfoService;
import org.flywaydb.core.api.MigrationState;
import org.flywaydb.core.api.MigrationVersion;

/**
 * The newest migration this server knows and the newest one applied to a database, from Flyway's
 * view of both: the one rule "a server runs only on a database no newer than itself".
 */
public record SchemaVersions(
    MigrationVersion server, MigrationVersion database, String databaseDescription) {

  public static SchemaVersions of(MigrationInfoService info) {
    MigrationInfo[] all = info.all();
    MigrationVersion server =
        Arrays.stream(all)
            .filter(m -> m.getVersion() != null && !future(m.getState()))
            .filter(m -> m.getState() != MigrationState.MISSING_SUCCESS)
            .filter(m -> m.getState() != MigrationState.MISSING_FAILED)
            .map(MigrationInfo::getVersion)
            .max(Comparator.naturalOrder())
            .orElse(MigrationVersion.EMPTY);
    Optional<MigrationInfo> newest =
        Arrays.stream(info.applied())
            .filter(m -> m.getVersion() != null)
            .max(Comparator.comparing(MigrationInfo::getVersion));
    return new SchemaVersions(
        server,
        newest.map(MigrationInfo::getVersion).orElse(MigrationVersion.EMPTY),
        newest.map(MigrationInfo::getDescription).orElse(null));
  }

  private static boolean future(MigrationState state) {
    return state == MigrationState.FUTURE_SUCCESS || state == MigrationState.FUTURE_FAILED;
  }

  public boolean databaseNewer() {
    return database.compareTo(server) > 0;
  }

  /** Throws {@link DatabaseNewerThanServer} when the database is newer than this server. */
  public void requireNotNewer() {
    if (databaseNewer()) {
      throw new DatabaseNewerThanServer(
          database.getVersion(), databaseDescription, server.getVersion());
    }
  }
}
