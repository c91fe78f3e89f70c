package io.tollgate.process;

/** One problem in a process file, at a 1-based line (0 when no line applies). */
public record ProcessError(int line, String message) {

  /** {@code line 42: step 'deploy-prod' has unknown owner role 'dev-ops'; ...}. */
  @Override
  public String toString() {
    return line > 0 ? "line " + line + ": " + message : message;
  }
}
