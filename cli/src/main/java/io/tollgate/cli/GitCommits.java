package io.tollgate.cli;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.errors.AmbiguousObjectException;
import org.eclipse.jgit.errors.IncorrectObjectTypeException;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.errors.RevisionSyntaxException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevSort;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/**
 * The commits of a revision range in a local repository, read with JGit: {@code A..B} (in B, not in
 * A; an empty side is HEAD) or a single revision (it and its ancestors), oldest first. A range that
 * does not resolve is a usage error (exit 2) that says which side and why.
 */
final class GitCommits {
  /** One commit as {@code POST /api/v1/releases/{id}/changes} takes it. */
  record Commit(String sha, String message, String author, String url) {}

  private GitCommits() {}

  static List<Commit> read(Path directory, String range, String urlTemplate, int max) {
    if (range == null || range.isBlank()) {
      throw new CliException(ExitCodes.USAGE, "The git range is empty");
    }
    if (range.contains("...")) {
      throw new CliException(
          ExitCodes.USAGE, "'" + range + "': symmetric ranges (A...B) are not supported; use A..B");
    }
    String from = null;
    String to = range.strip();
    int dots = to.indexOf("..");
    if (dots >= 0) {
      from = to.substring(0, dots).isEmpty() ? "HEAD" : to.substring(0, dots);
      to = to.substring(dots + 2).isEmpty() ? "HEAD" : to.substring(dots + 2);
    }
    try (Repository repo = open(directory);
        RevWalk walk = new RevWalk(repo)) {
      walk.markStart(walk.parseCommit(resolve(repo, to, range)));
      if (from != null) walk.markUninteresting(walk.parseCommit(resolve(repo, from, range)));
      walk.sort(RevSort.TOPO, true);
      walk.sort(RevSort.REVERSE, true);
      List<Commit> commits = new ArrayList<>();
      for (RevCommit c : walk) {
        if (commits.size() == max) {
          throw new CliException(
              ExitCodes.USAGE,
              "'"
                  + range
                  + "' holds more than "
                  + max
                  + " commits: narrow it, or raise --max-count");
        }
        String sha = c.getName();
        commits.add(
            new Commit(
                sha,
                c.getFullMessage(),
                c.getAuthorIdent() == null ? null : c.getAuthorIdent().getName(),
                urlTemplate == null ? null : urlTemplate.replace("{sha}", sha)));
      }
      return commits;
    } catch (MissingObjectException e) {
      throw new CliException(
          ExitCodes.USAGE,
          "'"
              + range
              + "' reaches commit "
              + e.getObjectId().getName()
              + ", which is not in the repository (a shallow clone? fetch the history: fetch-depth: 0)",
          e);
    } catch (IOException e) {
      throw new CliException(
          ExitCodes.USAGE, "Cannot read the repository " + directory + ": " + e.getMessage(), e);
    }
  }

  /** The commit URL pattern of GitHub Actions' own repository, when run there. */
  static String defaultUrlTemplate(Map<String, String> env) {
    String server = env.get("GITHUB_SERVER_URL");
    String repository = env.get("GITHUB_REPOSITORY");
    if (server == null || server.isBlank() || repository == null || repository.isBlank())
      return null;
    return server.replaceAll("/+$", "") + "/" + repository + "/commit/{sha}";
  }

  private static Repository open(Path directory) throws IOException {
    File dir = directory.toAbsolutePath().toFile();
    FileRepositoryBuilder builder = new FileRepositoryBuilder().readEnvironment().findGitDir(dir);
    if (builder.getGitDir() == null) {
      throw new CliException(ExitCodes.USAGE, directory + " is not in a git repository");
    }
    return builder.setMustExist(true).build();
  }

  private static ObjectId resolve(Repository repo, String revision, String range)
      throws IOException {
    ObjectId id;
    try {
      id = repo.resolve(revision + "^{commit}");
    } catch (AmbiguousObjectException e) {
      throw new CliException(
          ExitCodes.USAGE,
          "'" + revision + "' in '" + range + "' is ambiguous: give more of the sha",
          e);
    } catch (RevisionSyntaxException e) {
      throw new CliException(
          ExitCodes.USAGE,
          "'" + revision + "' in '" + range + "' is not a revision: " + e.getMessage(),
          e);
    } catch (IncorrectObjectTypeException e) {
      throw new CliException(
          ExitCodes.USAGE, "'" + revision + "' in '" + range + "' does not name a commit", e);
    }
    if (id == null) {
      throw new CliException(
          ExitCodes.USAGE,
          "'"
              + revision
              + "' in '"
              + range
              + "' does not resolve: no such branch, tag or commit in "
              + (repo.isBare() ? repo.getDirectory() : repo.getWorkTree()).getAbsolutePath());
    }
    return id;
  }
}
