package io.tollgate.shared.db;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * What a node remembers of rows that change rarely, by key (say a release's incident ids): read
 * once, forgotten when a transaction of this node that changes them ends ({@link
 * #forgetAfterCommit}), and when the audit tail tells of a change on another node ({@link #forget}:
 * its owner listens).
 *
 * <p>A read that began before a change must not put back what it read after that change's commit
 * forgot it: every forgetting moves an epoch, and a read only remembers what it read if the epoch
 * did not move meanwhile. Both happen under the key's lock ({@code compute}), so one is wholly
 * before the other. Inside a transaction that writes, the memory is not used at all: that
 * transaction must see its own changes, which are forgotten only when it ends.
 */
public final class CommitCoherentMemo<K, V> {
  private final Cache<K, V> values;
  private final AtomicLong epoch = new AtomicLong();

  public CommitCoherentMemo(long maximumSize) {
    this.values = Caffeine.newBuilder().maximumSize(maximumSize).build();
  }

  /** The value of {@code key}, from memory or else from {@code read}. */
  public V get(K key, Supplier<V> read) {
    if (TransactionSynchronizationManager.isActualTransactionActive()
        && !TransactionSynchronizationManager.isCurrentTransactionReadOnly()) {
      return read.get();
    }
    V cached = values.getIfPresent(key);
    if (cached != null) return cached;
    long before = epoch.get();
    V fresh = read.get();
    values.asMap().compute(key, (k, old) -> epoch.get() == before ? fresh : old);
    return fresh;
  }

  /** The transaction under way changes the key's rows: forgotten as it ends (either way). */
  public void forgetAfterCommit(K key) {
    if (TransactionSynchronizationManager.isSynchronizationActive()) {
      TransactionSynchronizationManager.registerSynchronization(
          new TransactionSynchronization() {
            @Override
            public void afterCompletion(int status) {
              forget(key);
            }
          });
    } else {
      forget(key);
    }
  }

  /** Forgets the key now. */
  public void forget(K key) {
    values
        .asMap()
        .compute(
            key,
            (k, old) -> {
              epoch.incrementAndGet();
              return null;
            });
  }
}
