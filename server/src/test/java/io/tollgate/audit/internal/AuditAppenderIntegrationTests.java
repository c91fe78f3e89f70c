package io.tollgate.audit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.audit.AuditLog;
import io.tollgate.audit.AuditRecord;
import io.tollgate.shared.Actor;
import io.tollgate.shared.Timestamps;
import io.tollgate.support.IntegrationTest;
import io.tollgate.support.ReleaseDriver;
import io.tollgate.support.Team;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Commands stage their events; the appender chains them: all of them, contiguous and verifying,
 * however many commit at once; never a staged row that was altered; also rows another node (or a
 * previous run) left staged; and a release's history includes the events of the command just
 * answered.
 */
class AuditAppenderIntegrationTests extends IntegrationTest {
  @Autowired AuditLog audit;
  @Autowired AuditAppender appender;
  @Autowired AuditKeys keys;
  @Autowired AuditStore store;
  @Autowired PlatformTransactionManager transactions;

  @Test
  void concurrentCommandsFromManyThreadsAreAllChainedContiguousAndVerifying() throws Exception {
    String run = UUID.randomUUID().toString().substring(0, 8);
    long before = audit.latestSeq();
    int threads = 8;
    int commands = 25;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        done.add(
            pool.submit(
                () -> {
                  for (int c = 0; c < commands; c++) {
                    int command = c;
                    // each command records two events in its own transaction
                    new TransactionTemplate(transactions)
                        .executeWithoutResult(
                            tx -> {
                              for (int e = 0; e < 2; e++) {
                                audit.append(
                                    AuditRecord.of(
                                        "test.concurrent",
                                        Actor.SYSTEM,
                                        null,
                                        "test/" + run + "/" + thread + "/" + command + "/" + e,
                                        null,
                                        Map.of("n", e)));
                              }
                            });
                  }
                }));
      }
      for (Future<?> f : done) f.get();
    } finally {
      pool.shutdown();
    }
    auditChained();

    List<Long> seqs =
        jdbc.sql("select seq from audit_events where subject like ? order by seq")
            .param("test/" + run + "/%")
            .query(Long.class)
            .list();
    assertThat(seqs).hasSize(threads * commands * 2);
    // the whole chain from before the run is contiguous (other tests' events interleave)
    long last = audit.latestSeq();
    assertThat(
            jdbc.sql("select count(*) from audit_events where seq > ? and seq <= ?")
                .params(before, last)
                .query(Long.class)
                .single())
        .isEqualTo(last - before);
    // a command's two events are chained one after the other, in the order recorded
    for (int t = 0; t < threads; t++) {
      String first = "test/" + run + "/" + t + "/0/";
      List<Long> pair =
          jdbc.sql("select seq from audit_events where subject in (?, ?) order by subject")
              .params(first + "0", first + "1")
              .query(Long.class)
              .list();
      assertThat(pair.get(1)).isEqualTo(pair.get(0) + 1);
    }
    assertThat(audit.verify().ok()).as(audit.verify().toString()).isTrue();
  }

  @Test
  void whileAnotherNodeHoldsTheHeadAPassDoesNotWaitForItAndChainsOnceItIsFree() throws Exception {
    org.junit.jupiter.api.Assumptions.assumeTrue(onPostgres(), "PostgreSQL (H2 waits for it)");
    String subject = "test/busy/" + UUID.randomUUID();
    java.util.concurrent.CountDownLatch held = new java.util.concurrent.CountDownLatch(1);
    java.util.concurrent.CountDownLatch letGo = new java.util.concurrent.CountDownLatch(1);
    // another node's appender, in the middle of its pass
    Thread other =
        new Thread(
            () ->
                new TransactionTemplate(transactions)
                    .executeWithoutResult(
                        tx -> {
                          store.lockHead();
                          held.countDown();
                          try {
                            letGo.await();
                          } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                          }
                        }));
    other.start();
    try {
      assertThat(held.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
      java.util.Optional<AuditStore.Head> taken =
          new TransactionTemplate(transactions).execute(tx -> store.tryLockHead());
      assertThat(taken).as("taken: answered at once, not waited for").isEmpty();
      stageAsANode(subject, "rita", "rita");
      assertThat(appender.awaitChained(Duration.ofMillis(200))).isFalse();
      assertThat(chained(subject)).isZero();
    } finally {
      letGo.countDown();
      other.join();
    }
    // this node's appender looks again every few milliseconds: chained once the head is free
    waitFor(() -> chained(subject) == 1, "chained after the other pass");
    assertThat(audit.verify().ok()).isTrue();
  }

  @Test
  void aStagedRowAlteredBeforeChainingIsNotChainedAndStopsTheAppenderUntilRestored() {
    String subject = "test/forged/" + UUID.randomUUID();
    // a node stages an event; someone changes its actor before the appender chains it
    long forged = stageAsANode(subject, "rita", "mallory");
    String after = subject + "/after";
    long next = stageAsANode(after, "rita", "rita");
    try {
      appender.wake();
      waitFor(() -> Long.valueOf(forged).equals(appender.halted()), "the appender stops there");
      assertThat(chained(subject)).isZero();
      // nothing after it is chained either: the chain keeps the commits' order
      assertThat(audit.awaitChained()).isFalse();
      assertThat(chained(after)).isZero();
      // the gauge of events waiting counts both
      assertThat(audit.staged()).isGreaterThanOrEqualTo(2);
      assertThat(
              jdbc.sql("select count(*) from audit_staged where id in (?, ?)")
                  .params(forged, next)
                  .query(Long.class)
                  .single())
          .isEqualTo(2L);
      JsonNode health = admin.get("/actuator/health").json();
      assertThat(health.path("status").asString()).as(health.toString()).isEqualTo("DOWN");
    } finally {
      // the operator restores the row as it was staged: chaining resumes with it
      jdbc.sql("update audit_staged set actor = 'rita' where id = ?").param(forged).update();
    }
    appender.wake();
    auditChained();
    assertThat(appender.halted()).isNull();
    assertThat(chained(subject)).isEqualTo(1);
    assertThat(seqOf(after)).isEqualTo(seqOf(subject) + 1);
    assertThat(audit.verify().ok()).isTrue();
  }

  @Test
  void rowsAnotherNodeLeftStagedAreChainedWithoutAWakeUp() {
    String subject = "test/dead-node/" + UUID.randomUUID();
    // a node staged and committed, then died before its appender ran: nothing wakes this one
    stageAsANode(subject + "/1", "rita", "rita");
    stageAsANode(subject + "/2", "rita", "rita");
    waitFor(() -> chained(subject + "/2") == 1, "the idle pass chains them");
    assertThat(seqOf(subject + "/2")).isEqualTo(seqOf(subject + "/1") + 1);
    assertThat(audit.verify().ok()).isTrue();
  }

  @Test
  void rowsLeftStagedByAPreviousRunAreChainedAtStart() {
    String subject = "test/crash/" + UUID.randomUUID();
    appender.stop();
    try {
      stageAsANode(subject, "rita", "rita");
      assertThat(chained(subject)).isZero();
    } finally {
      appender.start();
    }
    waitFor(() -> chained(subject) == 1, "the first pass after the start chains it");
    assertThat(audit.verify().ok()).isTrue();
  }

  @Test
  void aReleaseHistoryIncludesTheEventsOfTheCommandJustAnswered() {
    Team t = team();
    String id = ReleaseDriver.plan(t, "minor");
    JsonNode planned = t.rm.get("/api/v1/releases/" + id + "/audit").json();
    assertThat(planned.get(planned.size() - 1).path("type").asString())
        .isEqualTo("release.planned");
    ReleaseDriver.prepare(t, id);
    long chainedNow =
        jdbc.sql("select count(*) from audit_events where release_id = ?")
            .param(id)
            .query(Long.class)
            .single();
    JsonNode history = t.rm.get("/api/v1/releases/" + id + "/audit").json();
    assertThat((long) history.size()).isGreaterThanOrEqualTo(chainedNow).isGreaterThan(1);
    assertThat(
            jdbc.sql("select count(*) from audit_staged where release_id = ?")
                .param(id)
                .query(Long.class)
                .single())
        .isZero();
  }

  /**
   * Stages an event as a server would (its id from the sequence, its MAC over what {@code actor}
   * was), storing {@code storedActor}, in a committed transaction of its own; answers its id.
   */
  private long stageAsANode(String subject, String actor, String storedActor) {
    return new TransactionTemplate(transactions)
        .execute(
            tx -> {
              long id = jdbc.sql("select nextval('audit_staged_ids')").query(Long.class).single();
              Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);
              AuditStore.NewEvent e =
                  new AuditStore.NewEvent(actor, "test.staged", subject, null, "{}");
              String mac = ChainForm.stagedMac(ChainForm.newMac(keys.macKey()), id, 0, at, e);
              jdbc.sql(
                      "insert into audit_staged (id, pos, at, actor, actor_kind, action, subject,"
                          + " release_id, product, payload_version, details, mac) values (?, 0, ?,"
                          + " ?, 'person', 'test.staged', ?, null, null, 1, '{}', ?)")
                  .params(id, Timestamps.toDb(at), storedActor, subject, mac)
                  .update();
              return id;
            });
  }

  private long chained(String subject) {
    return jdbc.sql("select count(*) from audit_events where subject = ?")
        .param(subject)
        .query(Long.class)
        .single();
  }

  private long seqOf(String subject) {
    return jdbc.sql("select seq from audit_events where subject = ?")
        .param(subject)
        .query(Long.class)
        .single();
  }

  private static void waitFor(BooleanSupplier condition, String what) {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("in time: " + what).isLessThan(deadline);
      java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
    }
  }
}
