package io.tollgate.changes;

import io.tollgate.process.ConventionalCommit;
import io.tollgate.process.ConventionalCommits;
import java.time.Instant;

/**
 * One commit of a release as answered, with what its message says as a Conventional Commit.
 *
 * @param source {@code api} (posted) or {@code push} (a GitHub push on the release's ref)
 * @param group {@code breaking}, {@code features}, {@code fixes}, {@code performance} or {@code
 *     other} (also every message that is not conventional)
 */
public record Change(
    String sha,
    String message,
    String author,
    String url,
    String source,
    String addedBy,
    Instant addedAt,
    boolean conventional,
    String type,
    String scope,
    String subject,
    boolean breaking,
    String group) {

  /** A stored commit, read. */
  public static Change of(
      String sha,
      String message,
      String author,
      String url,
      String source,
      String addedBy,
      Instant addedAt) {
    ConventionalCommit c = parsed(message);
    return new Change(
        sha,
        message,
        author,
        url,
        source,
        addedBy,
        addedAt,
        c.conventional(),
        c.type(),
        c.scope(),
        c.subject(),
        c.breaking(),
        c.group().id());
  }

  /** The message as a Conventional Commit (a message is never empty here). */
  public ConventionalCommit commit() {
    return parsed(message);
  }

  private static ConventionalCommit parsed(String message) {
    return ConventionalCommits.parse(message)
        .orElseGet(() -> ConventionalCommits.parse("(empty message)").orElseThrow());
  }
}
