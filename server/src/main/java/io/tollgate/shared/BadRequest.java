package io.tollgate.shared;

import java.util.List;

/** The request itself is malformed or misses a required field (400). */
public final class BadRequest extends TollgateException {
  private BadRequest(String detail) {
    super(detail, List.of());
  }

  public static BadRequest because(String detail) {
    return new BadRequest(detail);
  }

  public static BadRequest missing(String field) {
    return new BadRequest("The field '" + field + "' is required.");
  }

  @Override
  public int status() {
    return 400;
  }

  @Override
  public String title() {
    return "Bad request";
  }
}
