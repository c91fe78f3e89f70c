package io.tollgate.cli;

import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** {@code tollgate changes add|list}: the commits a release holds. */
@Command(
    name = "changes",
    mixinStandardHelpOptions = true,
    description = "Add a release's commits from git, and list them with the suggested version.",
    subcommands = {ChangesCommand.Add.class, ChangesCommand.ListChanges.class})
final class ChangesCommand {
  /**
   * Commits per request, the server's limit for one call ({@code Limits.LIST_ITEMS}): a larger
   * range goes in several, with a progress line on stderr.
   */
  static final int BATCH = 100;

  @Command(
      name = "add",
      mixinStandardHelpOptions = true,
      description = {
        "Add the commits of a git revision range, read locally, to a release.",
        "Release manager, developer, or a token with changes:add.",
        "Exit 2 when the range does not resolve (in CI, check out with fetch-depth: 0).",
        "Example: tollgate changes add $ID --from-git v1.2.0..HEAD"
      })
  static final class Add extends ApiCommand {
    @Parameters(
        index = "0",
        paramLabel = "RELEASE",
        description = "the release: its id, or PRODUCT@VERSION")
    String id;

    @Option(
        names = "--from-git",
        required = true,
        paramLabel = "RANGE",
        description =
            "A..B (in B, not in A; an empty side is HEAD) or one revision and its ancestors")
    String range;

    @Option(
        names = "--repo",
        paramLabel = "DIR",
        defaultValue = ".",
        description = "the repository (default: the current folder)")
    Path repo;

    @Option(
        names = "--commit-url",
        paramLabel = "TEMPLATE",
        description =
            "link of a commit, {sha} replaced (default in GitHub Actions: the run's repository)")
    String urlTemplate;

    @Option(
        names = "--max-count",
        defaultValue = "5000",
        description = "refuse ranges longer than this (default ${DEFAULT-VALUE})")
    int max;

    @Override
    public Integer call() {
      String template =
          urlTemplate != null ? urlTemplate : GitCommits.defaultUrlTemplate(session().env());
      List<GitCommits.Commit> commits = GitCommits.read(repo, range, template, max);
      if (commits.isEmpty()) {
        ObjectNode none = object();
        none.putArray("commits");
        return answer(none, "No commits in " + range + ": nothing added.");
      }
      JsonNode last = null;
      String path = release(id) + "/changes";
      int batches = (commits.size() + BATCH - 1) / BATCH;
      for (int i = 0; i < commits.size(); i += BATCH) {
        int end = Math.min(commits.size(), i + BATCH);
        last = api().post(path, body(commits.subList(i, end)));
        if (batches > 1) {
          // progress for people, on stderr: stdout keeps the answer (and -o json) clean
          session()
              .err()
              .println(
                  "Posted "
                      + end
                      + "/"
                      + commits.size()
                      + " commits ("
                      + (i / BATCH + 1)
                      + "/"
                      + batches
                      + " batches)");
          session().err().flush();
        }
      }
      String line = "Added " + commits.size() + " commit(s) from " + range + ".";
      JsonNode suggested = last.path("suggested");
      if (suggested.isObject()) {
        line +=
            " Suggested: "
                + ReleaseView.text(suggested, "type")
                + " "
                + ReleaseView.text(suggested, "version");
      }
      return answer(last, line.strip());
    }

    private ObjectNode body(List<GitCommits.Commit> batch) {
      ObjectNode body = object();
      ArrayNode list = body.putArray("commits");
      for (GitCommits.Commit c : batch) {
        ObjectNode o = list.addObject().put("sha", c.sha()).put("message", c.message());
        if (c.author() != null) o.put("author", c.author());
        if (c.url() != null) o.put("url", c.url());
      }
      return body;
    }
  }

  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description = "List a release's commits, with the type and version they suggest.")
  static final class ListChanges extends ApiCommand {
    @Parameters(
        index = "0",
        paramLabel = "RELEASE",
        description = "the release: its id, or PRODUCT@VERSION")
    String id;

    @Override
    public Integer call() {
      JsonNode changes = api().get(release(id) + "/changes");
      if (json()) {
        printJson(changes);
        return ExitCodes.OK;
      }
      Table t = new Table("SHA", "TYPE", "AUTHOR", "MESSAGE");
      for (JsonNode c : changes.path("commits")) {
        String sha = ReleaseView.text(c, "sha");
        t.row(
            sha.length() > 7 ? sha.substring(0, 7) : sha,
            ReleaseView.text(c, "type"),
            ReleaseView.text(c, "author"),
            ReleaseView.text(c, "message").lines().findFirst().orElse(""));
      }
      if (t.isEmpty()) out().println("No commits yet.");
      else t.print(out());
      JsonNode s = changes.path("suggested");
      if (s.isObject()) {
        out()
            .println(
                "Suggested: " + ReleaseView.text(s, "type") + " " + ReleaseView.text(s, "version"));
      }
      out().flush();
      return ExitCodes.OK;
    }
  }
}
