package io.tollgate.lifecycle.internal;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Words a start refused by {@link NewerDatabaseCheck} in the log, without a stack trace. */
public class NewerDatabaseAnalyzer extends AbstractFailureAnalyzer<DatabaseNewerThanServer> {

  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, DatabaseNewerThanServer cause) {
    return new FailureAnalysis(
        cause.getMessage(),
        "Start Tollgate at version "
            + cause.databaseVersion()
            + " of its migrations or later (the same version as the other nodes), or restore the"
            + " database from a backup made by this version.",
        cause);
  }
}
