package io.tollgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Arguments, help and usage errors, without a server. */
class CommandLineTests {
  @TempDir Path home;

  Map<String, String> env() {
    return Map.of("HOME", home.toString());
  }

  Map<String, String> server() {
    // a port nothing listens on: any call would be exit 5, so exit 2 proves no call was made
    return Map.of(
        "HOME", home.toString(), "TOLLGATE_URL", "http://127.0.0.1:9", "TOLLGATE_TOKEN", "t");
  }

  @Test
  void helpListsEveryCommandAndTheExitCodes() {
    InProcess.Result r = InProcess.run(env(), "--help");
    assertThat(r.exit()).isZero();
    assertThat(r.out())
        .contains("Usage: tollgate")
        .contains("login", "logout", "whoami", "release", "requirement", "step", "decide", "notes")
        .contains("changes", "evidence", "process", "audit", "completion")
        .contains("Exit codes:", "3  not found", "6  release wait: timed out")
        .contains("TOLLGATE_URL, TOLLGATE_TOKEN");
  }

  @Test
  void eachCommandHasItsHelp() {
    assertThat(InProcess.run(env(), "release", "--help").out())
        .contains("create", "list", "show", "wait");
    InProcess.Result wait = InProcess.run(env(), "release", "wait", "--help");
    assertThat(wait.exit()).isZero();
    assertThat(wait.out())
        .contains("--status=STATUS", "--timeout", "default 30m", "-o, --output=table|json");
    assertThat(InProcess.run(env(), "step", "complete", "--help").out())
        .contains("--outcome", "--evidence-url=URL");
    assertThat(InProcess.run(env(), "help", "step").out()).contains("complete", "skip", "start");
    assertThat(InProcess.run(env(), "evidence", "junit", "--help").out())
        .contains("--requirement=KEY", "--step=KEY");
  }

  @Test
  void noCommandOrAnUnknownOneIsAUsageError() {
    InProcess.Result none = InProcess.run(env());
    assertThat(none.exit()).isEqualTo(ExitCodes.USAGE);
    assertThat(none.err()).contains("Name a command.").contains("Usage: tollgate");

    InProcess.Result unknown = InProcess.run(env(), "relase");
    assertThat(unknown.exit()).isEqualTo(ExitCodes.USAGE);
    assertThat(unknown.err())
        .contains("Unmatched argument at index 0: 'relase'")
        .contains("Did you mean: tollgate release");

    InProcess.Result group = InProcess.run(server(), "release");
    assertThat(group.exit()).isEqualTo(ExitCodes.USAGE);
    assertThat(group.err()).contains("Missing required subcommand");
  }

  @Test
  void wrongArgumentsAreUsageErrorsBeforeAnyCall() {
    assertUsage(
        InProcess.run(server(), "release", "create", "shop"),
        "Missing required option: '--type=<type>'");
    assertUsage(
        InProcess.run(server(), "release", "list", "shop", "-o", "yaml"),
        "Invalid value for option '--output'");
    assertUsage(
        InProcess.run(
            server(), "release", "wait", "r1", "--status", "approved", "--timeout", "soon"),
        "'soon' is not a duration");
    assertUsage(
        InProcess.run(server(), "release", "wait", "r1"),
        "Missing required option: '--status=STATUS'");
    assertUsage(
        InProcess.run(server(), "decide", "r1", "maybe", "--rationale", "x"),
        "DECISION must be go or no-go");
    assertUsage(
        InProcess.run(server(), "decide", "r1", "go"),
        "Missing required option: '--rationale=<rationale>'");
    assertUsage(
        InProcess.run(server(), "step", "skip", "r1", "backup"),
        "Missing required option: '--reason=<reason>'");
    assertUsage(InProcess.run(server(), "notes", "set", "r1"), "Give at least one field to write.");
    assertUsage(
        InProcess.run(server(), "notes", "set", "r1", "--field", "novalue"),
        "--field takes KEY=TEXT");
    assertUsage(
        InProcess.run(server(), "notes", "get", "r1", "--format", "pdf"),
        "Invalid value for option '--format'");
    assertUsage(
        InProcess.run(
            server(),
            "release",
            "create",
            "shop",
            "--type",
            "minor",
            "--window-start",
            "2026-12-01T10:00:00Z"),
        "Missing required argument(s): --window-end");
    assertUsage(
        InProcess.run(server(), "evidence", "junit", "r1", "a.xml"),
        "Missing required argument (specify one of these): (--requirement=KEY | --step=KEY)");
    assertUsage(
        InProcess.run(
            server(), "evidence", "junit", "r1", "a.xml", "--step", "s", "--requirement", "q"),
        "are mutually exclusive");
    assertUsage(
        InProcess.run(
            server(),
            "evidence",
            "junit",
            "r1",
            home.resolve("none.xml").toString(),
            "--step",
            "s"),
        "No such file");
    assertUsage(
        InProcess.run(server(), "changes", "add", "r1"),
        "Missing required option: '--from-git=RANGE'");
  }

  @Test
  void withoutALoginTheCommandSaysHowToLogIn() {
    InProcess.Result noServer = InProcess.run(env(), "release", "show", "r1");
    assertThat(noServer.exit()).isEqualTo(ExitCodes.USAGE);
    assertThat(noServer.err())
        .contains("No server: run `tollgate login <url>` or set TOLLGATE_URL and TOLLGATE_TOKEN");

    InProcess.Result noToken =
        InProcess.run(
            Map.of("HOME", home.toString(), "TOLLGATE_URL", "http://127.0.0.1:9"),
            "release",
            "show",
            "r1");
    assertThat(noToken.exit()).isEqualTo(ExitCodes.AUTH);
    assertThat(noToken.err()).contains("No token");
  }

  @Test
  void anUnreachableServerIsExit5() {
    InProcess.Result r = InProcess.run(server(), "release", "show", "r1");
    assertThat(r.exit()).as(r.toString()).isEqualTo(ExitCodes.SERVER);
    assertThat(r.err()).startsWith("tollgate: Cannot reach the server at http://127.0.0.1:9");
  }

  @Test
  void completionIsABashScriptForEveryCommand() {
    InProcess.Result r = InProcess.run(env(), "completion");
    assertThat(r.exit()).isZero();
    assertThat(r.out())
        .contains("complete -F _complete_tollgate -o default tollgate")
        .contains("function _picocli_tollgate_release_wait()")
        .contains("(\"succeeded\" \"failed\") # --outcome values")
        .contains("(\"patch\" \"minor\" \"major\") # --type values");
  }

  private static void assertUsage(InProcess.Result r, String message) {
    assertThat(r.exit()).as(r.toString()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err()).as(r.toString()).contains(message);
  }
}
