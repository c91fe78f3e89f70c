package io.tollgate.shared.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.h2.jdbcx.JdbcDataSource;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The listener on a real H2 file and Spring's transaction manager, without an application: which
 * commits are forced to the device, and that the force comes after the commit and before the
 * transaction returns to its caller.
 */
class H2CommitSyncTests {
  @TempDir Path dir;

  /** What the file sync saw: the rows another connection could read, and unsaved changes. */
  record Sync(long committedRows, boolean unsavedChanges, Thread thread) {}

  private final List<Sync> syncs = new ArrayList<>();
  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private Connection keepOpen;
  private String url;
  private JdbcClient jdbc;
  private TransactionTemplate tx;
  private boolean failSync;

  private void open(String settings) throws SQLException {
    url = "jdbc:h2:file:" + dir.resolve("db") + ";MODE=PostgreSQL" + settings;
    keepOpen = DriverManager.getConnection(url, "sa", ""); // the database stays open between calls
    keepOpen.createStatement().execute("create table t(id int primary key)");
    JdbcDataSource ds = new JdbcDataSource();
    ds.setURL(url);
    ds.setUser("sa");
    JdbcTransactionManager transactions = new JdbcTransactionManager(ds);
    H2CommitSync.FileSync recording =
        store -> {
          if (failSync) throw new IllegalStateException("disk gone");
          syncs.add(new Sync(committedRows(), store.hasUnsavedChanges(), Thread.currentThread()));
          store.sync();
        };
    transactions.addListener(new H2CommitSync(ds, recording, meters));
    jdbc = JdbcClient.create(ds);
    tx = new TransactionTemplate(transactions);
  }

  @AfterEach
  void close() throws SQLException {
    if (keepOpen != null) keepOpen.close();
  }

  private long committedRows() {
    try (Connection other = DriverManager.getConnection(url, "sa", "");
        ResultSet rs = other.createStatement().executeQuery("select count(*) from t")) {
      rs.next();
      return rs.getLong(1);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private void insert(int id) {
    jdbc.sql("insert into t(id) values (?)").param(id).update();
  }

  private double counted() {
    return meters.get("tollgate.h2.syncs").counter().count();
  }

  @Test
  void aWritingTransactionIsForcedAfterItsCommitAndBeforeItReturns() throws SQLException {
    open(""); // H2's default: writes delayed by 500 ms
    tx.executeWithoutResult(
        s -> {
          insert(1);
          assertThat(syncs).isEmpty();
        });
    assertThat(syncs)
        .as("one sync, on the committing thread, once the row is committed and written")
        .containsExactly(new Sync(1, false, Thread.currentThread()));
    assertThat(counted()).isEqualTo(1.0);
    assertThat(meters.get("tollgate.h2.flushes").counter().count()).isEqualTo(1.0);

    tx.executeWithoutResult(s -> insert(2));
    assertThat(syncs).hasSize(2);
    assertThat(syncs.get(1).committedRows()).isEqualTo(2);
    assertThat(counted()).isEqualTo(2.0);
  }

  @Test
  void aDerivedTransactionIsNotForcedAndTheNextForcedCommitCarriesIt() throws SQLException {
    open(""); // H2's default: writes delayed by 500 ms
    TransactionTemplate derived = new TransactionTemplate(tx.getTransactionManager());
    derived.setName(H2CommitSync.DERIVED + "a-reader");
    derived.executeWithoutResult(s -> insert(1));
    assertThat(syncs).as("derived from the audit log: not waited for").isEmpty();
    assertThat(counted()).isZero();

    tx.executeWithoutResult(s -> insert(2));
    assertThat(syncs)
        .as("the next forced commit writes and forces everything committed before it")
        .containsExactly(new Sync(2, false, Thread.currentThread()));
  }

  @Test
  void readOnlyUnchangedRolledBackAndJoiningTransactionsAreNotForcedOnTheirOwn()
      throws SQLException {
    open(""); // H2's default: writes delayed by 500 ms
    TransactionTemplate readOnly = new TransactionTemplate(tx.getTransactionManager());
    readOnly.setReadOnly(true);
    readOnly.executeWithoutResult(s -> committedRows());
    tx.executeWithoutResult(s -> jdbc.sql("select count(*) from t").query().singleValue());
    tx.executeWithoutResult(
        s -> {
          insert(1);
          s.setRollbackOnly();
        });
    assertThatThrownBy(
            () ->
                tx.executeWithoutResult(
                    s -> {
                      insert(2);
                      throw new IllegalArgumentException("refused");
                    }))
        .hasMessage("refused");
    assertThat(syncs).isEmpty();

    tx.executeWithoutResult(
        outer -> {
          insert(3);
          tx.executeWithoutResult(inner -> insert(4)); // joins the outer transaction
        });
    assertThat(syncs).as("the joined transaction commits once").hasSize(1);
    assertThat(syncs.get(0).committedRows()).isEqualTo(2);
  }

  @Test
  void aTransactionCommittedWhileAnotherFinishesItsCommitIsForcedAndSoIsTheOther()
      throws SQLException {
    open(""); // H2's default: writes delayed by 500 ms
    TransactionTemplate own = new TransactionTemplate(tx.getTransactionManager());
    own.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    tx.executeWithoutResult(
        s -> {
          insert(1);
          TransactionSynchronizationManager.registerSynchronization(
              new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                  own.executeWithoutResult(inner -> insert(2));
                }
              });
        });
    assertThat(syncs).extracting(Sync::committedRows).containsExactly(2L, 2L);
  }

