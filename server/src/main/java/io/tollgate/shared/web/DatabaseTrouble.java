package io.tollgate.shared.web;

import java.io.IOException;
import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.util.Locale;
import java.util.Optional;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * The one place that tells a failure of the database itself (not of the request) from other errors,
 * for {@link ProblemHandler} and {@link ProblemErrorController}: the disk under the embedded
 * database is full (507), or the database cannot be reached or every connection is in use (503 with
 * {@code Retry-After}). Anything else is not database trouble.
 */
public final class DatabaseTrouble {
  /** Seconds a client is asked to wait before trying again after a 503. */
  public static final int RETRY_AFTER_SECONDS = 5;

  /**
   * What to answer.
   *
   * @param retryAfter seconds for {@code Retry-After}, or null
   */
  public record Answer(int status, String title, String detail, Integer retryAfter) {}

  private DatabaseTrouble() {}

  /** The answer for this failure if it is the database's trouble, else empty. */
  public static Optional<Answer> of(Throwable failure) {
    if (failure == null) return Optional.empty();
    java.util.List<Throwable> chain = new java.util.ArrayList<>();
    for (Throwable c = failure; c != null && chain.size() < 32; c = next(c)) {
      chain.add(c);
      // a commit that failed and then a rollback that failed: the commit's failure is the story
      if (c instanceof org.springframework.transaction.TransactionSystemException tse
          && tse.getApplicationException() != null) {
        for (Throwable a = tse.getApplicationException();
            a != null && chain.size() < 32;
            a = next(a)) {
          chain.add(a);
        }
      }
    }
    // the disk first: a store closed after a failed write is also "unavailable", but the cause is
    // what the administrator must fix
    for (Throwable c : chain) {
      if (diskFull(c)) {
        return Optional.of(
            new Answer(
                507,
                "Insufficient storage",
                "The server's disk is full: the database could not write this change, so it is not"
                    + " saved. An administrator must free space where the server keeps its data"
                    + " and restart the server (nothing saved before is lost).",
                null));
      }
    }
    boolean noConnection = false;
    boolean lost = false;
    for (Throwable c : chain) {
      if (c instanceof SQLTransientConnectionException
          || c instanceof CannotGetJdbcConnectionException
          || c instanceof CannotCreateTransactionException
          || c instanceof ConnectException) {
        noConnection = true;
      } else if (c instanceof SQLRecoverableException
          || c instanceof DataAccessResourceFailureException
          || c instanceof TransientDataAccessResourceException
          || (c instanceof org.springframework.transaction.TransactionSystemException
              && c.getCause() instanceof SQLException)
          || (c instanceof SQLException sql && connectionState(sql.getSQLState()))) {
        lost = true;
      }
    }
    if (noConnection) {
      return Optional.of(
          new Answer(
              503,
              "Service unavailable",
              "The database cannot be reached right now (it may be restarting, or all its"
                  + " connections are busy), so nothing was done. Try again in a few seconds.",
              RETRY_AFTER_SECONDS));
    }
    if (lost) {
      return Optional.of(
          new Answer(
              503,
              "Service unavailable",
              "The connection to the database was lost during the request (it may be"
                  + " restarting). If this was a change, reload to see whether it was saved before"
                  + " trying again in a few seconds.",
              RETRY_AFTER_SECONDS));
    }
    return Optional.empty();
  }

  /**
   * SQLSTATE class 08 (connection exception), 57P01–57P03 (PostgreSQL shutting down or starting),
   * H2's "database is closed" (90098, 90121) and "connection is broken" (90067).
   */
  private static boolean connectionState(String state) {
    if (state == null) return false;
    return state.startsWith("08")
        || state.equals("57P01")
        || state.equals("57P02")
        || state.equals("57P03")
        || state.equals("90098")
        || state.equals("90121")
        || state.equals("90067");
  }

  private static boolean diskFull(Throwable c) {
    String message = c.getMessage();
    if (message == null) return false;
    String m = message.toLowerCase(Locale.ROOT);
    return (c instanceof IOException || m.contains("ioexception"))
        && (m.contains("no space left on device") || m.contains("disk quota exceeded"));
  }

  private static Throwable next(Throwable c) {
    Throwable cause = c.getCause();
    if (cause == c) return null;
    if (cause == null && c instanceof SQLException sql) return sql.getNextException();
    return cause;
  }
}
