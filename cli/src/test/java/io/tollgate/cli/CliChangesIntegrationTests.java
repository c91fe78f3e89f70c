package io.tollgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** {@code tollgate changes add --from-git} and {@code evidence junit} from the packaged CLI. */
class CliChangesIntegrationTests {
  static TestServer server;
  static Team team;

  @BeforeAll
  static void start() {
    server = TestServer.get();
    team = Team.create(server);
  }

  @Test
  void aRangeThatDoesNotResolveIs2WithTheReasonAndCallsNothing(@TempDir Path dir) throws Exception {
    try (GitRepo repo = new GitRepo(dir)) {
      repo.commit("chore: initial");
      repo.tag("v1.0.0");
      repo.commit("feat: search");
    }
    // the release does not exist: the range is refused before any call
    String id = UUID.randomUUID().toString();
    Cli cli = Cli.as(server, team.rm).in(dir);
    Cli.Result r = cli.run("changes", "add", id, "--from-git", "v9.9.9..HEAD");
    assertThat(r.exit()).as(r.toString()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err()).contains("'v9.9.9' in 'v9.9.9..HEAD' does not resolve");

    Cli.Result syntax = cli.run("changes", "add", id, "--from-git", "v1.0.0...HEAD");
    assertThat(syntax.exit()).isEqualTo(ExitCodes.USAGE);
    assertThat(syntax.err()).contains("symmetric ranges");

    Path elsewhere = Files.createTempDirectory("not-a-repo");
    Cli.Result notRepo =
        Cli.as(server, team.rm).in(elsewhere).run("changes", "add", id, "--from-git", "HEAD");
    assertThat(notRepo.exit()).isEqualTo(ExitCodes.USAGE);
    assertThat(notRepo.err()).contains("is not in a git repository");

    Cli.Result fine = cli.run("changes", "add", id, "--from-git", "v1.0.0..HEAD");
    assertThat(fine.exit())
        .as("the range resolves, so the server is asked (and knows no such release)")
        .isEqualTo(ExitCodes.NOT_FOUND);
  }

  @Test
  void changesAddPostsTheCommitsOfARepositoryItReads(@TempDir Path dir) throws Exception {
    List<String> shas = new ArrayList<>();
    try (GitRepo repo = new GitRepo(dir)) {
      repo.commit("chore: initial");
      repo.tag("v0.1.0");
      shas.add(repo.commit("feat(cart): saved carts\n\nKeeps a cart for 30 days."));
      shas.add(repo.commit("fix: rounding of totals", "Grace Hopper"));
      shas.add(repo.commit("Update README"));
    }
    String id =
        Cli.as(server, team.rm)
            .run("release", "create", team.product, "--type", "minor", "-o", "json")
            .json()
            .path("id")
            .asString();
    Cli dev =
        Cli.as(server, team.developer)
            .in(dir)
            .with("GITHUB_SERVER_URL", "https://github.com")
            .with("GITHUB_REPOSITORY", "octo/shop");
    Cli.Result added = dev.run("changes", "add", id, "--from-git", "v0.1.0..HEAD");
    assertThat(added.exit()).as(added.toString()).isZero();
    assertThat(added.out()).startsWith("Added 3 commit(s) from v0.1.0..HEAD.");

    JsonNode changes = Cli.as(server, team.rm).run("changes", "list", id, "-o", "json").json();
    List<String> seen = new ArrayList<>();
    for (JsonNode c : changes.path("commits")) seen.add(c.path("sha").asString());
    assertThat(seen).containsExactlyInAnyOrderElementsOf(shas);
    JsonNode fix = null;
    for (JsonNode c : changes.path("commits"))
      if (c.path("sha").asString().equals(shas.get(1))) fix = c;
    assertThat(fix.path("author").asString()).isEqualTo("Grace Hopper");
    assertThat(fix.path("url").asString())
        .isEqualTo("https://github.com/octo/shop/commit/" + shas.get(1));
    assertThat(changes.path("suggested").path("type").asString()).isEqualTo("minor");

    assertThat(Cli.as(server, team.rm).run("changes", "list", id).out())
        .contains(shas.get(0).substring(0, 7))
        .contains("saved carts");
  }

