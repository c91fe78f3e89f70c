package io.tollgate.lifecycle.internal;

import io.tollgate.audit.Verification;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationVersion;

/**
 * {@code migrate --to jdbc:postgresql://…}: moves the embedded H2 database of a stopped server into
 * an empty PostgreSQL database. The target's schema is made by the same Flyway migrations, up to
 * the H2 database's version; every table is then copied in the order its foreign keys need ({@link
 * TableCopy}), in one transaction, so a failure leaves the target without data; identity columns
 * continue after the copied rows; row counts are compared before the commit, and the audit chain
 * must verify on the target after it ({@link ChainOnDatabase}).
 */
public final class MoveToPostgres {

  /** Where from and where to, and how many rows an insert batch holds. */
  public record Settings(
      String from,
      String to,
      String user,
      String password,
      String dataDir,
      String auditKeyFile,
      int batch) {}

  /** Why nothing was moved, in words for the person running the command. */
  public static final class Refusal extends RuntimeException {
    public Refusal(String message) {
      super(message);
    }

    public Refusal(String message, Throwable cause) {
      super(message, cause);
    }
  }

  private final Settings settings;
  private final PrintStream out;

  public MoveToPostgres(Settings settings, PrintStream out) {
    this.settings = settings;
    this.out = out;
  }

  /** The server's own H2 URL for this data directory (as application.yml builds it). */
  public static String h2Url(String dataDir) {
    return "jdbc:h2:file:"
        + Path.of(dataDir).toAbsolutePath().normalize()
        + "/tollgate;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";
  }

  public void run() {
    out.println("From: " + settings.from());
    out.println("To:   " + settings.to() + " as " + settings.user());
    try (Connection source = openSource();
        Connection target = openTarget()) {
      MigrationVersion version = sourceVersion(source);
      requireEmpty(target);
      MigrationVersion known =
          SchemaVersions.of(
                  Flyway.configure()
                      .dataSource(settings.to(), settings.user(), settings.password())
                      .locations("classpath:db/migration")
                      .load()
                      .info())
              .server();
      if (version.compareTo(known) > 0) {
        throw new Refusal(
            "The H2 database's schema is at version "
                + version
                + ", newer than this Tollgate's migrations (up to "
                + known
                + "): run the migrate command of the Tollgate version that last ran on it.");
      }
      Flyway flyway =
          Flyway.configure()
              .dataSource(settings.to(), settings.user(), settings.password())
              .locations("classpath:db/migration")
              .target(version.getVersion())
              .load();
      out.println("Verifying the audit chain in H2 …");
      Verification before = chain(settings.from(), "sa", "");
      if (!before.ok()) {
        throw new Refusal(
            "The audit chain in the H2 database does not verify ("
                + before.problem()
                + "); moving it would carry the break over. Restore a good backup first.");
      }
      out.println("  " + before.checked() + " events, intact");
      out.println("Migrating the target's schema to version " + version + " …");
      flyway.migrate();
      TableCopy copy = new TableCopy(source, target, settings.batch(), out);
      List<String> tables = copy.tablesInOrder();
      out.println("Copying " + tables.size() + " tables …");
      target.setAutoCommit(false);
      try {
        // rows the migrations put in (the chain's head, defaults) come from H2 like the rest
        for (int i = tables.size() - 1; i >= 0; i--) copy.empty(tables.get(i));
        for (String table : tables) copy.copy(table);
        copy.continueIdentities();
        List<String> mismatches = copy.compareCounts(tables);
        if (!mismatches.isEmpty()) {
          throw new Refusal(
              "Row counts differ after copying: " + String.join(", ", mismatches) + ".");
        }
        target.commit();
      } catch (SQLException | RuntimeException e) {
        target.rollback();
        throw e;
      }
      out.println("Row counts match in all " + tables.size() + " tables.");
      out.println("Verifying the audit chain on PostgreSQL …");
      Verification after = chain(settings.to(), settings.user(), settings.password());
      if (!after.ok()) {
        throw new Refusal(
            "The data was copied, but the audit chain does not verify on PostgreSQL ("
                + after.problem()
                + "). Keep running on H2 and drop the target database.");
      }
      out.println("  " + after.checked() + " events, intact");
      out.println(
          "Done. Start Tollgate with TOLLGATE_DB_URL="
              + settings.to()
              + " (and its user and password), keeping the data directory "
              + settings.dataDir()
              + " for its audit-key.pem and secret-key.");
    } catch (SQLException e) {
      throw new Refusal(
          "The copy failed and was rolled back (the target holds the schema but no data: drop and"
              + " create it again before retrying): "
              + (e.getNextException() != null ? e.getNextException().getMessage() : e.getMessage()),
          e);
    }
  }

