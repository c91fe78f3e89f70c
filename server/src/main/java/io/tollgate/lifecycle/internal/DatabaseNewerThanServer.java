package io.tollgate.lifecycle.internal;

/**
 * The database was migrated by a newer Tollgate than this one (another node, or an upgrade that was
 * rolled back): this server must not run on it.
 */
public class DatabaseNewerThanServer extends RuntimeException {
  private final String databaseVersion;
  private final String serverVersion;

  public DatabaseNewerThanServer(String databaseVersion, String description, String serverVersion) {
    super(
        "The database's schema is at version "
            + databaseVersion
            + (description == null || description.isBlank() ? "" : " (" + description + ")")
            + ", but this Tollgate server only knows migrations up to version "
            + serverVersion
            + ": a newer Tollgate has upgraded this database. Run that newer version on every node"
            + " (all nodes on one database must run the same version), or restore the backup"
            + " taken before the upgrade to go back.");
    this.databaseVersion = databaseVersion;
    this.serverVersion = serverVersion;
  }

  public String databaseVersion() {
    return databaseVersion;
  }

  public String serverVersion() {
    return serverVersion;
  }
}
