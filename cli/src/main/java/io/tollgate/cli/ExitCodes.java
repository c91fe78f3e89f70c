package io.tollgate.cli;

/**
 * What {@code tollgate} exits with; the same table is in the README and in {@code tollgate --help}.
 */
public final class ExitCodes {
  /** Done. */
  public static final int OK = 0;

  /**
   * Refused: the server said no (409 with its blockers, 422, 400), a process file is invalid, the
   * audit chain is broken, or the release waited for ended in another final status.
   */
  public static final int REFUSED = 1;

  /** Usage: bad arguments, a file that cannot be read, a git range that does not resolve. */
  public static final int USAGE = 2;

  /** Not found: no such product, release, step, requirement (404). */
  public static final int NOT_FOUND = 3;

  /** Authentication: not logged in, unknown or expired token (401), missing role or scope (403). */
  public static final int AUTH = 4;

  /** The server failed (5xx) or could not be reached. */
  public static final int SERVER = 5;

  /** {@code release wait} only: the timeout passed before the release reached the status. */
  public static final int TIMEOUT = 6;

  private ExitCodes() {}

  /** The exit code for an HTTP status the server answered with. */
  public static int forStatus(int status) {
    if (status == 401 || status == 403) return AUTH;
    if (status == 404) return NOT_FOUND;
    if (status >= 500) return SERVER;
    return REFUSED;
  }

  /** The help section listing the codes. */
  static final String HELP =
      """
      Exit codes:
        0  done
        1  refused by the server (409 with blockers, 422, 400), invalid process file,
           broken audit chain, or the release waited for ended in another final status
        2  usage: bad arguments, unreadable file, git range that does not resolve
        3  not found (404)
        4  authentication: not logged in, unknown token (401), missing role or scope (403)
        5  server error (5xx) or server unreachable
        6  release wait: timed out
      """;
}
