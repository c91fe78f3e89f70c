package io.tollgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** The documented exit codes, -o json and the offline commands, from the packaged CLI. */
class CliExitCodesIntegrationTests {
  static TestServer server;
  static Team team;

  @BeforeAll
  static void start() {
    server = TestServer.get();
    team = Team.create(server);
  }

  static String plan() {
    return Cli.as(server, team.rm)
        .run("release", "create", team.product, "--type", "patch", "-o", "json")
        .json()
        .path("id")
        .asString();
  }

  @Test
  void notFoundIs3AndItsProblemIsJsonWithOutputJson() {
    Cli.Result r =
        Cli.as(server, team.qa).run("release", "show", UUID.randomUUID().toString(), "-o", "json");
    assertThat(r.exit()).as(r.toString()).isEqualTo(ExitCodes.NOT_FOUND);
    assertThat(r.out()).isEmpty();
    JsonNode problem = r.errJson();
    assertThat(problem.path("status").asInt()).isEqualTo(404);
    assertThat(problem.path("detail").asString()).isNotBlank();

    Cli.Result noVersion = Cli.as(server, team.qa).run("release", "show", team.product + "@9.9.9");
    assertThat(noVersion.exit()).as(noVersion.toString()).isEqualTo(ExitCodes.NOT_FOUND);
    assertThat(noVersion.err()).contains("The product " + team.product + " has no release 9.9.9");

    Cli.Result table = Cli.as(server, team.qa).run("release", "list", "no-such-product");
    assertThat(table.exit()).as(table.toString()).isEqualTo(ExitCodes.NOT_FOUND);
    assertThat(table.err()).startsWith("tollgate: not found").contains("HTTP 404");
  }

  @Test
  void anUnknownTokenOrAMissingRoleIs4() {
    Cli.Result unknown = Cli.as(server, "tg_not-a-token").run("release", "list", team.product);
    assertThat(unknown.exit()).as(unknown.toString()).isEqualTo(ExitCodes.AUTH);
    assertThat(unknown.err()).contains("HTTP 401");

    String id = plan();
    Cli.Result forbidden =
        Cli.as(server, team.developer).run("step", "complete", id, "schedule-window");
    assertThat(forbidden.exit()).as(forbidden.toString()).isEqualTo(ExitCodes.AUTH);
    assertThat(forbidden.err()).startsWith("tollgate: not allowed").contains("HTTP 403");

    Cli.Result badLogin =
        new Cli().runWithInput("tg_wrong\n", "login", server.url, "--token-stdin");
    assertThat(badLogin.exit()).as(badLogin.toString()).isEqualTo(ExitCodes.AUTH);
  }

  @Test
  void aRefusalIs1AndSaysWhatItWaitsFor() {
    String id = plan();
    Cli.Result r = Cli.as(server, team.rm).run("decide", id, "go", "--rationale", "now");
    assertThat(r.exit()).as(r.toString()).isEqualTo(ExitCodes.REFUSED);
    assertThat(r.err())
        .contains("Waiting for:")
        .containsPattern("requirement\\s+acceptance-criteria");

    Cli.Result json =
        Cli.as(server, team.rm).run("decide", id, "go", "--rationale", "now", "-o", "json");
    assertThat(json.exit()).isEqualTo(ExitCodes.REFUSED);
    assertThat(json.errJson().path("blockers").isArray()).isTrue();
    assertThat(json.errJson().path("blockers").size()).isGreaterThan(1);

    Cli.Result invalid =
        Cli.as(server, team.rm)
            .run("release", "create", team.product, "--type", "minor", "--version", "one.two");
    assertThat(invalid.exit()).as(invalid.toString()).isEqualTo(ExitCodes.REFUSED);
    assertThat(invalid.err()).contains("HTTP 422");
  }

  @Test
  void badArgumentsAre2WithoutCallingTheServer() {
    Cli.Result missing = Cli.as(server, team.rm).run("release", "create", team.product);
    assertThat(missing.exit()).isEqualTo(ExitCodes.USAGE);
    assertThat(missing.err())
        .contains("Missing required option: '--type=<type>'")
        .contains("Usage: tollgate release create");

    Cli.Result unknown = Cli.as(server, team.rm).run("relase", "list");
    assertThat(unknown.exit()).isEqualTo(ExitCodes.USAGE);

    Cli.Result noServer = new Cli().run("release", "list", team.product);
    assertThat(noServer.exit()).isEqualTo(ExitCodes.USAGE);
    assertThat(noServer.err()).contains("tollgate login");
  }

  @Test
  void anUnreachableServerIs5() throws Exception {
    int port;
    try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Cli.Result r =
        new Cli()
            .with("TOLLGATE_URL", "http://127.0.0.1:" + port)
            .with("TOLLGATE_TOKEN", "x")
            .run("release", "list", "p");
    assertThat(r.exit()).as(r.toString()).isEqualTo(ExitCodes.SERVER);
    assertThat(r.err()).contains("Cannot reach the server at http://127.0.0.1:" + port);
  }

