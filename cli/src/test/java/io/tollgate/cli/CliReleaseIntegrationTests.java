package io.tollgate.cli;

import static java.nio.file.attribute.PosixFilePermission.OWNER_EXECUTE;
import static java.nio.file.attribute.PosixFilePermission.OWNER_READ;
import static java.nio.file.attribute.PosixFilePermission.OWNER_WRITE;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A whole release of the built-in process from the packaged CLI against a real server, each person
 * with their own token: the release manager logged in (stored login), the others through
 * TOLLGATE_URL/TOLLGATE_TOKEN.
 */
class CliReleaseIntegrationTests {
  static TestServer server;
  static Team team;

  @BeforeAll
  static void start() {
    server = TestServer.get();
    team = Team.create(server);
  }

  static Cli.Result ok(Cli.Result r) {
    assertThat(r.exit()).as(r.toString()).isZero();
    return r;
  }

  @Test
  void aWholeReleaseFromTheCli() throws Exception {
    Cli rm = new Cli();
    Cli.Result login = ok(rm.runWithInput(team.rm + "\n", "login", server.url, "--token-stdin"));
    assertThat(login.out()).contains("Logged in to " + server.url + " as " + team.product + "-rm");
    assertThat(Files.getPosixFilePermissions(rm.configFile()))
        .containsExactlyInAnyOrder(OWNER_READ, OWNER_WRITE);
    assertThat(Files.getPosixFilePermissions(rm.configFile().getParent()))
        .containsExactlyInAnyOrder(OWNER_READ, OWNER_WRITE, OWNER_EXECUTE);
    assertThat(Files.readString(rm.configFile())).contains(team.rm).contains(server.url);

    Cli qa = Cli.as(server, team.qa);
    Cli ops = Cli.as(server, team.devops);
    Cli sup = Cli.as(server, team.support);

    JsonNode created =
        ok(rm.run(
                "release",
                "create",
                team.product,
                "--type",
                "minor",
                "--name",
                "Checkout",
                "-o",
                "json"))
            .json();
    String id = created.path("id").asString();
    assertThat(created.path("version").asString()).isEqualTo("0.1.0");
    assertThat(created.path("status").asString()).isEqualTo("planned");

    assertThat(
            ok(qa.run(
                    "requirement",
                    "meet",
                    id,
                    "acceptance-criteria",
                    "--evidence-url",
                    "https://tracker.example/epic/1"))
                .out())
        .startsWith("Requirement acceptance-criteria: met — " + team.product + " 0.1.0 (minor)");
    ok(
        ops.run(
            "requirement",
            "meet",
            id,
            "ci-security",
            "--evidence-url",
            "https://ci.example/runs/7",
            "--note",
            "green"));
    ok(
        rm.run(
            "notes",
            "set",
            id,
            "--summary",
            "Faster checkout",
            "--notable-change",
            "One-page checkout",
            "--notable-change",
            "Saved carts"));
    ok(qa.run("notes", "set", id, "--known-issue", "None known"));
    ok(rm.run("requirement", "meet", id, "release-notes"));
    ok(
        ops.run(
            "requirement",
            "meet",
            id,
            "rollback-plan",
            "--evidence-url",
            "https://wiki.example/rollback"));
    ok(rm.run("requirement", "meet", id, "support-trained", "--note", "session held"));
    ok(sup.run("requirement", "meet", id, "support-trained", "--note", "attended"));
    ok(rm.run("step", "complete", id, "schedule-window", "--note", "Tuesday 10:00"));
    assertThat(ok(ops.run("step", "skip", id, "backup", "--reason", "stateless release")).out())
        .startsWith("Step backup: skipped");

    Cli.Result early = rm.run("decide", id, "go", "--rationale", "too early");
    assertThat(early.exit()).as(early.toString()).isEqualTo(ExitCodes.REFUSED);
    assertThat(early.err())
        .contains("refused")
        .contains("HTTP 409")
        .contains("Waiting for:")
        .contains("quality-gate");

    ok(qa.run("step", "complete", id, "quality-gate", "--note", "signed off"));
    assertThat(ok(rm.run("handoff", "ack", id, "qa-to-rm")).out())
        .startsWith("Handoff qa-to-rm: acknowledged");
    ok(
        ops.run(
            "step",
            "complete",
            id,
            "deploy-staging",
            "--outcome",
            "succeeded",
            "--evidence-url",
            "https://ci.example/deploy/1"));
    ok(qa.run("step", "complete", id, "smoke-staging", "--outcome", "succeeded"));

    String shown = ok(rm.run("release", "show", id)).out();
    assertThat(shown)
        .contains(team.product + " 0.1.0 (minor) — awaiting-decision")
        .contains("requirements 6/6 met")
        .containsPattern(
            "ci-security\\s+devops\\s+met\\s+\\S+\\s+https://ci.example/runs/7 — green")
        .containsPattern("backup\\s+devops\\s+skipped \\(optional\\)")
        .contains("decision: none yet");

    assertThat(ok(rm.run("decide", id, "go", "--rationale", "all gates met")).out())
        .isEqualTo("Decided go — " + team.product + " 0.1.0 (minor) — approved\n");
    Cli.Result waited =
        ok(ops.run("release", "wait", id, "--status", "approved,released", "--timeout", "20s"));
    assertThat(waited.out()).startsWith("Reached: ");
    assertThat(waited.err()).contains("waiting for approved or released");

    ok(ops.run("step", "complete", id, "deploy-production", "--outcome", "succeeded"));
    ok(ops.run("step", "complete", id, "verify-production", "--outcome", "succeeded"));
    ok(rm.run("step", "complete", id, "announce", "--note", "mail sent"));
    ok(sup.run("step", "complete", id, "monitor-customers", "--note", "quiet"));

    JsonNode closed = ok(rm.run("release", "show", team.product + "@0.1.0", "-o", "json")).json();
    assertThat(closed.path("id").asString()).isEqualTo(id);
    assertThat(closed.path("status").asString()).isEqualTo("closed");
    assertThat(closed.path("decision").path("rationale").asString()).isEqualTo("all gates met");

    assertThat(ok(qa.run("notes", "get", id)).out())
        .contains("Faster checkout")
        .contains("Saved carts")
        .contains("None known");
    assertThat(ok(qa.run("notes", "get", id, "--format", "html")).out())
        .contains("<")
        .contains("One-page checkout");

    assertThat(ok(rm.run("release", "list", team.product)).out())
        .containsPattern(id + "\\s+0\\.1\\.0\\s+minor\\s+closed\\s+Checkout")
        .contains("page 1 of 1 · 1 release(s)");
    JsonNode list =
        ok(rm.run("release", "list", team.product, "--status", "closed", "-o", "json")).json();
    assertThat(list.path("items").get(0).path("id").asString()).isEqualTo(id);

    assertThat(ok(rm.run("logout")).out()).startsWith("Logged out");
    assertThat(rm.configFile()).doesNotExist();
    assertThat(rm.run("release", "show", id).exit()).isEqualTo(ExitCodes.USAGE);
  }
}
