package io.tollgate.process;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which version bump a set of Conventional Commits asks for, as semantic-release's and
 * conventional-changelog's default rules say: a breaking change is major, a feature minor, a fix,
 * performance change or revert patch, anything else nothing. A revert and the commit it reverts
 * (both among the commits) cancel out.
 *
 * @param bump the bump, or null when no commit asks for a release
 * @param breakings how many commits break something
 * @param features how many commits (that break nothing) add a feature
 */
public record VersionBump(ReleaseType bump, int breakings, int features) {
  private static final Pattern REVERTS =
      Pattern.compile("(?i)This reverts commit ([0-9a-f]{4,64})");

  /** Options for versions before 1.0.0, as release-please names them. */
  public record PreMajor(boolean bumpMinorPreMajor, boolean bumpPatchForMinorPreMajor) {
    public static final PreMajor NONE = new PreMajor(false, false);
  }

  /** The bump the commits ask for. */
  public static VersionBump of(List<ConventionalCommit> commits) {
    ReleaseType bump = null;
    int breakings = 0;
    int features = 0;
    for (ConventionalCommit c : commits) {
      ReleaseType level = level(c);
      if (c.breaking()) breakings++;
      else if (c.kind().equals("feat")) features++;
      if (level != null && (bump == null || rank(level) < rank(bump))) bump = level;
    }
    return new VersionBump(bump, breakings, features);
  }

  /** The bump of commits with their ids, leaving out reverted commits and their reverts. */
  public static VersionBump of(List<String> shas, List<ConventionalCommit> commits) {
    return of(withoutReverts(shas, commits));
  }

  /** What one commit asks for (null: nothing). */
  public static ReleaseType level(ConventionalCommit c) {
    if (c.breaking()) return ReleaseType.MAJOR;
    return switch (c.kind()) {
      case "feat" -> ReleaseType.MINOR;
      case "fix", "perf", "revert" -> ReleaseType.PATCH;
      default -> null;
    };
  }

  /** Leaves out each revert whose reverted commit is among {@code shas}, and that commit. */
  public static List<ConventionalCommit> withoutReverts(
      List<String> shas, List<ConventionalCommit> commits) {
    if (shas.size() != commits.size()) throw new IllegalArgumentException("one sha per commit");
    Set<Integer> dropped = new HashSet<>();
    for (int i = 0; i < commits.size(); i++) {
      ConventionalCommit c = commits.get(i);
      if (!c.kind().equals("revert") || c.body() == null) continue;
      Matcher m = REVERTS.matcher(c.body());
      if (!m.find()) continue;
      String reverted = m.group(1).toLowerCase(Locale.ROOT);
      for (int j = 0; j < shas.size(); j++) {
        String sha = shas.get(j) == null ? "" : shas.get(j).toLowerCase(Locale.ROOT);
        if (j != i && !sha.isEmpty() && (sha.startsWith(reverted) || reverted.startsWith(sha))) {
          dropped.add(i);
          dropped.add(j);
          break;
        }
      }
    }
    List<ConventionalCommit> kept = new ArrayList<>();
    for (int i = 0; i < commits.size(); i++) {
      if (!dropped.contains(i)) kept.add(commits.get(i));
    }
    return kept;
  }

  /** conventional-changelog's sentence for the decision. */
  public String reason() {
    return (breakings == 1
        ? "There is 1 BREAKING CHANGE and " + features + " features"
        : "There are " + breakings + " BREAKING CHANGES and " + features + " features");
  }

  /**
   * The next version after {@code version} (major.minor.patch; a pre-release or build suffix is
   * dropped) for this bump; {@code version} itself when nothing asks for a release.
   */
  public String next(String version, PreMajor options) {
    Matcher m = Pattern.compile("^v?(\\d+)\\.(\\d+)\\.(\\d+)").matcher(version.strip());
    if (!m.find()) throw new IllegalArgumentException("not a version: " + version);
    long major = Long.parseLong(m.group(1));
    long minor = Long.parseLong(m.group(2));
    long patch = Long.parseLong(m.group(3));
    if (bump == null) return major + "." + minor + "." + patch;
    ReleaseType effective = bump;
    if (major == 0 && bump == ReleaseType.MAJOR && options.bumpMinorPreMajor()) {
      effective = ReleaseType.MINOR;
    } else if (major == 0 && bump == ReleaseType.MINOR && options.bumpPatchForMinorPreMajor()) {
      effective = ReleaseType.PATCH;
    }
    return switch (effective) {
      case MAJOR -> (major + 1) + ".0.0";
      case MINOR -> major + "." + (minor + 1) + ".0";
      case PATCH -> major + "." + minor + "." + (patch + 1);
    };
  }

  private static int rank(ReleaseType t) {
    return switch (t) {
      case MAJOR -> 0;
      case MINOR -> 1;
      case PATCH -> 2;
    };
  }
}
