package io.tollgate.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitCommitsTests {
  @TempDir Path dir;

  @Test
  void aRangeGivesItsCommitsOldestFirst() throws Exception {
    String a;
    String b;
    String c;
    try (GitRepo repo = new GitRepo(dir)) {
      repo.commit("chore: initial");
      repo.tag("v1.0.0");
      a = repo.commit("feat: search\n\nWith filters.");
      b = repo.commit("fix: totals", "Grace Hopper");
      repo.tag("v1.1.0");
      c = repo.commit("docs: readme");
    }
    List<GitCommits.Commit> range =
        GitCommits.read(dir, "v1.0.0..v1.1.0", "https://git.example/c/{sha}", 100);
    assertThat(range).extracting(GitCommits.Commit::sha).containsExactly(a, b);
    assertThat(range.get(0).message()).isEqualTo("feat: search\n\nWith filters.");
    assertThat(range.get(1).author()).isEqualTo("Grace Hopper");
    assertThat(range.get(1).url()).isEqualTo("https://git.example/c/" + b);

    assertThat(GitCommits.read(dir, "v1.1.0..", null, 100))
        .extracting(GitCommits.Commit::sha)
        .containsExactly(c);
    assertThat(GitCommits.read(dir, "v1.1.0..HEAD", null, 100).get(0).url()).isNull();
    assertThat(GitCommits.read(dir, "HEAD", null, 100)).hasSize(4);
    assertThat(GitCommits.read(dir.resolve("."), b.substring(0, 10) + "..main", null, 100))
        .extracting(GitCommits.Commit::sha)
        .containsExactly(c);
    assertThat(GitCommits.read(dir, "main..main", null, 100)).isEmpty();
  }

  @Test
  void aRangeThatDoesNotResolveIsAUsageErrorWithTheReason() throws Exception {
    try (GitRepo repo = new GitRepo(dir)) {
      repo.commit("chore: initial");
    }
    assertUsage(
        () -> GitCommits.read(dir, "v9..HEAD", null, 100),
        "'v9' in 'v9..HEAD' does not resolve: no such branch, tag or commit");
    assertUsage(
        () -> GitCommits.read(dir, "HEAD..nope", null, 100),
        "'nope' in 'HEAD..nope' does not resolve");
    assertUsage(
        () -> GitCommits.read(dir, "a...b", null, 100),
        "symmetric ranges (A...B) are not supported");
    assertUsage(() -> GitCommits.read(dir, " ", null, 100), "The git range is empty");
    assertUsage(() -> GitCommits.read(dir, "HEAD", null, 0), "holds more than 0 commits");
  }

  @Test
  void outsideARepositoryIsAUsageError(@TempDir Path empty) {
    assertUsage(() -> GitCommits.read(empty, "HEAD", null, 100), "is not in a git repository");
  }

  @Test
  void inGitHubActionsCommitsLinkToTheRepository() {
    assertThat(
            GitCommits.defaultUrlTemplate(
                Map.of(
                    "GITHUB_SERVER_URL", "https://github.com/", "GITHUB_REPOSITORY", "octo/shop")))
        .isEqualTo("https://github.com/octo/shop/commit/{sha}");
    assertThat(GitCommits.defaultUrlTemplate(Map.of())).isNull();
  }

  private static void assertUsage(
      org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String message) {
    assertThatThrownBy(call)
        .isInstanceOf(CliException.class)
        .hasMessageContaining(message)
        .extracting(e -> ((CliException) e).exitCode())
        .isEqualTo(ExitCodes.USAGE);
  }
}