  private Connection openSource() {
    String url = settings.from();
    if (!url.startsWith("jdbc:h2:")) {
      throw new Refusal("--from must be an H2 database (jdbc:h2:…), not " + url + ".");
    }
    try {
      return DriverManager.getConnection(url + ";IFEXISTS=TRUE", "sa", "");
    } catch (SQLException e) {
      if (e.getErrorCode() == 90146 || e.getErrorCode() == 90013) {
        throw new Refusal(
            "There is no Tollgate database at "
                + url
                + " ("
                + Path.of(settings.dataDir()).toAbsolutePath().normalize()
                + " holds no tollgate.mv.db): give the server's data directory with --data-dir.",
            e);
      }
      if (e.getErrorCode() == 90020
          || (e.getMessage() != null && e.getMessage().contains("in use"))) {
        throw new Refusal(
            "The H2 database is in use: stop the Tollgate server that runs on "
                + settings.dataDir()
                + " first (the move needs it at rest).",
            e);
      }
      throw new Refusal("The H2 database could not be opened: " + e.getMessage(), e);
    }
  }

  private Connection openTarget() {
    try {
      return DriverManager.getConnection(settings.to(), settings.user(), settings.password());
    } catch (SQLException e) {
      throw new Refusal(
          "PostgreSQL at " + settings.to() + " could not be reached: " + e.getMessage(), e);
    }
  }

  private static MigrationVersion sourceVersion(Connection source) throws SQLException {
    List<String> failed = new ArrayList<>();
    MigrationVersion newest = MigrationVersion.EMPTY;
    try (Statement s = source.createStatement();
        ResultSet rs =
            s.executeQuery(
                "select \"version\", \"success\" from \"flyway_schema_history\""
                    + " where \"version\" is not null")) {
      while (rs.next()) {
        MigrationVersion v = MigrationVersion.fromVersion(rs.getString(1));
        if (!rs.getBoolean(2)) failed.add(v.getVersion());
        if (v.compareTo(newest) > 0) newest = v;
      }
    } catch (SQLException e) {
      if (e.getErrorCode() == 42102 || e.getErrorCode() == 42104) {
        throw new Refusal("The H2 database holds no Tollgate schema (no Flyway history).", e);
      }
      throw e;
    }
    if (!failed.isEmpty()) {
      throw new Refusal(
          "The H2 database has failed migrations ("
              + String.join(", ", failed)
              + "): start the"
              + " server on it once to repair them, then stop it and move it.");
    }
    if (newest == MigrationVersion.EMPTY) {
      throw new Refusal("The H2 database holds no Tollgate schema (an empty Flyway history).");
    }
    return newest;
  }

  private static void requireEmpty(Connection target) throws SQLException {
    List<String> tables = new ArrayList<>();
    String schema;
    try (Statement s = target.createStatement();
        ResultSet rs = s.executeQuery("select current_schema()")) {
      rs.next();
      schema = rs.getString(1);
    }
    try (Statement s = target.createStatement();
        ResultSet rs =
            s.executeQuery(
                "select table_name from information_schema.tables"
                    + " where table_schema = current_schema() order by table_name")) {
      while (rs.next()) tables.add(rs.getString(1));
    }
    if (!tables.isEmpty()) {
      throw new Refusal(
          "The target database is not empty: its schema '"
              + schema
              + "' holds "
              + tables.size()
              + " tables ("
              + String.join(", ", tables.subList(0, Math.min(5, tables.size())))
              + (tables.size() > 5 ? ", …" : "")
              + "). Move into a new, empty database (createdb tollgate).");
    }
  }

  private Verification chain(String url, String user, String password) {
    String keyFile = settings.auditKeyFile();
    if ((keyFile == null || keyFile.isBlank())
        && !Files.exists(Path.of(settings.dataDir(), "audit-key.pem"))) {
      throw new Refusal(
          "The audit key is missing: "
              + Path.of(settings.dataDir(), "audit-key.pem").toAbsolutePath().normalize()
              + " does not exist (give --data-dir, or TOLLGATE_AUDIT_KEY_FILE).");
    }
    return ChainOnDatabase.verify(url, user, password, settings.dataDir(), keyFile);
  }
}
