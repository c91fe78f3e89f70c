package io.tollgate.cli;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code tollgate}: Tollgate's REST API from a terminal or a pipeline. */
@Command(
    name = "tollgate",
    mixinStandardHelpOptions = true,
    versionProvider = Tollgate.Version.class,
    description = {
      "Tollgate from a terminal or a pipeline: plan releases, meet requirements with evidence,",
      "complete steps, decide go/no-go, wait for a release, check a process file offline.",
      "",
      "Log in once with `tollgate login <url>` (or set TOLLGATE_URL and TOLLGATE_TOKEN).",
      "Every command takes -o json for scripts."
    },
    footerHeading = "%n",
    footer = {
      ExitCodes.HELP,
      "Environment:",
      "  TOLLGATE_URL, TOLLGATE_TOKEN  server and token, over what `tollgate login` stored",
      "  TOLLGATE_TIMEOUT              seconds per request (default 30)",
      "  XDG_CONFIG_HOME               where the login is kept (default ~/.config/tollgate)"
    },
    subcommands = {
      CommandLine.HelpCommand.class,
      LoginCommand.class,
      LoginCommand.Logout.class,
      LoginCommand.WhoAmI.class,
      ReleaseCommand.class,
      RequirementCommand.class,
      StepCommand.class,
      HandoffCommand.class,
      DecideCommand.class,
      NotesCommand.class,
      ChangesCommand.class,
      EvidenceCommand.class,
      ProcessCommand.class,
      AuditCommand.class
    })
public final class Tollgate implements Runnable {
  private final Session session;
  @Spec CommandSpec spec;

  Tollgate(Session session) {
    this.session = session;
  }

  Session session() {
    return session;
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "Name a command.");
  }

  public static void main(String[] args) {
    // The JDK keeps an idle connection for 20 minutes; the server closes it after 20 s, and a
    // POST sent into a connection the server just closed fails ("header parser received no
    // bytes") instead of being retried. Drop idle connections before the server does.
    if (System.getProperty("jdk.httpclient.keepalive.timeout") == null) {
      System.setProperty("jdk.httpclient.keepalive.timeout", "10");
    }
    // UTF-8 whatever the locale says: JSON for scripts is UTF-8, and so are today's terminals
    PrintWriter out =
        new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
    PrintWriter err =
        new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
    int code = execute(new Session(System.getenv(), System.in, out, err), args);
    out.flush();
    err.flush();
    System.exit(code);
  }

  /** Runs one command line; returns its exit code. */
  static int execute(Session session, String... args) {
    return commandLine(session).execute(args);
  }

  static CommandLine commandLine(Session session) {
    CommandLine cl = new CommandLine(new Tollgate(session));
    cl.addSubcommand("completion", new AutoComplete.GenerateCompletion());
    cl.getSubcommands()
        .get("completion")
        .getCommandSpec()
        .usageMessage()
        .description(
            "Print a bash/zsh completion script for tollgate.",
            "bash: source <(tollgate completion)",
            "zsh:  autoload -U +X bashcompinit && bashcompinit && source <(tollgate completion)");
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    cl.setOut(session.out());
    cl.setErr(session.err());
    cl.setExecutionExceptionHandler(
        (ex, commandLine, parseResult) ->
            failed(ex, session, commandLine.getCommand() instanceof ApiCommand c && c.json()));
    return cl;
  }

  /** Prints why a command failed (the problem as JSON with -o json); returns the exit code. */
  static int failed(Exception ex, Session session, boolean json) {
    PrintWriter err = session.err();
    if (ex instanceof ApiException api) {
      if (json) {
        err.println(
            session.json().writerWithDefaultPrettyPrinter().writeValueAsString(api.problem()));
        err.flush();
      } else {
        ProblemReport.print(api, err);
      }
      return api.exitCode();
    }
    if (ex instanceof CliException cli) {
      err.println("tollgate: " + cli.getMessage());
      err.flush();
      return cli.exitCode();
    }
    err.println("tollgate: unexpected error: " + ex);
    if (session.env().containsKey("TOLLGATE_DEBUG")) ex.printStackTrace(err);
    err.flush();
    return ExitCodes.SERVER;
  }

  static String version() {
    String v = Tollgate.class.getPackage().getImplementationVersion();
    return v == null ? "dev" : v;
  }

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"tollgate " + version()};
    }
  }
}
