package io.tollgate.release;

import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A Semantic Versioning 2.0.0 version, ordered by SemVer precedence (build metadata ignored). */
public record SemanticVersion(
    BigInteger major, BigInteger minor, BigInteger patch, List<String> preRelease, String build)
    implements Comparable<SemanticVersion> {

  // The numbered-group pattern recommended at semver.org.
  private static final Pattern SEMVER =
      Pattern.compile(
          "^(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)"
              + "(?:-((?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\\.(?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?"
              + "(?:\\+([0-9a-zA-Z-]+(?:\\.[0-9a-zA-Z-]+)*))?$");

  public SemanticVersion {
    preRelease = List.copyOf(preRelease);
  }

  public static SemanticVersion of(long major, long minor, long patch) {
    return new SemanticVersion(
        BigInteger.valueOf(major),
        BigInteger.valueOf(minor),
        BigInteger.valueOf(patch),
        List.of(),
        null);
  }

  public static Optional<SemanticVersion> parse(String text) {
    if (text == null || text.length() > 256) {
      return Optional.empty();
    }
    Matcher m = SEMVER.matcher(text);
    if (!m.matches()) {
      return Optional.empty();
    }
    List<String> pre = m.group(4) == null ? List.of() : List.of(m.group(4).split("\\."));
    return Optional.of(
        new SemanticVersion(
            new BigInteger(m.group(1)),
            new BigInteger(m.group(2)),
            new BigInteger(m.group(3)),
            pre,
            m.group(5)));
  }

  public boolean isPreRelease() {
    return !preRelease.isEmpty();
  }

  public boolean sameLine(SemanticVersion other) {
    return major.equals(other.major) && minor.equals(other.minor);
  }

  public SemanticVersion nextMajor() {
    return new SemanticVersion(
        major.add(BigInteger.ONE), BigInteger.ZERO, BigInteger.ZERO, List.of(), null);
  }

  public SemanticVersion nextMinor() {
    return new SemanticVersion(major, minor.add(BigInteger.ONE), BigInteger.ZERO, List.of(), null);
  }

  public SemanticVersion nextPatch() {
    return new SemanticVersion(major, minor, patch.add(BigInteger.ONE), List.of(), null);
  }

  @Override
  public int compareTo(SemanticVersion o) {
    int c = major.compareTo(o.major);
    if (c == 0) c = minor.compareTo(o.minor);
    if (c == 0) c = patch.compareTo(o.patch);
    if (c != 0) return c;
    if (preRelease.isEmpty() || o.preRelease.isEmpty()) {
      // A version without pre-release has higher precedence than one with.
      return Boolean.compare(preRelease.isEmpty(), o.preRelease.isEmpty());
    }
    for (int i = 0; i < Math.min(preRelease.size(), o.preRelease.size()); i++) {
      c = compareIdentifier(preRelease.get(i), o.preRelease.get(i));
      if (c != 0) return c;
    }
    return Integer.compare(preRelease.size(), o.preRelease.size());
  }

  private static int compareIdentifier(String a, String b) {
    boolean an = a.chars().allMatch(Character::isDigit);
    boolean bn = b.chars().allMatch(Character::isDigit);
    if (an && bn) return new BigInteger(a).compareTo(new BigInteger(b));
    if (an) return -1;
    if (bn) return 1;
    return a.compareTo(b);
  }

  @Override
  public String toString() {
    StringBuilder s =
        new StringBuilder().append(major).append('.').append(minor).append('.').append(patch);
    if (!preRelease.isEmpty()) s.append('-').append(String.join(".", preRelease));
    if (build != null) s.append('+').append(build);
    return s.toString();
  }
}
