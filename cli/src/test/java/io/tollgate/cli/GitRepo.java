package io.tollgate.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;

/** A small git repository made with JGit for the tests: commits with given messages, tags. */
final class GitRepo implements AutoCloseable {
  final Path dir;
  private final Git git;
  private int n;

  GitRepo(Path dir) throws Exception {
    this.dir = dir;
    this.git = Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call();
  }

  /** Commits a change of one file with this message, by Ada; returns the sha. */
  String commit(String message) throws Exception {
    return commit(message, "Ada Lovelace");
  }

  String commit(String message, String author) throws Exception {
    Files.writeString(dir.resolve("file.txt"), "change " + (++n) + "\n");
    git.add().addFilepattern("file.txt").call();
    PersonIdent who =
        new PersonIdent(author, author.toLowerCase().replace(' ', '.') + "@example.com");
    RevCommit c =
        git.commit().setMessage(message).setAuthor(who).setCommitter(who).setSign(false).call();
    return c.getName();
  }

  void tag(String name) throws Exception {
    git.tag().setName(name).setAnnotated(false).setSigned(false).call();
  }

  @Override
  public void close() {
    git.close();
  }
}
