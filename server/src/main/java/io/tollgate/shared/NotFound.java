package io.tollgate.shared;

import java.util.List;

/** Something named in the request does not exist (404). */
public final class NotFound extends TollgateException {
  private NotFound(String detail) {
    super(detail, List.of());
  }

  public static NotFound of(String kind, String key) {
    return new NotFound("No " + kind + " '" + key + "'.");
  }

  public static NotFound of(String kind, String key, String hint) {
    return new NotFound("No " + kind + " '" + key + "'. " + hint);
  }

  /** Nothing to name by a key (a secret in a URL): the whole sentence. */
  public static NotFound because(String detail) {
    return new NotFound(detail);
  }

  @Override
  public int status() {
    return 404;
  }

  @Override
  public String title() {
    return "Not found";
  }
}
