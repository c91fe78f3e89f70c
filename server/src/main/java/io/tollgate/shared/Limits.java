package io.tollgate.shared;

import java.util.Map;

/**
 * Every size limit on input, in one table. JSON bodies are checked against it as they are read (see
 * {@code io.tollgate.shared.web.JsonBodyGuard}), so a value over a limit is refused with 422 naming
 * the field before any command runs; the README's security section lists the same figures.
 */
public final class Limits {
  /**
   * Any text value without a stricter limit below: a summary, a note, a rationale, a notes entry.
   */
  public static final int TEXT_CHARS = 10_000;

  /** Items in one JSON list (notable changes, known issues, action items, roles, ...). */
  public static final int LIST_ITEMS = 100;

  /** How deep JSON objects and lists may nest. */
  public static final int NESTING_DEPTH = 16;

  /** The request body as a whole (413 beyond it); {@code tollgate.max-body-bytes} overrides it. */
  public static final int BODY_BYTES = 1_048_576;

  /** One release's or incident's stored document: a release that reaches it takes no more. */
  public static final int DOCUMENT_CHARS = 4_000_000;

  /** Digits in each number (major, minor, patch) of a version: a version is not a big number. */
  public static final int VERSION_NUMBER_DIGITS = 18;

  /** Stricter limits by the name of the JSON field. */
  private static final Map<String, Integer> BY_FIELD =
      Map.ofEntries(
          Map.entry("name", 200),
          Map.entry("displayName", 200),
          Map.entry("title", 200),
          Map.entry("version", 256),
          Map.entry("url", 2_000),
          Map.entry("email", 320),
          Map.entry("username", 64),
          Map.entry("key", 64),
          Map.entry("product", 64),
          Map.entry("process", 64),
          Map.entry("type", 32),
          Map.entry("decision", 32),
          Map.entry("outcome", 32),
          Map.entry("password", 200));

  private Limits() {}

  /** The most characters a text value of this JSON field may have. */
  public static int charsOf(String field) {
    return field == null ? TEXT_CHARS : BY_FIELD.getOrDefault(field, TEXT_CHARS);
  }

  /** The stricter per-field limits, for documentation and tests. */
  public static Map<String, Integer> byField() {
    return BY_FIELD;
  }

  /**
   * The document to store, or a refusal when it is over {@link #DOCUMENT_CHARS}: what a release or
   * an incident keeps grows with every decision snapshot, and a record without a bound would wedge
   * every later command on it.
   */
  public static String document(String what, String document) {
    requireDocumentSize(what, document);
    return document;
  }

  /** See {@link #document}. */
  public static void requireDocumentSize(String what, String document) {
    if (document.length() > DOCUMENT_CHARS) {
      throw Invalid.because(
          "This "
              + what
              + " has grown to its size limit ("
              + DOCUMENT_CHARS
              + " characters stored); the change was not made. Shorten the texts you add, or"
              + " start a new "
              + what
              + ".");
    }
  }

  /** Why a version's numbers are too long, or null when they are not. */
  public static String versionProblem(String version) {
    String core = version.split("[-+]", 2)[0];
    for (String number : core.split("\\.")) {
      if (number.length() > VERSION_NUMBER_DIGITS) {
        return "has a number of "
            + number.length()
            + " digits; each of major, minor and patch takes at most "
            + VERSION_NUMBER_DIGITS;
      }
    }
    return null;
  }

  /**
   * Why a text is not acceptable, or null when it is: an unpaired UTF-16 surrogate (not Unicode
   * text at all, and it breaks every later read), or a control character other than tab, newline
   * and carriage return.
   */
  public static String textProblem(String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (Character.isHighSurrogate(c)) {
        if (i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
          i++;
          continue;
        }
        return "an unpaired UTF-16 surrogate (\\u"
            + Integer.toHexString(c)
            + ") at character "
            + (i + 1);
      }
      if (Character.isLowSurrogate(c)) {
        return "an unpaired UTF-16 surrogate (\\u"
            + Integer.toHexString(c)
            + ") at character "
            + (i + 1);
      }
      if (Character.getType(c) == Character.CONTROL && c != '\t' && c != '\n' && c != '\r') {
        return "the control character U+"
            + String.format("%04X", (int) c)
            + " at character "
            + (i + 1);
      }
    }
    return null;
  }
}