  @Test
  void aUrlWithWriteDelayZeroIsForcedToo() throws SQLException {
    open(";WRITE_DELAY=0"); // H2 writes a chunk per commit itself
    tx.executeWithoutResult(s -> insert(1));
    assertThat(syncs).containsExactly(new Sync(1, false, Thread.currentThread()));
  }

  @Test
  void anInMemoryDatabaseIsNotForced() throws SQLException {
    JdbcDataSource ds = new JdbcDataSource();
    ds.setURL("jdbc:h2:mem:sync-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
    JdbcTransactionManager transactions = new JdbcTransactionManager(ds);
    List<MVStore> seen = new ArrayList<>();
    transactions.addListener(new H2CommitSync(ds, seen::add, meters));
    JdbcClient memory = JdbcClient.create(ds);
    new TransactionTemplate(transactions)
        .executeWithoutResult(
            s -> {
              memory.sql("create table m(id int)").update();
              memory.sql("insert into m values (1)").update();
            });
    assertThat(seen).isEmpty();
    assertThat(counted()).isZero();
  }

  @Test
  void aFailedSyncFailsTheCallerAndSaysTheChangeWasCommitted() throws SQLException {
    open(""); // H2's default: writes delayed by 500 ms
    failSync = true;
    assertThatThrownBy(() -> tx.executeWithoutResult(s -> insert(1)))
        .hasMessageContaining("committed but the database could not force it to the disk")
        .hasMessageContaining("disk gone");
    assertThat(committedRows()).isEqualTo(1);
    assertThat(counted()).isZero();
  }

  @Test
  void onlyAnH2DatabaseInAFileOfThisProcessIsForced() {
    assertThat(H2Durability.isEmbeddedH2File("jdbc:h2:file:./data/tollgate;WRITE_DELAY=0"))
        .isTrue();
    assertThat(H2Durability.isEmbeddedH2File("jdbc:h2:~/tollgate")).isTrue();
    assertThat(H2Durability.isEmbeddedH2File("JDBC:H2:./data/tollgate")).isTrue();
    assertThat(H2Durability.isEmbeddedH2File("jdbc:h2:mem:tollgate-it")).isFalse();
    assertThat(H2Durability.isEmbeddedH2File("jdbc:h2:tcp://db/tollgate")).isFalse();
    assertThat(H2Durability.isEmbeddedH2File("jdbc:h2:ssl://db/tollgate")).isFalse();
    assertThat(H2Durability.isEmbeddedH2File("jdbc:postgresql://127.0.0.1/tollgate")).isFalse();
    assertThat(H2Durability.isEmbeddedH2File(null)).isFalse();
  }
}
