package io.tollgate.process;

import java.util.List;

/** A process file that cannot be used; carries every problem found, each with its line. */
public class InvalidProcessException extends RuntimeException {
  private final List<ProcessError> errors;

  public InvalidProcessException(List<ProcessError> errors) {
    super(summary(errors));
    this.errors = List.copyOf(errors);
  }

  public List<ProcessError> errors() {
    return errors;
  }

  private static String summary(List<ProcessError> errors) {
    return errors.size()
        + " problem(s) in the process file"
        + (errors.isEmpty()
            ? ""
            : ", first at line " + errors.get(0).line() + ": " + errors.get(0).message());
  }
}
