package io.tollgate.process;

import io.tollgate.process.ConventionalCommit.Note;
import io.tollgate.process.ConventionalCommit.Reference;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads commit messages as Conventional Commits 1.0.0 (https://www.conventionalcommits.org): the
 * header {@code type(scope)!: subject}, a free body, and footers ({@code Token: value}, {@code
 * Token #value}, {@code BREAKING CHANGE: text}). References to issues follow
 * conventional-changelog's defaults (actions close, fix, resolve and their forms). A message that
 * is not conventional is kept as such; an empty one is no commit.
 */
public final class ConventionalCommits {
  private static final Pattern HEADER =
      Pattern.compile("^(\\w+)(?:\\(([^()\\r\\n]*)\\))?(!)?:[ \\t]*(\\S.*)$");
  private static final Pattern BREAKING_LINE =
      Pattern.compile("^\\s*(BREAKING[ -]CHANGE):[ \\t]*(.*)$");

  /** A footer line: a token and its separator ({@code Token: }, {@code Token #}). */
  private static final Pattern FOOTER_LINE =
      Pattern.compile("^\\s*BREAKING[ -]CHANGE:.*|^[\\w-]+(?::(?!//)|[ \\t]#).*");

  private static final String PART = "(?:([\\w-]+)/([\\w.-]+))?(#|gh-)([\\w-]*\\d+)";
  private static final Pattern PARTS = Pattern.compile(PART);
  private static final Pattern ACTION =
      Pattern.compile(
          "(?i)(?<![\\w-])(close[sd]?|fix(?:e[sd])?|resolve[sd]?)[ \\t]+("
              + PART
              + "(?:[ \\t]*,[ \\t]*"
              + PART
              + ")*)");
  private static final Pattern HEADER_REFERENCE = Pattern.compile("(.*?)" + PART);

  private ConventionalCommits() {}

  /** The commit a message holds; empty for an empty message. */
  public static Optional<ConventionalCommit> parse(String message) {
    if (message == null) return Optional.empty();
    String[] lines = message.replace("\r\n", "\n").replace('\r', '\n').split("\n", -1);
    int h = 0;
    while (h < lines.length && lines[h].isBlank()) h++;
    if (h == lines.length) return Optional.empty();
    String header = lines[h].strip();
    List<String> rest = new ArrayList<>(List.of(lines).subList(h + 1, lines.length));
    int footerStart = rest.size();
    for (int i = 0; i < rest.size(); i++) {
      if (FOOTER_LINE.matcher(rest.get(i)).matches()) {
        footerStart = i;
        break;
      }
    }
    String body = text(rest.subList(0, footerStart));
    List<String> footerLines = rest.subList(footerStart, rest.size());
    String footer = text(footerLines);
    List<Note> notes = notes(footerLines);
    List<Reference> references = new ArrayList<>(headerReferences(header));
    references.addAll(actionReferences(String.join("\n", rest)));

    Matcher m = HEADER.matcher(header);
    if (!m.matches()) {
      return Optional.of(
          new ConventionalCommit(
              header, null, null, false, header, body, footer, notes, references, false));
    }
    return Optional.of(
        new ConventionalCommit(
            header,
            m.group(1),
            m.group(2),
            m.group(3) != null,
            m.group(4).strip(),
            body,
            footer,
            notes,
            references,
            true));
  }

  /** Whether a note says the change breaks something (the {@code BREAKING CHANGE} keywords). */
  static boolean isBreakingNote(Note note) {
    return note.title().equals("BREAKING CHANGE") || note.title().equals("BREAKING-CHANGE");
  }

  /**
   * The {@code BREAKING CHANGE} notes: each runs over the following lines until the next footer
   * token (so a sentence that mentions an issue stays in it, a {@code Fixes #1} line ends it).
   */
  private static List<Note> notes(List<String> footer) {
    List<Note> notes = new ArrayList<>();
    String title = null;
    List<String> text = new ArrayList<>();
    for (String line : footer) {
      Matcher breaking = BREAKING_LINE.matcher(line);
      boolean token = FOOTER_LINE.matcher(line).matches();
      if (title != null && token) {
        notes.add(new Note(title, text(text)));
        title = null;
      }
      if (breaking.matches()) {
        title = breaking.group(1);
        text = new ArrayList<>(List.of(breaking.group(2)));
      } else if (title != null) {
        text.add(line);
      }
    }
    if (title != null) notes.add(new Note(title, text(text)));
    return notes;
  }

  private static List<Reference> headerReferences(String header) {
    List<Reference> refs = new ArrayList<>();
    Matcher m = HEADER_REFERENCE.matcher(header);
    while (m.find()) {
      refs.add(
          new Reference(null, m.group(2), m.group(3), m.group(5), m.group().strip(), m.group(4)));
    }
    return refs;
  }

  private static List<Reference> actionReferences(String text) {
    List<Reference> refs = new ArrayList<>();
    Matcher m = ACTION.matcher(text);
    while (m.find()) {
      Matcher part = PARTS.matcher(m.group(2));
      while (part.find()) {
        refs.add(
            new Reference(
                m.group(1),
                part.group(1),
                part.group(2),
                part.group(4),
                part.group(),
                part.group(3)));
      }
    }
    return refs;
  }

  private static String text(List<String> lines) {
    String joined = String.join("\n", lines).strip();
    return joined.isEmpty() ? null : joined;
  }
}
