package io.tollgate.automation;

import io.tollgate.automation.AutomationConfig.Check;
import io.tollgate.automation.AutomationConfig.HttpCheck;
import io.tollgate.automation.AutomationConfig.PrometheusCheck;
import io.tollgate.automation.AutomationRequest.CheckRequest;
import io.tollgate.shared.Invalid;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The product page's text form of an environment's checks, one per line, every kind the API takes:
 *
 * <pre>
 * http &lt;url&gt; [&lt;expected status&gt;] [&lt;text the body contains&gt;]
 * prometheus &lt;url&gt; &lt;query&gt; &lt;op&gt; &lt;threshold&gt;      (op: &lt; &lt;= &gt; &gt;=)
 * </pre>
 *
 * A line with only a URL is an HTTP check expecting 200; blank lines are skipped. {@link #parse}
 * refuses a line it cannot read with a 422 naming the check ("Check 2: …", counting non-blank
 * lines); {@link #readable} turns the API's field names ({@code verification.checks[2].op}) into
 * the page's ({@code check 3, op}).
 */
public final class CheckLines {
  private static final Pattern STATUS = Pattern.compile("\\d{3}");
  private static final Pattern FIELD = Pattern.compile("verification\\.checks\\[(\\d+)]\\.?");

  private CheckLines() {}

  public static List<CheckRequest> parse(String text) {
    List<CheckRequest> checks = new ArrayList<>();
    String[] lines = text == null ? new String[0] : text.split("\\R");
    for (String raw : lines) {
      String line = raw.strip();
      if (line.isEmpty()) continue; // blank lines are not counted
      checks.add(parseLine(line, "Check " + (checks.size() + 1)));
    }
    return checks;
  }

  private static CheckRequest parseLine(String line, String where) {
    String[] words = line.split("\\s+");
    String kind = words[0];
    if (kind.contains("://")) return http(line, where); // a bare URL: an HTTP check
    String rest = line.substring(kind.length()).strip();
    return switch (kind) {
      case "http" -> http(rest, where);
      case "prometheus" -> prometheus(rest, where);
      default ->
          throw Invalid.field(
              "checks",
              where
                  + ": starts with '"
                  + kind
                  + "'; write 'http <url> [status] [text]' or 'prometheus <url> <query> <op>"
                  + " <threshold>'.");
    };
  }

  private static CheckRequest http(String rest, String where) {
    String[] words = rest.isEmpty() ? new String[0] : rest.split("\\s+", 3);
    if (words.length == 0) throw Invalid.field("checks", where + ": the URL is missing.");
    Integer status = null;
    String contains = null;
    if (words.length > 1) {
      if (STATUS.matcher(words[1]).matches()) {
        status = Integer.parseInt(words[1]);
        if (words.length > 2) contains = words[2];
      } else {
        contains = rest.substring(words[0].length()).strip();
      }
    }
    return new CheckRequest("http", words[0], status, contains, null, null, null);
  }

  private static CheckRequest prometheus(String rest, String where) {
    String[] words = rest.isEmpty() ? new String[0] : rest.split("\\s+");
    if (words.length < 4) {
      throw Invalid.field(
          "checks", where + ": a Prometheus check is 'prometheus <url> <query> <op> <threshold>'.");
    }
    String op = words[words.length - 2];
    if (!AutomationRequests.OPS.contains(op)) {
      throw Invalid.field(
          "checks",
          where
              + ": '"
              + op
              + "' is not a comparison; end the line with <, <=, > or >= and a number.");
    }
    double threshold;
    try {
      threshold = Double.parseDouble(words[words.length - 1]);
    } catch (NumberFormatException e) {
      throw Invalid.field(
          "checks", where + ": the threshold '" + words[words.length - 1] + "' is not a number.");
    }
    String query =
        String.join(" ", Arrays.asList(words).subList(1, words.length - 2)); // spaces normalised
    return new CheckRequest("prometheus", words[0], null, null, query, op, threshold);
  }

  /** The lines of stored checks, as {@link #parse} reads them back. */
  public static String format(List<Check> checks) {
    List<String> lines = new ArrayList<>();
    for (Check c : checks) {
      if (c instanceof HttpCheck h) {
        String line = "http " + h.url();
        if (h.expectStatus() != 200 || h.bodyContains() != null) line += " " + h.expectStatus();
        if (h.bodyContains() != null) line += " " + h.bodyContains();
        lines.add(line);
      } else if (c instanceof PrometheusCheck p) {
        lines.add(
            "prometheus " + p.url() + " " + p.query() + " " + p.op() + " " + number(p.threshold()));
      }
    }
    return String.join("\n", lines);
  }

  /** A validation message of the API, in the page's words. */
  public static String readable(String message) {
    if (message == null) return "";
    Matcher m = FIELD.matcher(message);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      int line = Integer.parseInt(m.group(1)) + 1;
      m.appendReplacement(out, "check " + line + (m.group().endsWith(".") ? ", " : ""));
    }
    m.appendTail(out);
    return out.toString();
  }

  private static String number(double d) {
    return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
  }
}
