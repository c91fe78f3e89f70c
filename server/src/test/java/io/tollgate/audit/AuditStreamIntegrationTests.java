package io.tollgate.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.audit.internal.AuditCursors;
import io.tollgate.audit.internal.AuditStore;
import io.tollgate.support.IntegrationTest;
import io.tollgate.support.ReleaseDriver;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Durable consumers read the audit log from a cursor stored in the database. */
class AuditStreamIntegrationTests extends IntegrationTest {
  @Autowired AuditStream stream;
  @Autowired AuditCursors cursors;
  @Autowired AuditStore store;
  @Autowired Clock clock;
  @Autowired PlatformTransactionManager transactions;

  @Test
  void aConsumerResumesFromItsStoredCursorAfterARestart() {
    ReleaseDriver.plan(team(), "minor"); // the log holds events
    String consumer = "test-" + UUID.randomUUID();
    TransactionTemplate tx = new TransactionTemplate(transactions);

    List<AuditEvent> first = tx.execute(s -> handle(stream, consumer, 3));
    assertThat(first).extracting(AuditEvent::seq).containsExactly(1L, 2L, 3L);

    // a new instance holds nothing in memory, as after a restart: it resumes from the table
    AuditStream restarted = new AuditStream(cursors, store, clock);
    assertThat(restarted.position(consumer)).isEqualTo(3);
    List<AuditEvent> next = tx.execute(s -> handle(restarted, consumer, 2));
    assertThat(next).extracting(AuditEvent::seq).containsExactly(4L, 5L);
  }

  @Test
  void aBatchWhoseWorkRolledBackIsReadAgain() {
    ReleaseDriver.plan(team(), "minor");
    String consumer = "test-" + UUID.randomUUID();
    TransactionTemplate tx = new TransactionTemplate(transactions);
    tx.execute(s -> handle(stream, consumer, 2));

    tx.execute(
        s -> {
          handle(stream, consumer, 2);
          s.setRollbackOnly(); // the consumer's work failed
          return null;
        });

    assertThat(stream.position(consumer)).isEqualTo(2);
    List<AuditEvent> again = tx.execute(s -> handle(stream, consumer, 1));
    assertThat(again).extracting(AuditEvent::seq).containsExactly(3L);
  }

  @Test
  void twoReadersOfOneConsumerDoNotBothGetABatch() throws Exception {
    ReleaseDriver.plan(team(), "minor");
    String consumer = "test-" + UUID.randomUUID();
    TransactionTemplate tx = new TransactionTemplate(transactions);
    tx.execute(s -> stream.poll(consumer, 1)); // the cursor row exists
    CountDownLatch polled = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);

    CompletableFuture<List<AuditEvent>> one =
        CompletableFuture.supplyAsync(
            () ->
                tx.execute(
                    s -> {
                      List<AuditEvent> batch = stream.poll(consumer, 5);
                      polled.countDown();
                      await(release);
                      stream.advance(consumer, batch.get(batch.size() - 1).seq());
                      return batch;
                    }));
    assertThat(polled.await(30, TimeUnit.SECONDS)).isTrue();
    List<AuditEvent> other = tx.execute(s -> stream.poll(consumer, 5));
    release.countDown();
    List<AuditEvent> batch = one.get(30, TimeUnit.SECONDS);

    assertThat(batch).hasSize(5);
    assertThat(other).isEmpty();
    List<AuditEvent> after = tx.execute(s -> stream.poll(consumer, 1));
    assertThat(after).extracting(AuditEvent::seq).containsExactly(batch.get(4).seq() + 1);
  }

  @Test
  void aCursorNeverMovesBackwards() {
    ReleaseDriver.plan(team(), "minor");
    String consumer = "test-" + UUID.randomUUID();
    TransactionTemplate tx = new TransactionTemplate(transactions);
    tx.execute(s -> handle(stream, consumer, 4));

    try {
      tx.execute(
          s -> {
            stream.poll(consumer, 1);
            stream.advance(consumer, 2);
            return null;
          });
      throw new AssertionError("moved backwards");
    } catch (IllegalStateException expected) {
      assertThat(expected).hasMessageContaining("poll before advancing");
    }
    assertThat(stream.position(consumer)).isEqualTo(4);
  }

  @Test
  void aPacedPollAnswersNothingWhileTheCursorMovedLessThanTheGapAgoOnAnyNode() {
    ReleaseDriver.plan(team(), "minor");
    String consumer = "test-" + UUID.randomUUID();
    TransactionTemplate tx = new TransactionTemplate(transactions);
    java.time.Duration hour = java.time.Duration.ofHours(1);

    // never read before: a paced poll registers the consumer and reads, as a plain one does
    List<AuditEvent> first = tx.execute(s -> handlePaced(stream, consumer, 2, hour));
    assertThat(first).extracting(AuditEvent::seq).containsExactly(1L, 2L);

    // it moved just now (on this node or another): nothing, and the cursor stays
    List<AuditEvent> soon = tx.execute(s -> stream.poll(consumer, 5, hour));
    assertThat(soon).isEmpty();
    assertThat(stream.position(consumer)).isEqualTo(2);
    // the database's clock decides, not the node's: a node whose clock is a day ahead waits too
    AuditStream ahead =
        new AuditStream(
            cursors, store, Clock.offset(Clock.systemUTC(), java.time.Duration.ofDays(1)));
    List<AuditEvent> fromAhead = tx.execute(s -> ahead.poll(consumer, 5, hour));
    assertThat(fromAhead).isEmpty();
    // no gap (a backlog being read) reads at once
    List<AuditEvent> backlog = tx.execute(s -> stream.poll(consumer, 1, java.time.Duration.ZERO));
    assertThat(backlog).extracting(AuditEvent::seq).containsExactly(3L);
    // once the gap has passed it reads again
    jdbc.sql("update audit_cursors set read_at = ? where consumer = ?")
        .params(
            io.tollgate.shared.Timestamps.toDb(java.time.Instant.now().minus(hour.multipliedBy(2))),
            consumer)
        .update();
    List<AuditEvent> later = tx.execute(s -> stream.poll(consumer, 1, hour));
    assertThat(later).extracting(AuditEvent::seq).containsExactly(3L);
  }

  private static List<AuditEvent> handlePaced(
      AuditStream s, String consumer, int max, java.time.Duration gap) {
    List<AuditEvent> batch = s.poll(consumer, max, gap);
    if (!batch.isEmpty()) s.advance(consumer, batch.get(batch.size() - 1).seq());
    return batch;
  }

  private static List<AuditEvent> handle(AuditStream s, String consumer, int max) {
    List<AuditEvent> batch = s.poll(consumer, max);
    if (!batch.isEmpty()) s.advance(consumer, batch.get(batch.size() - 1).seq());
    return batch;
  }

  private static void await(CountDownLatch latch) {
    try {
      if (!latch.await(30, TimeUnit.SECONDS)) throw new IllegalStateException("not released");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
