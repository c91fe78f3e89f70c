package io.tollgate.release;

import io.tollgate.shared.Invalid;
import io.tollgate.shared.Limits;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/** What shows a requirement is met or a step is done: a link, a note, or both. */
public record Evidence(String url, String note) {
  public static final Evidence NONE = new Evidence(null, null);

  /**
   * Evidence as a person gives it: the link, when there is one, must be an absolute http or https
   * address (422 otherwise): a {@code javascript:} or {@code data:} link is no evidence, and it
   * would be shown as a link to everyone on the release. Stored evidence is read with the
   * constructor, unchecked, so an older record never fails to load.
   */
  public static Evidence of(String url, String note) {
    if (url != null && !url.isBlank()) checkUrl(url.strip());
    return new Evidence(url, note);
  }

  private static void checkUrl(String url) {
    String problem = null;
    if (url.length() > Limits.charsOf("url")) {
      problem = "is longer than " + Limits.charsOf("url") + " characters";
    } else {
      try {
        URI uri = new URI(url);
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
          problem =
              scheme.isEmpty()
                  ? "is not an absolute address"
                  : "uses the scheme '" + scheme + ":', which is not accepted";
        } else if (uri.getHost() == null || uri.getHost().isBlank()) {
          problem = "has no host";
        }
      } catch (URISyntaxException e) {
        problem = "is not a valid address (" + e.getReason() + ")";
      }
    }
    if (problem != null) {
      throw Invalid.field(
          "evidence.url",
          "The evidence link "
              + problem
              + "; give an http:// or https:// address (or put the text in the note).");
    }
  }

  public boolean isEmpty() {
    return (url == null || url.isBlank()) && (note == null || note.isBlank());
  }
}
