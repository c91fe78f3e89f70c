package io.tollgate.lifecycle.internal;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;
import org.springframework.stereotype.Component;

/**
 * Before Flyway migrates at start-up: refuses to go on when the database holds migrations newer
 * than this server's (Flyway itself ignores such "future" migrations by default and would let an
 * older server run on a schema it does not know). Spring Boot hands every {@link Callback} bean to
 * Flyway; {@link NewerDatabaseAnalyzer} words the failure.
 */
@Component
class NewerDatabaseCheck implements Callback {

  @Override
  public boolean supports(Event event, Context context) {
    return event == Event.BEFORE_MIGRATE;
  }

  @Override
  public boolean canHandleInTransaction(Event event, Context context) {
    return true;
  }

  @Override
  public void handle(Event event, Context context) {
    SchemaVersions.of(Flyway.configure().configuration(context.getConfiguration()).load().info())
        .requireNotNewer();
  }

  @Override
  public String getCallbackName() {
    return "tollgate-newer-database-check";
  }
}
