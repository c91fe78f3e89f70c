package io.tollgate.cli;

import tools.jackson.databind.JsonNode;

/**
 * The server answered with an error status; {@code problem} is its RFC 9457 problem detail (or a
 * made-up one holding the body when the answer was not a problem).
 */
public class ApiException extends CliException {
  private final int status;
  private final JsonNode problem;

  public ApiException(int status, JsonNode problem, String message) {
    super(ExitCodes.forStatus(status), message);
    this.status = status;
    this.problem = problem;
  }

  public int status() {
    return status;
  }

  public JsonNode problem() {
    return problem;
  }
}
