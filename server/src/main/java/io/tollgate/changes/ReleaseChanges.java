package io.tollgate.changes;

import java.util.List;

/**
 * A release's changes: its commits (oldest first) grouped as Conventional Commits, the pull
 * requests merged into it, what they suggest, and warnings for the release manager.
 */
public record ReleaseChanges(
    String release,
    String commit,
    String ref,
    List<Change> commits,
    List<Group> groups,
    List<PullRequest> pullRequests,
    Suggestion suggested,
    List<String> warnings) {

  /** The commits of one group ({@code breaking}, {@code features}, ...), by their ids. */
  public record Group(String key, String title, List<Change> commits) {}
}
