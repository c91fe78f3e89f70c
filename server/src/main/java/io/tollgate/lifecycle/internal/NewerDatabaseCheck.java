package io.tollgate.lifecycle.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * Before Flyway migrates at start-up: refuses to go on when the database holds migrations newer
 * than this server's (Flyway itself ignores such "future" migrations by default and would let an
 * older server run on a schema it does not know). It reads the history on Flyway's own connection
 * (a small pool has no other to spare at start-up), and this server's newest migration from the
 * classpath. Spring Boot hands every {@link Callback} bean to Flyway; {@link NewerDatabaseAnalyzer}
 * words the failure.
 */
@Component
class NewerDatabaseCheck implements Callback {
  private static final Pattern VERSIONED = Pattern.compile("^V([0-9][0-9_.]*)__.*\\.(sql|class)$");

  private volatile MigrationVersion newestKnown;

  @Override
  public boolean supports(Event event, Context context) {
    return event == Event.BEFORE_MIGRATE;
  }

  @Override
  public boolean canHandleInTransaction(Event event, Context context) {
    return true;
  }

  @Override
  public void handle(Event event, Context context) {
    String table = context.getConfiguration().getTable();
    try {
      Connection connection = context.getConnection();
      String schema = context.getConfiguration().getDefaultSchema();
      if (schema == null) schema = connection.getSchema();
      if (!exists(connection, schema, table)) return; // a new database
      MigrationVersion newest = MigrationVersion.EMPTY;
      String description = null;
      try (Statement s = connection.createStatement();
          ResultSet rs =
              s.executeQuery(
                  "select \"version\", \"description\" from \""
                      + schema
                      + "\".\""
                      + table
                      + "\" where \"version\" is not null and \"success\" = true")) {
        while (rs.next()) {
          MigrationVersion v = MigrationVersion.fromVersion(rs.getString(1));
          if (v.compareTo(newest) > 0) {
            newest = v;
            description = rs.getString(2);
          }
        }
      }
      new SchemaVersions(newestKnown(), newest, description).requireNotNewer();
    } catch (SQLException e) {
      throw new IllegalStateException(
          "Could not read the database's migration history: " + e.getMessage(), e);
    }
  }

  private static boolean exists(Connection connection, String schema, String table)
      throws SQLException {
    try (ResultSet rs = connection.getMetaData().getTables(null, schema, table, null)) {
      return rs.next();
    }
  }

  /**
   * The newest versioned migration (SQL file or Java class) under db/migration on the classpath.
   */
  MigrationVersion newestKnown() {
    if (newestKnown == null) {
      MigrationVersion newest = MigrationVersion.EMPTY;
      try {
        for (Resource r :
            new PathMatchingResourcePatternResolver().getResources("classpath*:db/migration/V*")) {
          Matcher m = VERSIONED.matcher(r.getFilename() == null ? "" : r.getFilename());
          if (!m.matches()) continue;
          MigrationVersion v = MigrationVersion.fromVersion(m.group(1).replace('_', '.'));
          if (v.compareTo(newest) > 0) newest = v;
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      newestKnown = newest;
    }
    return newestKnown;
  }

  @Override
  public String getCallbackName() {
    return "tollgate-newer-database-check";
  }
}
