package io.tollgate.cli;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;

/** {@code tollgate login}: checks a server and a token, then keeps them for the next commands. */
@Command(
    name = "login",
    mixinStandardHelpOptions = true,
    description = {
      "Log in: check a token against a server and keep both for the next commands.",
      "Kept in $XDG_CONFIG_HOME/tollgate/config.json (else ~/.config/tollgate), readable by you only.",
      "The token comes from --token-stdin, --token, TOLLGATE_TOKEN, or a prompt."
    })
final class LoginCommand extends ApiCommand {
  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "URL",
      description = "the server, e.g. https://tollgate.example.com (default: TOLLGATE_URL)")
  String url;

  @Option(
      names = "--token",
      paramLabel = "TOKEN",
      description =
          "the API token (visible to other users in the process list: prefer --token-stdin)")
  String token;

  @Option(names = "--token-stdin", description = "read the token from the first line of stdin")
  boolean tokenStdin;

  @Override
  public Integer call() {
    Session s = session();
    CliConfig.Login stored = CliConfig.read(s.configDirectory(), s.json());
    String server = url != null ? url : CliConfig.effective(s.env(), stored).url();
    if (server == null || server.isBlank()) {
      throw new CliException(ExitCodes.USAGE, "Name the server: tollgate login <url>");
    }
    String t = token();
    ApiClient client = s.client(server, t);
    JsonNode me = client.get("/api/v1/me");
    String base = client.base().toString();
    Path file = CliConfig.write(s.configDirectory(), new CliConfig.Login(base, t), s.json());
    if (json()) {
      printJson(me);
    } else {
      out().println("Logged in to " + base + " as " + WhoAmI.describe(me) + ".");
      out().println("Saved in " + file + " (readable by you only).");
      out().flush();
    }
    return ExitCodes.OK;
  }

  private String token() {
    if (tokenStdin) {
      try {
        String line =
            new BufferedReader(new InputStreamReader(session().in(), StandardCharsets.UTF_8))
                .readLine();
        if (line != null && !line.isBlank()) return line.strip();
      } catch (IOException e) {
        throw new CliException(
            ExitCodes.USAGE, "Cannot read the token from stdin: " + e.getMessage());
      }
      throw new CliException(ExitCodes.USAGE, "--token-stdin: stdin held no token");
    }
    if (token != null && !token.isBlank()) return token.strip();
    String env = session().env().get("TOLLGATE_TOKEN");
    if (env != null && !env.isBlank()) return env.strip();
    Console console = System.console();
    if (console != null) {
      char[] typed = console.readPassword("Token: ");
      if (typed != null && typed.length > 0) return new String(typed).strip();
    }
    throw new CliException(
        ExitCodes.USAGE, "No token: give --token-stdin (or --token, or TOLLGATE_TOKEN)");
  }

  /** {@code tollgate logout}: forgets the stored login. */
  @Command(
      name = "logout",
      mixinStandardHelpOptions = true,
      description = "Forget the server and token that `tollgate login` stored.")
  static final class Logout extends ApiCommand {
    @Override
    public Integer call() {
      Path dir = session().configDirectory();
      boolean had = CliConfig.delete(dir);
      return answer(
          object().put("removed", had),
          had ? "Logged out: removed " + dir.resolve(CliConfig.FILE) + "." : "Not logged in.");
    }
  }

  /** {@code tollgate whoami}: who the token in force belongs to, and their roles. */
  @Command(
      name = "whoami",
      mixinStandardHelpOptions = true,
      description = "Show who the token in force belongs to, and their roles per product.")
  static final class WhoAmI extends ApiCommand {
    @Override
    public Integer call() {
      JsonNode me = api().get("/api/v1/me");
      if (json()) {
        printJson(me);
        return ExitCodes.OK;
      }
      out().println(describe(me) + " at " + api().base());
      Table t = new Table("PRODUCT", "ROLES");
      for (JsonNode m : me.path("memberships")) {
        t.row(m.path("product").asString(""), join(m.path("roles")));
      }
      if (!t.isEmpty()) t.print(out());
      out().flush();
      return ExitCodes.OK;
    }

    static String describe(JsonNode me) {
      String name = me.path("username").asString("?");
      return me.path("admin").asBoolean(false) ? name + " (administrator)" : name;
    }
  }

  static String join(JsonNode array) {
    StringBuilder b = new StringBuilder();
    for (JsonNode n : array) {
      if (!b.isEmpty()) b.append(", ");
      b.append(n.asString(""));
    }
    return b.toString();
  }
}
