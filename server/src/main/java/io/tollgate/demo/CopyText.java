package io.tollgate.demo;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A text of a seed release (its document, an audit event's payload, a column) cut once into what
 * stays and what a copy changes: the moments in it (ISO-8601 instants, moved by the copy's shift)
 * and its tokens (the release's and its incidents' ids, its product's key, its version: each
 * replaced by the copy's own). Rendering a copy is then a concatenation, not a search.
 */
final class CopyText {
  private static final String INSTANT =
      "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(?::\\d{2}(?:\\.\\d{1,9})?)?Z";

  private final List<Object> parts; // String (kept), Instant (moved) or Token (replaced)

  private record Token(String seed) {}

  private CopyText(List<Object> parts) {
    this.parts = parts;
  }

  /** The pattern of the seed's moments and tokens (a token stands alone, not inside a word). */
  static Pattern pattern(Collection<String> tokens) {
    String alternatives =
        tokens.stream()
            .sorted((a, b) -> b.length() - a.length())
            .map(Pattern::quote)
            .collect(Collectors.joining("|"));
    return Pattern.compile("(" + INSTANT + ")|(?<![\\w.-])(" + alternatives + ")(?![\\w-]|\\.\\d)");
  }

  static CopyText of(String text, Pattern pattern) {
    List<Object> parts = new ArrayList<>();
    if (text == null) return null;
    Matcher m = pattern.matcher(text);
    int kept = 0;
    while (m.find()) {
      Object slot;
      if (m.group(1) != null) {
        try {
          slot = Instant.parse(m.group(1));
        } catch (DateTimeParseException e) {
          continue;
        }
      } else {
        slot = new Token(m.group(2));
      }
      if (m.start() > kept) parts.add(text.substring(kept, m.start()));
      parts.add(slot);
      kept = m.end();
    }
    if (kept < text.length()) parts.add(text.substring(kept));
    return new CopyText(parts);
  }

  /** The copy's text: every moment moved by {@code shift}, every token by {@code tokens}. */
  String render(Duration shift, Map<String, String> tokens) {
    StringBuilder s = new StringBuilder(64);
    for (Object p : parts) {
      if (p instanceof String kept) s.append(kept);
      else if (p instanceof Instant at) s.append(at.plus(shift));
      else s.append(tokens.getOrDefault(((Token) p).seed(), ((Token) p).seed()));
    }
    return s.toString();
  }
}
