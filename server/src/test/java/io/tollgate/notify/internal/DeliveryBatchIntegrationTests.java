package io.tollgate.notify.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.notify.Delivery;
import io.tollgate.shared.Timestamps;
import io.tollgate.support.Team;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The senders' batch claim ({@link DeliveryStore#claimBatch}): a batch is a subscription's oldest
 * pending rows in audit order, as far as they are due, under the subscription's lease; several
 * senders claiming at once never get one row twice; a sender that dies between its claim and its
 * sends leaves the batch to be claimed again once the lease ran out, and its late bookkeeping
 * cannot mark rows it no longer holds. The rows here are due in the year 2100 and the times are
 * passed in, so the server's own sender (which asks with the real time) never takes them.
 */
class DeliveryBatchIntegrationTests extends DeliveryRowsIntegrationTest {
  private static List<Long> ids(DeliveryStore.Batch batch) {
    return batch.rows().stream().map(DeliveryStore.Due::id).toList();
  }

  @Test
  void aBatchIsTheOldestPendingRowsInOrderUpToTheFirstNotDue() {
    Team t = team();
    String sub = subscription(t);
    rows(t, sub, 1, 6);
    jdbc.sql(
            "update notify_deliveries set next_attempt_at = ? where subscription_id = ? and"
                + " event_seq = 4")
        .params(Timestamps.toDb(T.plusSeconds(60)), sub)
        .update();

    DeliveryStore.Batch batch = deliveries.claimBatch(sub, "a-1", T, T.plus(LEASE), 100);
    assertThat(seqs(batch)).as("stops before the row still waiting").containsExactly(1L, 2L, 3L);
    assertThat(deliveries.claimBatch(sub, "b-1", T, T.plus(LEASE), 100).rows())
        .as("the oldest pending row is held: nothing for another sender")
        .isEmpty();

    deliveries.delivered(ids(batch), "a-1", T);
    deliveries.finish(sub, "a-1");
    assertThat(deliveries.claimBatch(sub, "b-2", T, T.plus(LEASE), 100).rows())
        .as("row 4 is not due yet and holds back 5 and 6")
        .isEmpty();
    assertThat(seqs(deliveries.claimBatch(sub, "b-3", T.plusSeconds(60), T.plus(LEASE), 2)))
        .as("once it is due: from it on, at most the batch size")
        .containsExactly(4L, 5L);
  }

  @Test
  void sendersClaimingAtOnceNeverGetOneRowTwice() throws Exception {
    Team t = team();
    String sub = subscription(t);
    int total = 300;
    rows(t, sub, 1, total);
    int senders = 6;
    CyclicBarrier start = new CyclicBarrier(senders);
    Map<Long, String> holder = new ConcurrentHashMap<>();
    List<List<Long>> batches = Collections.synchronizedList(new ArrayList<>());
    AtomicInteger twice = new AtomicInteger();
    AtomicInteger done = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(senders);
    try {
      List<Future<?>> running = new ArrayList<>();
      for (int i = 0; i < senders; i++) {
        String node = "node-" + i;
        running.add(
            pool.submit(
                () -> {
                  start.await();
                  for (int round = 0; done.get() < total && round < 100_000; round++) {
                    String token = node + "-" + round;
                    DeliveryStore.Batch batch =
                        deliveries.claimBatch(sub, token, T, T.plus(LEASE), 7);
                    if (batch.isEmpty()) continue;
                    for (DeliveryStore.Due d : batch.rows()) {
                      if (holder.putIfAbsent(d.id(), token) != null) twice.incrementAndGet();
                    }
                    batches.add(seqs(batch));
                    deliveries.delivered(ids(batch), token, T);
                    deliveries.finish(sub, token);
                    done.addAndGet(batch.size());
                  }
                  return null;
                }));
      }
      for (Future<?> f : running) f.get(2, TimeUnit.MINUTES);
    } finally {
      pool.shutdownNow();
    }
    assertThat(twice.get()).as("rows handed to two senders").isZero();
    assertThat(holder).as("every row sent").hasSize(total);
    List<Long> inClaimOrder = batches.stream().flatMap(List::stream).toList();
    assertThat(inClaimOrder).as("batches follow each other in audit order").isSorted();
    assertThat(batches).allSatisfy(b -> assertThat(b).isSorted());
    assertThat(ledger.of(t.product, "delivered", 1000))
        .filteredOn(d -> d.subscription().equals(sub))
        .hasSize(total)
        .allSatisfy(d -> assertThat(d.attempts()).isEqualTo(1));
  }

