package io.tollgate.notes;

import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.Template;
import io.tollgate.process.NotesField;
import io.tollgate.process.NotesTemplate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;

/** Renders release notes through the process's Mustache/Markdown template, to Markdown or HTML. */
public final class NotesRenderer {
  private static final Map<String, Template> COMPILED = new ConcurrentHashMap<>();
  // Notes are written by people: raw HTML in them is shown as text, and only http(s) and mailto
  // links are links (SafeLinks; the sanitiser below is the second line, without its data: default).
  private static final Parser PARSER = Parser.builder().postProcessor(new SafeLinks()).build();
  private static final HtmlRenderer HTML =
      HtmlRenderer.builder()
          .escapeHtml(true)
          .sanitizeUrls(true)
          .urlSanitizer(
              new org.commonmark.renderer.html.DefaultUrlSanitizer(
                  List.of("http", "https", "mailto")))
          .build();

  private NotesRenderer() {}

  public static String markdown(NotesTemplate template, NotesContext context, ReleaseNotes notes) {
    Template compiled =
        COMPILED.computeIfAbsent(
            template.markdown(),
            text ->
                Mustache.compiler()
                    .escapeHTML(false)
                    .defaultValue("")
                    .emptyStringIsFalse(true)
                    .compile(text));
    Map<String, Object> data = new HashMap<>();
    data.put("product", context.product());
    data.put("name", blankToNull(context.name()));
    data.put("version", context.version());
    data.put("type", context.type());
    data.put("date", context.date());
    data.put("releaseManager", context.releaseManager());
    for (NotesField field : template.fields()) {
      List<String> entries = notes.get(field.key());
      if (field.list()) {
        data.put(field.key(), entries);
      } else {
        data.put(field.key(), entries.isEmpty() ? null : String.join("\n", entries));
      }
    }
    return compiled.execute(data);
  }

  public static String html(NotesTemplate template, NotesContext context, ReleaseNotes notes) {
    return html(markdown(template, context, notes));
  }

  /** Markdown written by people as HTML: raw HTML shown as text, only http(s) and mailto links. */
  public static String html(String markdown) {
    return HTML.render(PARSER.parse(markdown));
  }

  /**
   * Support's version of the notes, for customers: the {@code customerFacing} fields alone, a text
   * field as a paragraph and a list field as a bulleted list; empty when support wrote none.
   */
  public static String customerMarkdown(NotesTemplate template, ReleaseNotes notes) {
    StringBuilder b = new StringBuilder();
    for (NotesField field : template.customerFacing()) {
      List<String> entries = notes.get(field.key());
      if (entries.isEmpty()) continue;
      if (!b.isEmpty()) b.append('\n');
      if (field.list()) {
        for (String entry : entries) b.append("- ").append(entry).append('\n');
      } else {
        b.append(String.join("\n", entries)).append('\n');
      }
    }
    return b.toString();
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }
}