  @Test
  void waitSaysWhichWayItEnded() {
    String id = plan();
    Cli.Result timedOut =
        Cli.as(server, team.qa)
            .run(
                "release",
                "wait",
                id,
                "--status",
                "approved",
                "--timeout",
                "1s",
                "--interval",
                "200ms");
    assertThat(timedOut.exit()).as(timedOut.toString()).isEqualTo(ExitCodes.TIMEOUT);
    assertThat(timedOut.err()).contains("Timed out after 1s: the release is planned, not approved");

    server.call(
        team.rm, "POST", "/api/v1/releases/" + id + "/cancel", Map.of("reason", "superseded"));
    Cli.Result ended =
        Cli.as(server, team.qa)
            .run("release", "wait", id, "--status", "released", "--timeout", "30s", "-o", "json");
    assertThat(ended.exit()).as(ended.toString()).isEqualTo(ExitCodes.REFUSED);
    assertThat(ended.json().path("status").asString()).isEqualTo("cancelled");
    assertThat(ended.err()).contains("ended in status cancelled");

    Cli.Result reached =
        Cli.as(server, team.qa).run("release", "wait", id, "--status", "cancelled", "--quiet");
    assertThat(reached.exit()).as(reached.toString()).isZero();
    assertThat(reached.err()).isEmpty();
  }

  @Test
  void processValidateWorksOfflineAndGivesEveryProblemWithItsLine(@TempDir Path dir)
      throws Exception {
    String yaml;
    try (InputStream in =
        getClass().getResourceAsStream("/io/tollgate/process/octoacme-standard.yaml")) {
      yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    Path good = dir.resolve("good.yaml");
    Files.writeString(good, yaml);
    Cli offline = new Cli(); // no TOLLGATE_URL, no login: no server involved
    Cli.Result valid = offline.in(dir).run("process", "validate", "good.yaml");
    assertThat(valid.exit()).as(valid.toString()).isZero();
    assertThat(valid.out()).startsWith("good.yaml: valid — process octoacme-standard");

    List<String> lines = yaml.lines().toList();
    int first = lines.indexOf("    owner: devops") + 1;
    int second = lines.subList(first, lines.size()).indexOf("    owner: devops") + first + 1;
    String broken =
        String.join("\n", lines.subList(0, first - 1))
            + "\n    owner: dev-ops\n"
            + String.join("\n", lines.subList(first, second - 1))
            + "\n    owner: ops-team\n"
            + String.join("\n", lines.subList(second, lines.size()))
            + "\n";
    Files.writeString(dir.resolve("bad.yaml"), broken);
    Cli.Result invalid = offline.run("process", "validate", "bad.yaml");
    assertThat(invalid.exit()).as(invalid.toString()).isEqualTo(ExitCodes.REFUSED);
    assertThat(invalid.out())
        .containsPattern("(?m)^bad\\.yaml:" + first + ": .*dev-ops")
        .containsPattern("(?m)^bad\\.yaml:" + second + ": .*ops-team")
        .contains("2 problem(s) in bad.yaml");

    JsonNode json = offline.run("process", "validate", "bad.yaml", "-o", "json").json();
    assertThat(json.path("valid").asBoolean()).isFalse();
    assertThat(json.path("errors").get(0).path("line").asInt()).isEqualTo(first);

    Cli.Result absent = offline.run("process", "validate", "nope.yaml");
    assertThat(absent.exit()).isEqualTo(ExitCodes.USAGE);
    assertThat(absent.err()).contains("No such file: nope.yaml");
  }

  @Test
  void theLauncherRunsTheJarAndHelpListsCommandsAndExitCodes() {
    Cli.Result version = new Cli().launcher("--version");
    assertThat(version.exit()).as(version.toString()).isZero();
    assertThat(version.out()).startsWith("tollgate ");

    Cli.Result help = new Cli().launcher("--help");
    assertThat(help.exit()).isZero();
    assertThat(help.out())
        .contains(
            "login",
            "release",
            "requirement",
            "step",
            "decide",
            "notes",
            "changes",
            "evidence",
            "process",
            "audit",
            "completion")
        .contains("Exit codes:")
        .contains("4  authentication");

    Cli.Result completion = new Cli().run("completion");
    assertThat(completion.exit()).isZero();
    assertThat(completion.out())
        .contains("complete -F")
        .contains("_picocli_tollgate")
        .contains("release")
        .contains("wait");
  }

  @Test
  void auditVerifyAnswersForTheAdministratorOnly() {
    Cli.Result admin = Cli.as(server, TestServer.ADMIN_TOKEN).run("audit", "verify");
    assertThat(admin.exit()).as(admin.toString()).isZero();
    assertThat(admin.out()).startsWith("Audit chain intact: ");
    assertThat(
            Cli.as(server, TestServer.ADMIN_TOKEN)
                .run("audit", "verify", "-o", "json")
                .json()
                .path("ok")
                .asBoolean())
        .isTrue();
    assertThat(Cli.as(server, team.qa).run("audit", "verify").exit()).isEqualTo(ExitCodes.AUTH);
  }
}
