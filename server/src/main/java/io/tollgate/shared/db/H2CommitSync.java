package io.tollgate.shared.db;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.h2.engine.Session;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.datasource.ConnectionHolder;
import org.springframework.transaction.TransactionExecution;
import org.springframework.transaction.TransactionExecutionListener;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Forces each commit of the embedded H2 database (file mode) to the device (fsync) before the
 * command that made it is answered, so that a power cut cannot take back what a person was told is
 * recorded (issue 12, finding 13).
 *
 * <p>{@code WRITE_DELAY=0} in the URL makes H2 write a commit's chunk to its file before {@code
 * commit()} returns, but only into the operating system's page cache. After every transaction that
 * changed something commits, this listener calls {@link MVStore#sync()}, which is {@code
 * FileChannel.force(true)}: the commit, and everything written before it, is on the device when the
 * transaction template or {@code @Transactional} method returns to the controller. It runs after
 * the commit's own completion callbacks, so the audit chain's lock (held from before the commit to
 * its completion) is not held across the fsync, and several threads' fsyncs overlap.
 *
 * <p>Why a plain fsync per commit and not {@code CHECKPOINT SYNC} or a group commit in Java:
 * measured on the 2-core ext4 build machine (16 threads, a two-row transaction each, H2 2.4, {@code
 * WRITE_DELAY=0}, commits/s): no fsync 3,000–5,500; {@code CHECKPOINT SYNC} after each commit
 * 1,300–1,800 (it takes the database's monitor and first writes a chunk of every open transaction's
 * changes); a group commit in which committers wait for one flusher that fsyncs for everyone who
 * committed before it started 3,200–3,600 at one fsync per 6 commits; one fsync per commit
 * 3,500–4,700 (8 threads: 3,600 against 2,900 for the group commit; 4 threads: equal; 1 thread:
 * 5,700 without fsync, 1,300 with, so one fsync costs about 0.6 ms there). Linux already shares one
 * journal commit and one device flush among fsyncs of the same file that overlap, so a flusher in
 * Java only adds a hand-over and makes late committers wait for a second round. A transaction that
 * changed nothing, a read-only one, and a transaction that joins an outer one are not forced.
 *
 * <p>Data another transaction has committed but not yet forced is visible to readers for the
 * duration of that fsync (H2 publishes a commit before it writes it); its writer has not been
 * answered yet.
 */
public class H2CommitSync implements TransactionExecutionListener {
  private static final Logger log = LoggerFactory.getLogger(H2CommitSync.class);

  /** What forces a store's file to the device: {@link MVStore#sync()}; a seam for tests. */
  @FunctionalInterface
  public interface FileSync {
    void sync(MVStore store);
  }

  private final DataSource dataSource;
  private final FileSync fileSync;
  private final Counter syncs;
  private final Set<TransactionExecution> changed = ConcurrentHashMap.newKeySet();
  private volatile boolean warnedRemote;

  public H2CommitSync(DataSource dataSource, FileSync fileSync, MeterRegistry meters) {
    this.dataSource = dataSource;
    this.fileSync = fileSync;
    this.syncs =
        Counter.builder("tollgate.h2.syncs")
            .description(
                "Commits of the embedded H2 database forced to the device (fsync) before their"
                    + " answer")
            .register(meters);
  }

  @Override
  public void beforeCommit(TransactionExecution transaction) {
    if (!transaction.isNewTransaction() || transaction.isReadOnly()) return;
    SessionLocal session = session();
    if (session != null && session.hasPendingTransaction()) changed.add(transaction);
  }

  @Override
  public void afterCommit(TransactionExecution transaction, Throwable commitFailure) {
    if (!changed.remove(transaction) || commitFailure != null) return;
    SessionLocal session = session();
    if (session == null) return;
    MVStore store = session.getDatabase().getStore().getMvStore();
    try {
      if (store.getAutoCommitDelay() != 0) {
        store.commit(); // a URL without WRITE_DELAY=0: write the commit first
      }
      fileSync.sync(store);
    } catch (RuntimeException e) {
      throw new IllegalStateException(
          "The change was committed but the database could not force it to the disk, so it may"
              + " not survive a power cut: "
              + e.getMessage(),
          e);
    }
    syncs.increment();
  }

  @Override
  public void afterRollback(TransactionExecution transaction, Throwable rollbackFailure) {
    changed.remove(transaction);
  }

  /** The local H2 session behind the transaction's connection, or null. */
  private SessionLocal session() {
    if (!(TransactionSynchronizationManager.getResource(dataSource)
        instanceof ConnectionHolder holder)) {
      return null;
    }
    try {
      Connection connection = holder.getConnection();
      if (!connection.isWrapperFor(JdbcConnection.class)) return null;
      Session session = connection.unwrap(JdbcConnection.class).getSession();
      if (session instanceof SessionLocal local && local.getDatabase().isPersistent()) {
        return local;
      }
      if (!(session instanceof SessionLocal) && !warnedRemote) {
        warnedRemote = true;
        log.warn("H2 runs as a separate server: its own settings decide when commits are synced");
      }
      return null;
    } catch (SQLException e) {
      throw new IllegalStateException("Could not reach the H2 session: " + e.getMessage(), e);
    }
  }
}
