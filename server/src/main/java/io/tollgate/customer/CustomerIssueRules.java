package io.tollgate.customer;

import io.tollgate.shared.BadRequest;
import io.tollgate.shared.Invalid;
import io.tollgate.shared.Refused;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;

/** What a customer issue must be, and when it can be escalated. */
public final class CustomerIssueRules {
  public static final List<String> SEVERITIES = List.of("critical", "high", "medium", "low");
  static final int MAX_SUMMARY = 500;

  private CustomerIssueRules() {}

  /** The summary checked (400 when missing, 422 when too long). */
  public static String summary(String summary) {
    if (summary == null || summary.isBlank()) throw BadRequest.missing("summary");
    String s = summary.strip();
    if (s.length() > MAX_SUMMARY) {
      throw Invalid.field("summary", "The summary is at most " + MAX_SUMMARY + " characters.");
    }
    return s;
  }

  public static String severity(String severity) {
    if (severity == null || severity.isBlank()) throw BadRequest.missing("severity");
    String s = severity.strip().toLowerCase(Locale.ROOT);
    if (!SEVERITIES.contains(s)) {
      throw Invalid.field(
          "severity",
          "'" + severity + "' is not a severity: " + String.join(", ", SEVERITIES) + ".");
    }
    return s;
  }

  /** An optional link to the ticket: http(s) only. */
  public static String link(String link) {
    if (link == null || link.isBlank()) return null;
    try {
      URI uri = new URI(link.strip());
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
        return uri.toString();
      }
    } catch (URISyntaxException ignored) {
      // said below
    }
    throw Invalid.field("link", "'" + link + "' is not an http(s) link to the ticket.");
  }

  /** Issues are recorded on a release once it reached production. */
  public static void requireReleased(boolean released, String version) {
    if (!released) {
      throw Refused.because(
          "Release "
              + version
              + " has not reached production: customer issues are recorded after release.");
    }
  }

  /** Only a critical issue not yet escalated becomes an incident. */
  public static void requireEscalatable(CustomerIssue issue) {
    if (issue.incident() != null) {
      throw Refused.because(
          "The issue was escalated already, to incident " + issue.incident() + ".");
    }
    if (!issue.severity().equals("critical")) {
      throw Refused.because(
          "Only a critical issue is escalated to an incident; this one is "
              + issue.severity()
              + ".");
    }
  }
}
