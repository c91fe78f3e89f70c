package io.tollgate.shared.db;

import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionCallback;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Transactions that write only what is derived again from the audit log after a crash (a reader's
 * rows and its cursor, in one transaction): their commit does not wait for the disk. On H2 they are
 * not forced ({@link H2CommitSync#DERIVED}); on PostgreSQL they commit with {@code
 * synchronous_commit off}, so the commit returns before its WAL is flushed (never corrupting
 * anything: a crash can only take back the last such commits, whose reader then reads the same
 * events again). What a person is told is recorded never goes through here.
 */
@Component
public class DerivedWrites {
  private final PlatformTransactionManager transactions;
  private final JdbcClient jdbc;
  private final boolean postgres;

  DerivedWrites(PlatformTransactionManager transactions, JdbcClient jdbc, DataSource dataSource) {
    this.transactions = transactions;
    this.jdbc = jdbc;
    this.postgres = Databases.isPostgres(dataSource);
  }

  /** Runs {@code work} in a new derived transaction named {@code name}. */
  public <T> T execute(String name, TransactionCallback<T> work) {
    TransactionTemplate tx = new TransactionTemplate(transactions);
    tx.setName(H2CommitSync.DERIVED + name);
    return tx.execute(
        status -> {
          if (postgres) jdbc.sql("set local synchronous_commit to off").update();
          return work.doInTransaction(status);
        });
  }
}
