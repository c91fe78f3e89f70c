package io.tollgate.process;

import static io.tollgate.process.Problems.show;

import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.List;
import java.util.stream.Stream;

/**
 * Checks the release-notes template as far as Tollgate uses Mustache: tags are closed, sections
 * ({@code {{#x}}}, {@code {{^x}}}) are closed in order, and every name is a notes field or a
 * built-in value. Partials and delimiter changes are refused: the server renders the template
 * alone, with the default delimiters.
 */
final class TemplateCheck {
  /** Values the server offers to every template besides the notes fields. */
  static final List<String> BUILT_IN_VALUES =
      List.of("name", "version", "date", "releaseManager", "product", "type");

  private record Open(String name, int line) {}

  private final Problems problems;
  private final Collection<String> fields;

  private TemplateCheck(Problems problems, Collection<String> fields) {
    this.problems = problems;
    this.fields = fields;
  }

  /**
   * @param firstLine the line of the template's first character
   * @param lastLine the last line of the template in the file: a quoted or folded template's line
   *     breaks are not the file's, so lines counted in the text never go past it
   * @param fields the notes field keys
   */
  static void check(
      String template, int firstLine, int lastLine, Collection<String> fields, Problems problems) {
    new TemplateCheck(problems, fields).run(template, firstLine, Math.max(firstLine, lastLine));
  }

  private void run(String template, int firstLine, int lastLine) {
    Deque<Open> sections = new ArrayDeque<>();
    int line = firstLine;
    int counted = 0;
    int position = 0;
    while (true) {
      int open = template.indexOf("{{", position);
      if (open < 0) {
        break;
      }
      line = Math.min(lastLine, line + newlines(template, counted, open));
      counted = open;
      boolean triple = template.startsWith("{{{", open);
      String closer = triple ? "}}}" : "}}";
      int close = template.indexOf(closer, open + closer.length());
      if (close < 0) {
        problems.add(line, "the notes template opens a tag with '{{' that is never closed");
        break;
      }
      String tag = template.substring(open + closer.length(), close).trim();
      position = close + closer.length();
      if (triple) {
        name(tag, line);
        continue;
      }
      char sigil = tag.isEmpty() ? ' ' : tag.charAt(0);
      String rest = tag.isEmpty() ? "" : tag.substring(1).trim();
      switch (sigil) {
        case '!' -> {}
        case '#', '^' -> {
          if (name(rest, line)) {
            sections.push(new Open(rest, line));
          }
        }
        case '/' -> close(sections, rest, line);
        case '>' ->
            problems.add(
                line,
                "the notes template uses a partial {{>"
                    + rest
                    + "}}; "
                    + "partials are not supported");
        case '=' ->
            problems.add(
                line,
                "the notes template changes the tag delimiters; "
                    + "only the default {{ }} are supported");
        case '&' -> name(rest, line);
        default -> name(tag, line);
      }
    }
    for (Open section : sections) {
      problems.add(
          section.line(),
          "the notes template opens the section {{#"
              + section.name()
              + "}} but never closes it with {{/"
              + section.name()
              + "}}");
    }
  }

  private void close(Deque<Open> sections, String name, int line) {
    if (sections.stream().noneMatch(s -> s.name().equals(name))) {
      problems.add(
          line,
          "the notes template closes {{/" + name + "}}, but no section {{#" + name + "}} is open");
      return;
    }
    while (!sections.peek().name().equals(name)) {
      Open unclosed = sections.pop();
      problems.add(
          unclosed.line(),
          "the notes template opens the section {{#"
              + unclosed.name()
              + "}} but closes {{/"
              + name
              + "}} (line "
              + line
              + ") before it");
    }
    sections.pop();
  }

  /** Reports a name that is no notes field and no built-in value; true when it is fine. */
  private boolean name(String name, int line) {
    if (name.isEmpty()) {
      problems.add(line, "the notes template has an empty tag {{}}");
      return false;
    }
    if (name.equals(".") || name.equals("this")) {
      return true;
    }
    String head = name.contains(".") ? name.substring(0, name.indexOf('.')) : name;
    if (fields.contains(head) || BUILT_IN_VALUES.contains(head)) {
      return true;
    }
    List<String> known = Stream.concat(fields.stream(), BUILT_IN_VALUES.stream()).toList();
    problems.add(
        line,
        "the notes template uses "
            + show(head)
            + Problems.didYouMean(head, known)
            + ", which is neither a notes field nor a built-in value; notes fields: "
            + (fields.isEmpty() ? "none" : Problems.list(fields))
            + "; built-in values: "
            + String.join(", ", BUILT_IN_VALUES));
    return false;
  }

  private static int newlines(String text, int from, int to) {
    int count = 0;
    for (int i = from; i < to; i++) {
      if (text.charAt(i) == '\n') {
        count++;
      }
    }
    return count;
  }
}
