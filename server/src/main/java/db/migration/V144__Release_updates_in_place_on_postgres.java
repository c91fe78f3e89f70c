package db.migration;

import java.sql.Connection;
import java.sql.Statement;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * On PostgreSQL, lets most saves of a release rewrite its row in place (a HOT update) instead of
 * adding an entry to each of the table's fourteen indexes. PostgreSQL can only do that when no
 * indexed column changes and the row's page has room. Every save changes the revision, which V122
 * put in {@code releases_active_newest} and {@code releases_active_window} so that H2 answers the
 * board from those indexes alone (issue 13); so on PostgreSQL they are made again without it (its
 * board reads each row of a page for the revision, as it would anyway: a row that may have changed
 * since the last vacuum is checked in the table), and the table's pages are filled to 80 % so an
 * updated row finds room beside its old version. On H2 nothing changes.
 */
public class V144__Release_updates_in_place_on_postgres extends BaseJavaMigration {
  @Override
  public void migrate(Context context) throws Exception {
    Connection c = context.getConnection();
    if (!"PostgreSQL".equals(c.getMetaData().getDatabaseProductName())) return;
    try (Statement s = c.createStatement()) {
      s.execute("drop index releases_active_newest");
      s.execute(
          "create index releases_active_newest on releases"
              + " (is_active, created_at desc, id desc, product_key, status)");
      s.execute("drop index releases_active_window");
      s.execute(
          "create index releases_active_window on releases"
              + " (is_active, window_start, id, product_key, status)");
      s.execute("alter table releases set (fillfactor = 80)");
    }
  }
}