  @Test
  void aSenderThatDiesBetweenClaimAndSendLeavesItsBatchToBeSentAgain() {
    Team t = team();
    String sub = subscription(t);
    rows(t, sub, 1, 3);
    DeliveryStore.Batch lost = deliveries.claimBatch(sub, "dead-1", T, T.plus(LEASE), 100);
    assertThat(seqs(lost)).containsExactly(1L, 2L, 3L);
    // the claiming node is killed here: nothing sent, nothing recorded

    Instant before = T.plus(LEASE).minusSeconds(1);
    assertThat(deliveries.claimBatch(sub, "live-1", before, before.plus(LEASE), 100).rows())
        .as("not while the lease runs")
        .isEmpty();
    Instant later = T.plus(LEASE).plusSeconds(1);
    DeliveryStore.Batch again = deliveries.claimBatch(sub, "live-2", later, later.plus(LEASE), 100);
    assertThat(again.rows()).as("the same rows, once the lease ran out").isEqualTo(lost.rows());

    List<Long> ids = ids(again);
    deliveries.delivered(ids, "dead-1", later); // a late word from the first sender
    assertThat(ids)
        .as("it holds them no more: its bookkeeping changes nothing")
        .allSatisfy(id -> assertThat(ledger.find(id).map(Delivery::status)).hasValue("pending"));
    deliveries.delivered(ids, "live-2", later);
    assertThat(ids)
        .allSatisfy(
            id -> {
              Delivery d = ledger.find(id).orElseThrow();
              assertThat(d.status()).isEqualTo("delivered");
              assertThat(d.attempts()).isEqualTo(1);
            });
  }

  @Test
  void aSenderLetsGoOfWhatItDidNotSend() {
    Team t = team();
    String sub = subscription(t);
    rows(t, sub, 1, 4);
    DeliveryStore.Batch batch = deliveries.claimBatch(sub, "a-1", T, T.plus(LEASE), 100);
    deliveries.delivered(List.of(batch.rows().get(0).id()), "a-1", T);
    deliveries.finish(sub, "a-1");
    assertThat(seqs(deliveries.claimBatch(sub, "b-1", T, T.plus(LEASE), 100)))
        .as("the unsent rows are free at once, from the oldest on")
        .containsExactly(2L, 3L, 4L);
  }

  @Test
  void theSendersFindASubscriptionWhoseOldestPendingRowIsDueAndWhoseLeaseIsFree() {
    Team t = team();
    String sub = subscription(t);
    assertThat(deliveries.subscriptionsDue(T, 10_000)).as("nothing pending").doesNotContain(sub);
    rows(t, sub, 1, 3);
    assertThat(deliveries.subscriptionsDue(T, 10_000)).contains(sub);

    DeliveryStore.Batch batch = deliveries.claimBatch(sub, "a-1", T, T.plus(LEASE), 1);
    assertThat(seqs(batch)).containsExactly(1L);
    assertThat(deliveries.subscriptionsDue(T, 10_000)).as("its lease is held").doesNotContain(sub);
    assertThat(deliveries.subscriptionsDue(T.plus(LEASE).plusSeconds(1), 10_000))
        .as("a lease that ran out is free")
        .contains(sub);

    deliveries.failed(batch.rows().get(0).id(), "a-1", 1, "HTTP 503", T.plusSeconds(60));
    deliveries.finish(sub, "a-1");
    assertThat(deliveries.subscriptionsDue(T, 10_000))
        .as("the oldest pending row waits out its backoff; the rows behind it wait for it")
        .doesNotContain(sub);
    assertThat(deliveries.subscriptionsDue(T.plusSeconds(60), 10_000)).contains(sub);
  }
}
