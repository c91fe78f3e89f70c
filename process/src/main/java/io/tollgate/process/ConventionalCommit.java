package io.tollgate.process;

import java.util.List;
import java.util.Locale;

/**
 * One commit message read as a Conventional Commit ({@link ConventionalCommits#parse}). A message
 * whose header is not {@code type(scope)!: subject} is kept with {@code conventional} false and
 * belongs to the group {@link Group#OTHER}.
 *
 * @param header the first line
 * @param type the type ({@code feat}, {@code fix}, ...), as written; null when not conventional
 * @param scope the scope in parentheses, or null
 * @param breakingMark whether the header has {@code !} before the colon
 * @param subject the text after the colon (the whole header when not conventional)
 * @param body the text between the header and the footer, or null
 * @param footer the trailing footers ({@code Token: value}, {@code Token #value}, {@code BREAKING
 *     CHANGE: ...}), or null
 * @param notes the {@code BREAKING CHANGE} notes
 * @param references the issues it refers to
 */
public record ConventionalCommit(
    String header,
    String type,
    String scope,
    boolean breakingMark,
    String subject,
    String body,
    String footer,
    List<Note> notes,
    List<Reference> references,
    boolean conventional) {

  /** What a release's changes are grouped by, in the order they are shown. */
  public enum Group {
    BREAKING("breaking", "Breaking changes"),
    FEATURES("features", "Features"),
    FIXES("fixes", "Fixes"),
    PERFORMANCE("performance", "Performance"),
    OTHER("other", "Other changes");

    private final String id;
    private final String title;

    Group(String id, String title) {
      this.id = id;
      this.title = title;
    }

    public String id() {
      return id;
    }

    public String title() {
      return title;
    }
  }

  /** A note of the footer ({@code BREAKING CHANGE: text}). */
  public record Note(String title, String text) {}

  /**
   * An issue reference: {@code Closes #12}, {@code fixes owner/repo#3}, or a bare {@code #1} in the
   * header ({@code action} null).
   */
  public record Reference(
      String action, String owner, String repository, String issue, String raw, String prefix) {}

  public ConventionalCommit {
    notes = notes == null ? List.of() : List.copyOf(notes);
    references = references == null ? List.of() : List.copyOf(references);
  }

  /** A commit as a parser would give it, from its type and notes (for bump rules). */
  public static ConventionalCommit of(String type, boolean breakingMark, List<Note> notes) {
    String header = type + (breakingMark ? "!" : "") + ": ";
    return new ConventionalCommit(
        header, type, null, breakingMark, "", null, null, notes, List.of(), true);
  }

  /** A breaking change: {@code !} in the header, or a {@code BREAKING CHANGE} note. */
  public boolean breaking() {
    return breakingMark || notes.stream().anyMatch(n -> ConventionalCommits.isBreakingNote(n));
  }

  /** The type in lower case (types are matched without case), or "" when not conventional. */
  public String kind() {
    return type == null ? "" : type.toLowerCase(Locale.ROOT);
  }

  public Group group() {
    if (breaking()) return Group.BREAKING;
    return switch (kind()) {
      case "feat" -> Group.FEATURES;
      case "fix" -> Group.FIXES;
      case "perf" -> Group.PERFORMANCE;
      default -> Group.OTHER;
    };
  }

  /** What the breaking change asks of users: the notes' texts, else the subject. */
  public List<String> breakingTexts() {
    List<String> texts =
        notes.stream()
            .filter(ConventionalCommits::isBreakingNote)
            .map(Note::text)
            .filter(t -> !t.isBlank())
            .toList();
    return texts.isEmpty() ? List.of(subject) : texts;
  }
}
