package io.tollgate.shared.web;

import io.tollgate.shared.BadRequest;

/**
 * Reads an {@code If-Match} revision: {@code "3"}, {@code W/"3"} or {@code 3}; {@code *} means any.
 */
public final class IfMatch {
  private IfMatch() {}

  public static Long revision(String header) {
    if (header == null || header.isBlank() || header.strip().equals("*")) {
      return null;
    }
    String value = header.strip();
    if (value.startsWith("W/")) value = value.substring(2);
    value = value.replace("\"", "").strip();
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw BadRequest.because(
          "If-Match must carry a release revision such as \"3\" (the ETag of GET); got "
              + header
              + ".");
    }
  }

  public static String etag(long revision) {
    return "\"" + revision + "\"";
  }
}
