package io.tollgate.shared.db;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
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
 * command that made it is answered, so that neither a killed process nor a power cut can take back
 * what a person was told is recorded (issue 12, finding 13).
 *
 * <p>After every transaction that changed something commits, this listener waits in an {@link
 * H2GroupCommit}: a chunk written after the commit ({@link MVStore#commit()}) is forced to the
 * device ({@link MVStore#sync()}, {@code FileChannel.force(true)}) before the transaction template
 * or {@code @Transactional} method returns to the controller. Concurrent committers share one chunk
 * write and one fsync. It runs after the commit's own completion callbacks, so the audit chain's
 * lock (held from before the commit to its completion) is not held across the write and the fsync.
 *
 * <p>Why a group commit and H2's default write delay, not {@code WRITE_DELAY=0}: with {@code
 * WRITE_DELAY=0} H2 writes a chunk of every map a commit (and every transaction still open) touched
 * on each commit, under its store lock; under the release bench (16 clients, 2 cores) that
 * serialisation took about half of the request CPU samples, and the release rate fell to 0.58 of
 * the rate without it. A first measurement (16 threads, a two-row transaction each) had found a
 * group commit no faster than one fsync per commit, but it grouped only the fsyncs and still wrote
 * one chunk per commit; Linux already shares one journal commit among overlapping fsyncs of one
 * file, the chunk writes are what a group saves. A transaction that changed nothing, a read-only
 * one, a transaction that joins an outer one, and a {@link #DERIVED} one are not forced. Writes
 * made outside a Spring transaction (none in this application's commands) are written by H2's
 * background writer within its write delay and are not forced.
 *
 * <p>Data another transaction has committed but not yet forced is visible to readers for the
 * duration of that flush (H2 publishes a commit before it writes it); its writer has not been
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
  private final Counter flushes;
  private final Map<MVStore, H2GroupCommit> groups = new ConcurrentHashMap<>();
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
    this.flushes =
        Counter.builder("tollgate.h2.flushes")
            .description(
                "Chunk writes and fsyncs of the embedded H2 database, each shared by the commits"
                    + " that waited for it")
            .register(meters);
  }

  /**
   * The name prefix of a transaction that writes only what can be derived again from the audit log
   * after a crash (the notification outbox, the inbox): it is not forced, and does not wait for the
   * disk. Its commit is written with the next forced commit or by H2's background writer within its
   * write delay; a crash before that makes the reader derive it again.
   */
  public static final String DERIVED = "derived:";

  @Override
  public void beforeCommit(TransactionExecution transaction) {
    if (!transaction.isNewTransaction() || transaction.isReadOnly()) return;
    if (transaction.getTransactionName().startsWith(DERIVED)) return;
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
      H2GroupCommit group = groups.get(store);
      if (group == null) {
        groups.keySet().removeIf(MVStore::isClosed); // a database closed and opened again
        group = groups.computeIfAbsent(store, s -> new H2GroupCommit(s, fileSync, flushes));
      }
      group.awaitDurable();
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
