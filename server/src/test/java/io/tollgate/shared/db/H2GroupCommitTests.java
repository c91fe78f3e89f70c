package io.tollgate.shared.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The group commit on a real MVStore file with H2's default write delay: which writes each flush
 * covers, that writers arriving during a flush share the next one, and that a failed flush fails
 * only whom it would have answered.
 */
class H2GroupCommitTests {
  @TempDir Path dir;

  /** What a flush saw when it forced the file: the keys written, and unsaved changes. */
  record Flushed(Set<Integer> keys, boolean unsavedChanges) {}

  private final List<Flushed> flushed = new CopyOnWriteArrayList<>();
  private final Counter flushes = new SimpleMeterRegistry().counter("flushes");
  private final CountDownLatch firstFlushMayEnd = new CountDownLatch(1);
  private final ExecutorService pool = Executors.newFixedThreadPool(4);
  private boolean failFirst;
  private MVStore store;
  private MVMap<Integer, String> map;
  private H2GroupCommit group;

  @BeforeEach
  void open() {
    store = new MVStore.Builder().fileName(dir.resolve("store").toString()).open();
    assertThat(store.getAutoCommitDelay()).as("H2's background writer is on").isPositive();
    map = store.openMap("m");
    group =
        new H2GroupCommit(
            store,
            s -> {
              flushed.add(new Flushed(new TreeSet<>(map.keySet()), s.hasUnsavedChanges()));
              if (flushed.size() == 1) {
                try {
                  firstFlushMayEnd.await();
                } catch (InterruptedException e) {
                  throw new IllegalStateException(e);
                }
                if (failFirst) throw new IllegalStateException("disk gone");
              }
              s.sync();
            },
            flushes);
  }

  @AfterEach
  void close() {
    pool.shutdownNow();
    store.close();
  }

  private Future<?> write(int key) {
    return pool.submit(
        () -> {
          map.put(key, "v" + key);
          group.awaitDurable();
        });
  }

  @Test
  void writersArrivingDuringAFlushShareTheNextChunkAndFsync() throws Exception {
    Future<?> first = write(1);
    await().until(() -> flushed.size() == 1);
    List<Future<?>> others = new ArrayList<>();
    for (int key = 2; key <= 4; key++) others.add(write(key));
    await().until(() -> group.waiting() == 3);
    assertThat(others).noneMatch(Future::isDone);

    firstFlushMayEnd.countDown();
    first.get();
    for (Future<?> other : others) other.get();

    assertThat(flushed)
        .as("the first flush wrote key 1; one more wrote 2, 3 and 4 together")
        .containsExactly(new Flushed(Set.of(1), false), new Flushed(Set.of(1, 2, 3, 4), false));
    assertThat(flushes.count()).isEqualTo(2.0);
    assertThat(keysInACopyOfTheFile()).as("what each writer was told is in the file").hasSize(4);
  }

  @Test
  void aFailedFlushFailsItsLeaderAndAWaiterFlushesForItself() throws Exception {
    failFirst = true;
    Future<?> first = write(1);
    await().until(() -> flushed.size() == 1);
    Future<?> second = write(2);
    await().until(() -> group.waiting() == 1);

    firstFlushMayEnd.countDown();
    assertThatThrownBy(first::get)
        .isInstanceOf(ExecutionException.class)
        .hasRootCauseMessage("disk gone");
    second.get();
    assertThat(flushed).last().isEqualTo(new Flushed(Set.of(1, 2), false));
    assertThat(flushes.count()).as("only the flush that succeeded").isEqualTo(1.0);
  }

  @Test
  void anInterruptedWriterIsStillFlushedAndKeepsItsInterrupt() throws Exception {
    firstFlushMayEnd.countDown();
    Future<Boolean> interrupted =
        pool.submit(
            () -> {
              map.put(7, "v7");
              Thread.currentThread().interrupt();
              group.awaitDurable();
              return Thread.interrupted();
            });
    assertThat(interrupted.get()).isTrue();
    assertThat(flushed).containsExactly(new Flushed(Set.of(7), false));
    assertThat(keysInACopyOfTheFile()).containsExactly(7);
  }

  /** Opens a copy of the file as it is now, as a restarted process would after a kill. */
  private Set<Integer> keysInACopyOfTheFile() throws Exception {
    Path copy = dir.resolve("copy");
    Files.copy(dir.resolve("store"), copy);
    MVStore reopened = new MVStore.Builder().fileName(copy.toString()).readOnly().open();
    try {
      return new TreeSet<>(reopened.<Integer, String>openMap("m").keySet());
    } finally {
      reopened.close();
    }
  }
}
