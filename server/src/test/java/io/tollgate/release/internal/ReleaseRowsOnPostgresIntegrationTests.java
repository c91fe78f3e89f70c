package io.tollgate.release.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.tollgate.release.Overview;
import io.tollgate.release.Release;
import io.tollgate.release.ReleaseData;
import io.tollgate.support.IntegrationTest;
import io.tollgate.support.ReleaseDriver;
import io.tollgate.support.Team;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What PostgreSQL does with the releases table under the commands' load (issue 14): a save that
 * changes no indexed column rewrites the row in place (a HOT update, V144), and finding the
 * versions that decide a new release's version reads the product's version index, whatever plan a
 * connection kept from when the table was empty; and a document is compressed with LZ4 (V145).
 */
class ReleaseRowsOnPostgresIntegrationTests extends IntegrationTest {
  @Autowired ReleaseStore store;
  @Autowired ReleaseVersionIndex versions;
  @Autowired io.tollgate.process.ProcessManagement processes;
  @Autowired TransactionTemplate transactions;

  @Test
  void aSaveThatChangesNoIndexedColumnIsAnUpdateInPlace() {
    assumeTrue(onPostgres(), "PostgreSQL only");
    Team t = Team.create(admin);
    String id = ReleaseDriver.plan(t, "minor");

    long[] hot =
        transactions.execute(
            tx -> {
              ReleaseData data = store.find(id).orElseThrow();
              Release release =
                  Release.restore(
                      data, processes.definition(data.process().id(), data.process().version()));
              ReleaseData saved = data.withRevision(data.revision() + 1);
              long before = hotUpdatesInThisTransaction();
              assertThat(
                      store.update(
                          saved,
                          release.status().id(),
                          Overview.of(release),
                          data.revision(),
                          Instant.now()))
                  .isTrue();
              return new long[] {before, hotUpdatesInThisTransaction(), saved.revision()};
            });
    assertThat(hot[1] - hot[0]).as("HOT updates of releases by one save").isEqualTo(1);
    assertThat(store.find(id).orElseThrow().revision()).isEqualTo(hot[2]);
  }

  @Test
  void theVersionsInUseAreReadThroughTheVersionIndexEvenByAPlanMadeOnAnEmptyTable() {
    assumeTrue(onPostgres(), "PostgreSQL only");
    String plan =
        transactions.execute(
            tx -> {
              // an empty, never analyzed copy of the table with all its indexes (named after their
              // columns), found before the real one for the rest of this transaction
              jdbc.sql(
                      "create temporary table releases (like releases including all) on commit drop")
                  .update();
              jdbc.sql("set local plan_cache_mode = force_generic_plan").update();
              String statement =
                  ReleaseVersionIndex.IN_LINE.replace("?", "$%d").formatted(1, 2, 3, 4, 5);
              jdbc.sql("prepare versions_in_line as " + statement).update();
              try {
                return String.join(
                    "\n",
                    jdbc.sql("explain execute versions_in_line ('p', 1, 2, 3, 3)")
                        .query(String.class)
                        .list());
              } finally {
                jdbc.sql("deallocate versions_in_line").update();
              }
            });
    assertThat(plan).contains("releases_product_key_v_major_v_minor_v_patch_idx");
  }

  @Test
  void theVersionLookupIsPlannedWithItsValuesEachTimeNotKeptAsAPreparedStatement() {
    assumeTrue(onPostgres(), "PostgreSQL only");
    Team t = Team.create(admin);
    ReleaseDriver.plan(t, "minor");
    long kept =
        transactions.execute(
            tx -> {
              // one connection: the driver prepares a statement on the server at its fifth run
              for (int i = 0; i < 12; i++) {
                assertThat(
                        versions.versionsThatMatter(
                            t.product, io.tollgate.release.SemanticVersion.parse("0.1.0").get()))
                    .isNotEmpty();
              }
              return jdbc.sql("select count(*) from pg_prepared_statements where statement like ?")
                  .param("%v_patch >= $4%")
                  .query(Long.class)
                  .single();
            });
    assertThat(kept).as("server-side prepared statements of the lookup").isZero();
  }

  @Test
  void aSavedDocumentIsCompressedWithLz4() {
    assumeTrue(onPostgres(), "PostgreSQL only");
    assumeTrue(
        jdbc.sql(
                "select 'lz4' = any(enumvals) from pg_settings"
                    + " where name = 'default_toast_compression'")
            .query(Boolean.class)
            .optional()
            .orElse(false),
        "this PostgreSQL offers LZ4");
    Team t = Team.create(admin);
    String id = ReleaseDriver.plan(t, "minor");
    assertThat(
            jdbc.sql("select pg_column_compression(document) from releases where id = ?")
                .param(id)
                .query(String.class)
                .single())
        .as("V145: a document past 2 KB is compressed, with LZ4 rather than pglz")
        .isEqualTo("lz4");
  }

  private long hotUpdatesInThisTransaction() {
    return jdbc.sql("select pg_stat_get_xact_tuples_hot_updated('releases'::regclass)")
        .query(Long.class)
        .single();
  }
}
