package io.tollgate.audit.internal;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Chains staged events into the audit chain: the chain's only writer while the server runs (a
 * generator of a past aside). One thread per node; across nodes the chain head's row lock lets one
 * at a time chain. Each pass, in one transaction: lock the head, read the committed staged rows in
 * (id, pos) order (at most {@value #BATCH}), check each row's MAC, insert them into {@code
 * audit_events} after the head with contiguous sequence numbers, delete them from {@code
 * audit_staged}, move the head, commit. So a crash leaves every event either staged or chained,
 * never both or neither.
 *
 * <p>Woken right after a command of this node commits ({@link #wake}), it waits {@code
 * tollgate.audit.appender-linger} (default 5 ms) for the commands committing meanwhile, so that one
 * pass chains them all; every {@code tollgate.audit.appender-idle} (default 1 s) it also looks for
 * events other nodes staged (their appender may be gone) and, at start, chains what a previous run
 * left staged.
 *
 * <p>A staged row whose MAC does not match (altered while staged, or written without the audit key)
 * is never chained: the appender chains the rows before it and stops there, logs an error naming
 * the row, and reports it (health and {@link #halted}), until an operator has looked at it and
 * removed or restored it. Chaining the rows after it would put later events in the chain without an
 * event whose true content is unknown; stopping keeps the chain's order that of the commits.
 * Commands keep working meanwhile: they only stage.
 */
@Component
public class AuditAppender implements SmartLifecycle {
  static final int BATCH = 500;
  private static final Logger log = LoggerFactory.getLogger(AuditAppender.class);

  private final AuditStore store;
  private final AuditStaging staging;
  private final TransactionTemplate transactions;
  private final Duration idle;
  private final long lingerNanos;
  private final Semaphore signal = new Semaphore(0);
  private final Object progress = new Object();
  private final AtomicLong backlog = new AtomicLong();
  private volatile Long halted;
  private volatile boolean running;
  private Thread thread;

  AuditAppender(
      AuditStore store,
      AuditStaging staging,
      PlatformTransactionManager transactions,
      @Value("${tollgate.audit.appender-idle:1s}") Duration idle,
      @Value("${tollgate.audit.appender-linger:5ms}") Duration linger,
      ObjectProvider<MeterRegistry> meters) {
    this.store = store;
    this.staging = staging;
    this.transactions = new TransactionTemplate(transactions);
    this.idle = idle;
    this.lingerNanos = Math.max(0, linger.toNanos());
    meters.ifAvailable(
        registry ->
            Gauge.builder("tollgate.audit.staged", backlog, AtomicLong::get)
                .description("Audit events committed but not yet chained")
                .register(registry));
  }

  /** Asks for a pass soon: a command of this node just committed staged events. */
  public void wake() {
    if (signal.availablePermits() == 0) signal.release();
  }

  /** How many events were staged but not chained at the end of the last pass. */
  public long backlog() {
    return backlog.get();
  }

  /** The id of the staged row whose MAC did not match, where chaining stopped; null if none. */
  public Long halted() {
    return halted;
  }

  /** Waits, at most {@code limit}, until no row staged (and committed) before the call is left. */
  public boolean awaitChained(Duration limit) {
    Long upTo = staging.lastId();
    return upTo == null || await(() -> !staging.anyUpTo(upTo), limit);
  }

  /** Waits, at most {@code limit}, until the release's rows staged before the call are chained. */
  public boolean awaitChained(String release, Duration limit) {
    Long upTo = staging.lastIdOf(release);
    return upTo == null || await(() -> !staging.anyOfUpTo(release, upTo), limit);
  }

  private boolean await(BooleanSupplier done, Duration limit) {
    wake();
    long deadline = System.nanoTime() + limit.toNanos();
    // the local appender tells when it chained; another node's is only seen by asking again
    while (!done.getAsBoolean()) {
      long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
      if (left <= 0) return false;
      synchronized (progress) {
        try {
          progress.wait(Math.min(left, 20));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return false;
        }
      }
    }
    return true;
  }

  /** What a pass did. */
  enum Pass {
    /** chained everything committed before it (or nothing waited) */
    DONE,
    /** chained a full batch: more may wait */
    FULL,
    /**
     * chained nothing: another transaction holds the head (another node's appender chaining, whose
     * pass may not have seen this node's latest rows): look again shortly
     */
    BUSY
  }

  /** One pass: chains up to {@value #BATCH} staged rows. */
  Pass pass() {
    if (!staging.any()) {
      backlog.set(0);
      return Pass.DONE;
    }
    Pass done = transactions.execute(tx -> chainBatch());
    if (done == Pass.BUSY) return done;
    synchronized (progress) {
      progress.notifyAll();
    }
    // a short pass chained everything committed before it: what is left arrived meanwhile and its
    // commands woke the next pass, so counting (a scan of audit_staged after every pass, on
    // PostgreSQL 1 % of the database's time in the bench) is kept for when rows are known to wait
    backlog.set(done == Pass.FULL || halted != null ? staging.count() : 0);
    return done;
  }

  /** The backlog after a pass that failed: it grows while chaining does not work. */
  private void countAfterFailure() {
    try {
      backlog.set(staging.count());
    } catch (RuntimeException e) {
      // the database is not answering: the gauge keeps its last value
    }
  }

  private Pass chainBatch() {
    // on PostgreSQL, not waiting behind another node's pass: it chains what was committed when it
    // read, and this node looks again shortly for what came after (waiting for the lock, then
    // chaining the few rows left, made each node's passes smaller and more: on two nodes 6.8
    // passes a release against 4.9 on one, and 23 s of waits in a two-minute run)
    java.util.Optional<AuditStore.Head> locked = store.tryLockHead();
    if (locked.isEmpty()) return Pass.BUSY;
    AuditStore.Head head = locked.get();
    List<StagedEvent> read = staging.next(BATCH);
    List<StagedEvent> rows = whole(read);
    List<AuditStore.PastEvent> events = new ArrayList<>(rows.size());
    List<StagedEvent> chained = new ArrayList<>(rows.size());
    Long forged = null;
    for (StagedEvent row : rows) {
      if (!staging.genuine(row)) {
        forged = row.id();
        break;
      }
      events.add(new AuditStore.PastEvent(row.at(), row.event()));
      chained.add(row);
    }
    store.chain(head, events);
    staging.delete(chained);
    if (forged != null || read.size() < BATCH) report(forged);
    return forged == null && read.size() == BATCH ? Pass.FULL : Pass.DONE;
  }

  /**
   * A full batch may end inside a transaction's events: those wait for the next pass, so that a
   * transaction committed meanwhile with a lower id cannot come between them.
   */
  static List<StagedEvent> whole(List<StagedEvent> rows) {
    if (rows.size() < BATCH) return rows;
    long last = rows.get(rows.size() - 1).id();
    int end = rows.size();
    while (end > 0 && rows.get(end - 1).id() == last) end--;
    return end == 0 ? rows : rows.subList(0, end);
  }

  private void report(Long forged) {
    Long before = halted;
    halted = forged;
    if (forged != null && !forged.equals(before)) {
      log.error(
          "AUDIT: staged event {} does not match its MAC: it was altered while staged or written"
              + " without the audit key. It is NOT chained, and no event staged after it will be"
              + " until it is removed from audit_staged or restored (see README, audit chain).",
          forged);
    } else if (forged == null && before != null) {
      log.warn("AUDIT: staged event {} is gone; chaining resumes.", before);
    }
  }

  private void run() {
    while (running) {
      Pass done;
      try {
        done = pass();
      } catch (RuntimeException e) {
        log.warn(
            "Could not chain staged audit events (trying again in {}): {}", idle, e.toString());
        done = Pass.DONE;
        countAfterFailure();
      }
      if (done == Pass.BUSY) {
        try {
          TimeUnit.NANOSECONDS.sleep(busyWait(lingerNanos));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      } else if (done == Pass.DONE) {
        try {
          if (signal.tryAcquire(idle.toMillis(), TimeUnit.MILLISECONDS)) {
            // woken by a commit: the commands committing just after it join the same pass. A pass
            // is about eight statements whatever its size; on PostgreSQL in the release bench,
            // without this, passes chained three events each, and were a sixth of all statements
            if (lingerNanos > 0) TimeUnit.NANOSECONDS.sleep(lingerNanos);
            signal.drainPermits();
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }

  /**
   * How long a node waits after finding another node's pass on the head: four lingers (20 ms by
   * default), at least a millisecond. That pass chains what was committed when it read; the other
   * node's next pass, woken by its own commits within a linger, usually chains this node's rows
   * too, so looking again at once mostly found the head taken again or nothing left. On two nodes,
   * a linger's wait made two such attempts per release, each four statements for nothing.
   */
  static long busyWait(long lingerNanos) {
    return Math.max(4 * lingerNanos, TimeUnit.MILLISECONDS.toNanos(1));
  }

  @Override
  public synchronized void start() {
    if (running) return;
    running = true;
    thread = new Thread(this::run, "audit-appender");
    thread.setDaemon(true);
    thread.start();
  }

  /** Stops after the pass under way (its transaction commits or rolls back as a whole). */
  @Override
  public synchronized void stop() {
    if (!running) return;
    running = false;
    signal.release();
    try {
      thread.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Starts before the web server takes requests and stops after it has finished them. */
  @Override
  public int getPhase() {
    return DEFAULT_PHASE - 4096;
  }

  @Override
  public boolean isRunning() {
    return running;
  }
}