  @Test
  void moreCommitsThanOneCallTakesArePostedInBatchesWithProgress(@TempDir Path dir)
      throws Exception {
    int count = 2 * ChangesCommand.BATCH + 37;
    List<String> shas = new ArrayList<>();
    try (GitRepo repo = new GitRepo(dir)) {
      repo.commit("chore: initial");
      repo.tag("v0.1.0");
      for (int i = 1; i <= count; i++) shas.add(repo.commit("fix: correction number " + i));
    }
    String id =
        Cli.as(server, team.rm)
            .run("release", "create", team.product, "--type", "patch", "-o", "json")
            .json()
            .path("id")
            .asString();
    Cli.Result added =
        Cli.as(server, team.developer).in(dir).run("changes", "add", id, "--from-git", "v0.1.0..");
    assertThat(added.exit()).as(added.toString()).isZero();
    assertThat(added.out()).startsWith("Added " + count + " commit(s) from v0.1.0...");
    assertThat(added.err())
        .contains("Posted 100/" + count + " commits (1/3 batches)")
        .contains("Posted 200/" + count + " commits (2/3 batches)")
        .contains("Posted " + count + "/" + count + " commits (3/3 batches)");

    JsonNode changes = Cli.as(server, team.rm).run("changes", "list", id, "-o", "json").json();
    List<String> seen = new ArrayList<>();
    for (JsonNode c : changes.path("commits")) seen.add(c.path("sha").asString());
    assertThat(seen).hasSize(count).containsExactlyInAnyOrderElementsOf(shas);

    Cli.Result again =
        Cli.as(server, team.developer).in(dir).run("changes", "add", id, "--from-git", "v0.1.0..");
    assertThat(again.exit()).as("posting the same range again is harmless").isZero();
    assertThat(
            Cli.as(server, team.rm)
                .run("changes", "list", id, "-o", "json")
                .json()
                .path("commits")
                .size())
        .isEqualTo(count);
  }

  @Test
  void evidenceJunitAttachesReportsToAStep(@TempDir Path dir) throws Exception {
    Path reports = Files.createDirectories(dir.resolve("surefire-reports"));
    Files.writeString(
        reports.resolve("TEST-io.example.CartTests.xml"),
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <testsuite name="io.example.CartTests" tests="3" failures="1" errors="0" skipped="1" time="0.250">
          <testcase name="addsAnItem" classname="io.example.CartTests" time="0.100"/>
          <testcase name="roundsTotals" classname="io.example.CartTests" time="0.120">
            <failure message="expected 10.00 but was 9.99" type="org.opentest4j.AssertionFailedError">trace</failure>
          </testcase>
          <testcase name="later" classname="io.example.CartTests" time="0.0"><skipped/></testcase>
        </testsuite>
        """);
    String id =
        Cli.as(server, team.rm)
            .run("release", "create", team.product, "--type", "minor", "-o", "json")
            .json()
            .path("id")
            .asString();
    Cli qa = Cli.as(server, team.qa).in(dir);
    Cli.Result r = qa.run("evidence", "junit", id, "surefire-reports", "--step", "quality-gate");
    assertThat(r.exit()).as(r.toString()).isZero();
    assertThat(r.out())
        .containsPattern("TEST-io.example.CartTests.xml\\s+3\\s+1\\s+0\\s+1")
        .contains("io.example.CartTests › roundsTotals")
        .contains("Attached 1 report(s) to step quality-gate.");

    JsonNode json =
        qa.run(
                "evidence",
                "junit",
                id,
                "surefire-reports/TEST-io.example.CartTests.xml",
                "--requirement",
                "acceptance-criteria",
                "-o",
                "json")
            .json();
    assertThat(json.get(0).path("attachedTo").path("kind").asString()).isEqualTo("requirement");
    assertThat(json.get(0).path("failing").get(0).path("name").asString())
        .isEqualTo("roundsTotals");

    Cli.Result neither = qa.run("evidence", "junit", id, "surefire-reports");
    assertThat(neither.exit()).isEqualTo(ExitCodes.USAGE);
  }
}
