package io.tollgate.changes;

import io.tollgate.process.ConventionalCommit;
import io.tollgate.process.ConventionalCommit.Group;
import io.tollgate.process.ReleaseType;
import io.tollgate.process.VersionBump;
import java.util.ArrayList;
import java.util.List;

/**
 * What a release's commits suggest: the release type (a breaking change is major, a feature minor,
 * a fix or performance change patch), the version after the product's previous one, notable changes
 * (one line per breaking change, feature, fix and performance change) and migration steps (what
 * each breaking change asks of users). The notes stay the release manager's: these are only
 * offered.
 *
 * @param type {@code major}, {@code minor}, {@code patch}, or null when no commit asks for a
 *     release
 * @param version the suggested version, or null with {@code type}
 * @param reason how the type was decided (conventional-changelog's sentence)
 */
public record Suggestion(
    String type,
    String version,
    List<String> notableChanges,
    List<String> migrationSteps,
    String reason) {

  /**
   * The suggestion for these commits, after {@code previous} (the product's version before this
   * release, or null for its first).
   */
  public static Suggestion of(List<Change> changes, String previous) {
    List<String> shas = changes.stream().map(Change::sha).toList();
    List<ConventionalCommit> commits = changes.stream().map(Change::commit).toList();
    List<ConventionalCommit> kept = VersionBump.withoutReverts(shas, commits);
    VersionBump bump = VersionBump.of(kept);
    List<String> notable = new ArrayList<>();
    List<String> migration = new ArrayList<>();
    for (Group group : List.of(Group.BREAKING, Group.FEATURES, Group.FIXES, Group.PERFORMANCE)) {
      for (ConventionalCommit c : kept) {
        if (c.group() != group) continue;
        notable.add(line(c));
        if (group == Group.BREAKING) migration.addAll(c.breakingTexts());
      }
    }
    String version = null;
    if (bump.bump() != null) {
      version =
          previous == null ? first(bump.bump()) : bump.next(previous, VersionBump.PreMajor.NONE);
    }
    return new Suggestion(
        bump.bump() == null ? null : bump.bump().id(),
        version,
        List.copyOf(notable),
        List.copyOf(migration),
        bump.reason());
  }

  /**
   * What to warn about before go: breaking changes in a release that is not major, features in a
   * patch release.
   */
  public static List<String> warnings(List<Change> changes, ReleaseType releaseType) {
    long breaking = changes.stream().filter(Change::breaking).count();
    long features = changes.stream().filter(c -> Group.FEATURES.id().equals(c.group())).count();
    List<String> warnings = new ArrayList<>();
    if (breaking > 0 && releaseType != ReleaseType.MAJOR) {
      warnings.add(
          breaking
              + (breaking == 1 ? " breaking change" : " breaking changes")
              + " in a "
              + releaseType.id()
              + " release: users may have to change what they do. Make it a major release, or"
              + " check that nothing breaks before go.");
    }
    if (features > 0 && releaseType == ReleaseType.PATCH) {
      warnings.add(
          features
              + (features == 1 ? " feature" : " features")
              + " in a patch release: a new feature is a minor release.");
    }
    return List.copyOf(warnings);
  }

  private static String line(ConventionalCommit c) {
    String text = c.subject();
    return c.scope() == null || c.scope().isBlank() ? text : c.scope() + ": " + text;
  }

  /** A product's first release, as Tollgate numbers one without a version. */
  private static String first(ReleaseType type) {
    return switch (type) {
      case MAJOR -> "1.0.0";
      case MINOR -> "0.1.0";
      case PATCH -> "0.0.1";
    };
  }
}
