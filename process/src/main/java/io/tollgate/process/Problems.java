package io.tollgate.process;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * Collects the problems of one process file. Caps how many it keeps, so a hostile file cannot make
 * the error report itself huge, and offers the phrasing helpers every message shares.
 */
final class Problems {
  static final int MAX_REPORTED = 100;
  private static final int MAX_LISTED = 30;
  private static final int MAX_SHOWN_CHARS = 60;

  private final List<ProcessError> errors = new ArrayList<>();
  private int dropped;

  void add(int line, String message) {
    if (errors.size() < MAX_REPORTED) {
      errors.add(new ProcessError(line, message));
    } else {
      dropped++;
    }
  }

  boolean isEmpty() {
    return errors.isEmpty();
  }

  /** The problems by line (stable, so problems on one line keep the order they were found in). */
  List<ProcessError> sorted() {
    List<ProcessError> result = new ArrayList<>(errors);
    result.sort(Comparator.comparingInt(ProcessError::line));
    if (dropped > 0) {
      result.add(
          new ProcessError(
              0, dropped + " more problem(s) not shown; fix the ones above and validate again"));
    }
    return result;
  }

  /** A value from the file, quoted and cut short so messages stay readable. */
  static String show(String value) {
    String oneLine = value.replace("\n", "\\n").replace("\r", "\\r");
    if (oneLine.length() > MAX_SHOWN_CHARS) {
      oneLine = oneLine.substring(0, MAX_SHOWN_CHARS) + "…";
    }
    return "'" + oneLine + "'";
  }

  /** {@code known roles: a, b, c}, or a note that there are none. */
  static String known(String plural, Collection<String> keys) {
    if (keys.isEmpty()) {
      return "no " + plural + " are defined";
    }
    return "known " + plural + ": " + list(keys);
  }

  static String list(Collection<String> keys) {
    List<String> shown = keys.stream().limit(MAX_LISTED).toList();
    String text = String.join(", ", shown);
    return keys.size() > shown.size() ? text + ", … (" + keys.size() + " in all)" : text;
  }

  /** {@code (did you mean 'x'?)} when one candidate is a close misspelling, otherwise empty. */
  static String didYouMean(String given, Collection<String> candidates) {
    if (given.length() > 64 || candidates.size() > 500) {
      return "";
    }
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String candidate : candidates) {
      if (Math.abs(candidate.length() - given.length()) > 2) {
        continue;
      }
      int distance = distance(given.toLowerCase(), candidate.toLowerCase());
      if (distance < bestDistance) {
        best = candidate;
        bestDistance = distance;
      }
    }
    int allowed = given.length() <= 4 ? 1 : 2;
    return best != null && bestDistance <= allowed ? " (did you mean '" + best + "'?)" : "";
  }

  /** Levenshtein distance. */
  private static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }
}
