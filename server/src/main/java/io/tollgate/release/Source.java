package io.tollgate.release;

import io.tollgate.shared.Invalid;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What a release is built from: a commit (its full or abbreviated id) and the ref it follows (a
 * branch such as {@code main} or {@code refs/heads/release/1.3}). Either may be unknown (null).
 */
public record Source(String commit, String ref) {
  private static final Pattern COMMIT = Pattern.compile("[0-9a-f]{7,64}");
  private static final Pattern REF =
      Pattern.compile(
          "(?!/)(?!.*\\.\\.)(?!.*//)(?!.*@\\{)[^\\s~^:?*\\[\\\\\\x00-\\x1f\\x7f]{1,255}(?<![/.])");

  /** A source as given: the commit in lower case; an invalid id or ref → 422 naming the field. */
  public static Source of(String commit, String ref) {
    String c = commit == null || commit.isBlank() ? null : commit.strip().toLowerCase(Locale.ROOT);
    String r = ref == null || ref.isBlank() ? null : ref.strip();
    if (c != null && !COMMIT.matcher(c).matches()) {
      throw Invalid.field("commit", "'" + commit + "' is not a commit id (7 to 64 hex digits).");
    }
    if (r != null && (!REF.matcher(r).matches() || r.endsWith(".lock"))) {
      throw Invalid.field("ref", "'" + ref + "' is not a git ref (a branch such as main).");
    }
    return c == null && r == null ? null : new Source(c, r);
  }

  /** This source with the given parts changed (a null part stays as it is). */
  public static Source merge(Source current, String commit, String ref) {
    Source given = of(commit, ref);
    if (given == null) return current;
    if (current == null) return given;
    return new Source(
        given.commit() != null ? given.commit() : current.commit(),
        given.ref() != null ? given.ref() : current.ref());
  }

  /** Whether {@code sha} names this source's commit (either may be abbreviated). */
  public boolean isCommit(String sha) {
    if (commit == null || sha == null || sha.length() < 7) return false;
    String s = sha.toLowerCase(Locale.ROOT);
    return s.startsWith(commit) || commit.startsWith(s);
  }

  /** Whether {@code other} names this source's ref ({@code main} is {@code refs/heads/main}). */
  public boolean isRef(String other) {
    return ref != null && other != null && full(ref).equals(full(other));
  }

  private static String full(String ref) {
    return ref.startsWith("refs/") ? ref : "refs/heads/" + ref;
  }
}
