package io.tollgate.shared.db;

import io.micrometer.core.instrument.Counter;
import org.h2.mvstore.MVStore;

/**
 * A group commit for one H2 store: each committed transaction waits until a chunk written after its
 * commit is on the device, and concurrent committers share that chunk and its fsync.
 *
 * <p>A caller takes a ticket after its transaction committed. The first caller finds no flush
 * running and leads one: it notes the highest ticket handed out, then writes a chunk of everything
 * committed so far ({@link MVStore#commit()}), waits until no earlier chunk is still queued in H2's
 * background pipeline ({@link MVStore#executeFilestoreOperation}), and forces the file. Every
 * ticket up to the noted one belongs to a transaction that committed before that chunk was begun,
 * so all of them are durable when the flush returns. Callers that arrive during a flush wait for it
 * to end; if their ticket is not covered, one of them leads the next flush for all of them. A
 * failed flush fails its leader; each waiter then tries its own, so nobody is told "durable" on
 * another's failure.
 */
final class H2GroupCommit {
  private final MVStore store;
  private final H2CommitSync.FileSync fileSync;
  private final Counter flushes;
  private long handedOut; // guarded by this
  private long durable; // guarded by this: every ticket up to here is on the device
  private boolean flushing; // guarded by this
  private int waiting; // guarded by this: for tests

  H2GroupCommit(MVStore store, H2CommitSync.FileSync fileSync, Counter flushes) {
    this.store = store;
    this.fileSync = fileSync;
    this.flushes = flushes;
  }

  /** Returns once a chunk holding everything this thread has committed is on the device. */
  void awaitDurable() {
    long upTo;
    boolean interrupted = false;
    synchronized (this) {
      long ticket = ++handedOut;
      while (flushing && durable < ticket) {
        waiting++;
        try {
          wait();
        } catch (InterruptedException e) {
          interrupted = true; // the commit is made: it must still be forced before the answer
        } finally {
          waiting--;
        }
      }
      if (durable >= ticket) {
        if (interrupted) Thread.currentThread().interrupt();
        return;
      }
      flushing = true;
      upTo = handedOut;
    }
    boolean done = false;
    // H2 ignores an interrupt while it waits for its writer threads and would return early
    interrupted |= Thread.interrupted();
    try {
      flush();
      done = true;
    } finally {
      synchronized (this) {
        flushing = false;
        if (done) durable = Math.max(durable, upTo);
        notifyAll();
      }
      if (interrupted) Thread.currentThread().interrupt();
    }
  }

  private void flush() {
    store.commit(); // writes what is unsaved; returns once that chunk is written
    store.executeFilestoreOperation(() -> {}); // and any chunk H2's background writer queued before
    fileSync.sync(store);
    flushes.increment();
  }

  /** How many callers wait for a running flush (tests only). */
  synchronized int waiting() {
    return waiting;
  }
}
