package io.tollgate.shared;

import java.util.List;

/** Well-formed but invalid input: bad semantic version, unknown release type, ... (422). */
public final class Invalid extends TollgateException {
  private final List<FieldError> errors;

  private Invalid(String detail, List<FieldError> errors) {
    super(detail, List.of());
    this.errors = List.copyOf(errors);
  }

  public static Invalid because(String detail) {
    return new Invalid(detail, List.of());
  }

  public static Invalid because(String detail, List<FieldError> errors) {
    return new Invalid(detail, errors);
  }

  public List<FieldError> errors() {
    return errors;
  }

  @Override
  public int status() {
    return 422;
  }

  @Override
  public String title() {
    return "Invalid input";
  }

  /** One problem, at a line of an uploaded file (0 when none applies). */
  public record FieldError(int line, String message) {}
}
