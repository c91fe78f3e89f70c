package io.tollgate.changes;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A product's changelog in the Keep a Changelog format (https://keepachangelog.com): a title, the
 * preamble, then one {@code ## [version] - YYYY-MM-DD} section per release, newest first ({@code
 * [YANKED]} when it was rolled back), an optional summary, and its entries under the six types in
 * their order, with the link of each version at the end.
 */
public final class Changelog {
  /** The six types of change, in the order Keep a Changelog lists them. */
  public static final List<String> TYPES =
      List.of("Added", "Changed", "Deprecated", "Removed", "Fixed", "Security");

  private static final Pattern VERSION =
      Pattern.compile(
          "^## \\[([^\\]]+)](?: - (\\d{4}-\\d{2}-\\d{2}|Unreleased))?( \\[YANKED])?\\s*$");
  private static final Pattern TYPE = Pattern.compile("^### (.+?)\\s*$");

  private Changelog() {}

  /**
   * One released version.
   *
   * @param link where the version is described (its release page), or null
   * @param sections entries by type (a type of {@link #TYPES}); empty types are left out
   */
  public record Version(
      String version,
      LocalDate date,
      boolean yanked,
      String summary,
      Map<String, List<String>> sections,
      String link) {}

  public static String render(String product, List<Version> versions) {
    StringBuilder md = new StringBuilder();
    md.append("# Changelog\n\n")
        .append("All notable changes to ")
        .append(product)
        .append(" will be documented in this file.\n\n")
        .append(
            "The format is based on [Keep a Changelog](https://keepachangelog.com/en/1.1.0/),\n")
        .append(
            "and this project adheres to [Semantic Versioning](https://semver.org/spec/v2.0.0.html).\n");
    for (Version v : versions) {
      md.append("\n## [").append(v.version()).append("] - ").append(v.date());
      if (v.yanked()) md.append(" [YANKED]");
      md.append('\n');
      if (v.summary() != null && !v.summary().isBlank()) {
        md.append('\n').append(oneParagraph(v.summary())).append('\n');
      }
      for (String type : TYPES) {
        List<String> entries = v.sections().getOrDefault(type, List.of());
        if (entries.isEmpty()) continue;
        md.append("\n### ").append(type).append("\n\n");
        entries.forEach(e -> md.append("- ").append(oneParagraph(e)).append('\n'));
      }
    }
    List<Version> linked = versions.stream().filter(v -> v.link() != null).toList();
    if (!linked.isEmpty()) {
      md.append('\n');
      linked.forEach(
          v -> md.append('[').append(v.version()).append("]: ").append(v.link()).append('\n'));
    }
    return md.toString();
  }

  /** A version heading as read back: for checking that a file keeps the format. */
  public record Heading(String version, String date, boolean yanked, List<String> types) {}

  /**
   * The version headings of a Keep a Changelog file with the types under each, in order; a version
   * heading or type that does not follow the format is refused.
   */
  public static List<Heading> read(String markdown) {
    List<Heading> headings = new ArrayList<>();
    List<String> types = null;
    for (String line : markdown.split("\n")) {
      if (line.startsWith("## ")) {
        Matcher m = VERSION.matcher(line);
        if (!m.matches()) throw new IllegalArgumentException("not a version heading: " + line);
        types = new ArrayList<>();
        headings.add(new Heading(m.group(1), m.group(2), m.group(3) != null, types));
      } else if (line.startsWith("### ") && types != null) {
        Matcher m = TYPE.matcher(line);
        if (!m.matches() || !TYPES.contains(m.group(1))) {
          throw new IllegalArgumentException("not a type of change: " + line);
        }
        types.add(m.group(1));
      }
    }
    return headings;
  }

  private static String oneParagraph(String text) {
    return text.strip().replaceAll("\\s*\\n\\s*", " ");
  }
}
