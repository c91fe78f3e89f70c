package io.tollgate.lifecycle;

import io.tollgate.lifecycle.internal.MoveToPostgres;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The commands {@code java -jar tollgate-server.jar <command>} runs instead of the server, chosen
 * before Spring Boot starts a web server. One so far: {@code migrate}.
 */
public final class Commands {
  private Commands() {}

  static final String MIGRATE_USAGE =
      """
      Usage: java -jar tollgate-server.jar migrate --to jdbc:postgresql://HOST:PORT/DATABASE
               [--user USER] [--password PASSWORD] [--data-dir DIR] [--from H2-JDBC-URL]
               [--batch ROWS]

      Moves the embedded H2 database of a stopped Tollgate (in DIR, default TOLLGATE_DATA_DIR or
      ./data) into an empty PostgreSQL database: migrates its schema to the H2 database's version,
      copies every table, checks the row counts and verifies the audit chain there.
      The user and password may also come from TOLLGATE_MIGRATE_USER and TOLLGATE_MIGRATE_PASSWORD.
      Keep the data directory: its audit-key.pem and secret-key are needed with PostgreSQL too.
      """;

  /**
   * Runs the command the arguments name, if they name one.
   *
   * @return the exit status, or empty when the arguments are the server's
   */
  public static Optional<Integer> run(String[] args, Map<String, String> env, PrintStream out) {
    if (args.length == 0 || !args[0].equals("migrate")) return Optional.empty();
    Map<String, String> options = new LinkedHashMap<>();
    for (int i = 1; i < args.length; i++) {
      String arg = args[i];
      if (arg.equals("--help") || arg.equals("-h")) {
        out.print(MIGRATE_USAGE);
        return Optional.of(0);
      }
      if (!arg.startsWith("--")) return usage(out, "Unexpected argument '" + arg + "'.");
      int eq = arg.indexOf('=');
      if (eq > 0) {
        options.put(arg.substring(2, eq), arg.substring(eq + 1));
      } else if (i + 1 < args.length) {
        options.put(arg.substring(2), args[++i]);
      } else {
        return usage(out, "The option " + arg + " needs a value.");
      }
    }
    for (String name : options.keySet()) {
      if (!java.util.Set.of("to", "user", "password", "data-dir", "from", "batch").contains(name)) {
        return usage(out, "Unknown option --" + name + ".");
      }
    }
    String to = options.get("to");
    if (to == null || !to.startsWith("jdbc:postgresql:")) {
      return usage(out, "--to must name the PostgreSQL database: jdbc:postgresql://HOST:PORT/DB.");
    }
    String dataDir =
        options.getOrDefault("data-dir", env.getOrDefault("TOLLGATE_DATA_DIR", "./data"));
    int batch;
    try {
      batch = Integer.parseInt(options.getOrDefault("batch", "500"));
    } catch (NumberFormatException e) {
      return usage(out, "--batch must be a number of rows.");
    }
    if (batch < 1) return usage(out, "--batch must be at least 1.");
    MoveToPostgres.Settings settings =
        new MoveToPostgres.Settings(
            options.getOrDefault("from", MoveToPostgres.h2Url(dataDir)),
            to,
            options.getOrDefault("user", env.getOrDefault("TOLLGATE_MIGRATE_USER", "postgres")),
            options.getOrDefault("password", env.getOrDefault("TOLLGATE_MIGRATE_PASSWORD", "")),
            dataDir,
            env.get("TOLLGATE_AUDIT_KEY_FILE"),
            batch);
    try {
      new MoveToPostgres(settings, out).run();
      return Optional.of(0);
    } catch (MoveToPostgres.Refusal e) {
      out.println();
      out.println("Not migrated: " + e.getMessage());
      return Optional.of(2);
    }
  }

  private static Optional<Integer> usage(PrintStream out, String problem) {
    out.println(problem);
    out.println();
    out.print(MIGRATE_USAGE);
    return Optional.of(64);
  }
}
