package io.tollgate.shared;

import java.util.List;

/** Well-formed but invalid input: bad semantic version, unknown release type, ... (422). */
public final class Invalid extends TollgateException {
  private final List<FieldError> errors;
  private final String field;

  private Invalid(String detail, List<FieldError> errors, String field) {
    super(detail, List.of());
    this.errors = List.copyOf(errors);
    this.field = field;
  }

  private Invalid(String detail, List<FieldError> errors) {
    this(detail, errors, null);
  }

  /** A value of one field of the request is not acceptable; {@code field} names it. */
  public static Invalid field(String field, String detail) {
    return new Invalid(detail, List.of(), field);
  }

  /** The field of the request the problem is in (e.g. {@code evidence.url}), or null. */
  public String field() {
    return field;
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
