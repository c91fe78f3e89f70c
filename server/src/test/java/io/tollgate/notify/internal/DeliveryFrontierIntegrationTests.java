package io.tollgate.notify.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.notify.Delivery;
import io.tollgate.support.Api;
import io.tollgate.support.Team;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A subscription's frontier (V143, {@code notify_leases.sent_through}): every pending row of the
 * subscription comes after it, so the senders read from there; a batch moves it past the rows it
 * recorded and not past a row still waiting; a dead row retried moves it back, even while a sender
 * holds the lease; the dead rows are listed from the dead letters. As in {@link
 * DeliveryBatchIntegrationTests}, the rows are due in the year 2100 so the server's own sender
 * never takes them.
 */
class DeliveryFrontierIntegrationTests extends DeliveryRowsIntegrationTest {
  private long frontier(String subscription) {
    return jdbc.sql("select sent_through from notify_leases where subscription_id = ?")
        .param(subscription)
        .query(Long.class)
        .single();
  }

  private static List<Long> seqs(List<Delivery> deliveries) {
    return deliveries.stream().map(Delivery::event).toList();
  }

  /** The product's deliveries of the given status, of this subscription only (not the defaults). */
  private List<Delivery> mine(String sub, String product, String status, int limit) {
    return ledger.of(product, status, limit).stream()
        .filter(d -> d.subscription().equals(sub))
        .toList();
  }

  private long idOf(String subscription, long seq) {
    return jdbc.sql("select id from notify_deliveries where subscription_id = ? and event_seq = ?")
        .params(subscription, seq)
        .query(Long.class)
        .single();
  }

  /** Claims, records as sent the first {@code sent} rows, and lets go. */
  private DeliveryStore.Batch sendSome(String sub, String token, Instant at, int sent) {
    DeliveryStore.Batch batch = deliveries.claimBatch(sub, token, at, at.plus(LEASE), 100);
    deliveries.delivered(
        batch.rows().subList(0, sent).stream().map(DeliveryStore.Due::id).toList(), token, at);
    deliveries.finish(sub, token, batch, sent);
    return batch;
  }

  @Test
  void aBatchMovesTheFrontierPastWhatItRecordedAndNotPastARowStillWaiting() {
    Team t = team();
    String sub = subscription(t);
    assertThat(frontier(sub)).isZero();
    rows(t, sub, 11, 15);

    sendSome(sub, "a-1", T, 2);
    assertThat(frontier(sub)).as("past 11 and 12").isEqualTo(12);

    DeliveryStore.Batch b = deliveries.claimBatch(sub, "a-2", T, T.plus(LEASE), 100);
    assertThat(seqs(b)).containsExactly(13L, 14L, 15L);
    assertThat(deliveries.failed(b.rows().get(0).id(), "a-2", 1, "HTTP 503", T.plusSeconds(60)))
        .isTrue();
    deliveries.finish(sub, "a-2", b, 0);
    assertThat(frontier(sub))
        .as("13 waits out its backoff: the frontier stays before it")
        .isEqualTo(12);
    assertThat(deliveries.claimBatch(sub, "a-3", T, T.plus(LEASE), 100).rows()).isEmpty();

    sendSome(sub, "a-4", T.plusSeconds(60), 3);
    assertThat(frontier(sub)).isEqualTo(15);
    assertThat(mine(sub, t.product, "pending", 100)).isEmpty();
    assertThat(seqs(mine(sub, t.product, "delivered", 100)))
        .containsExactly(15L, 14L, 13L, 12L, 11L);
  }

  @Test
  void aDeadRowIsListedApartAndARetrySendsItAgainBeforeTheRowsAfterIt() {
    Team t = team();
    String sub = subscription(t);
    rows(t, sub, 1, 3);
    DeliveryStore.Batch b = deliveries.claimBatch(sub, "a-1", T, T.plus(LEASE), 100);
    assertThat(deliveries.failed(b.rows().get(0).id(), "a-1", 8, "HTTP 410", null)).isTrue();
    deliveries.delivered(List.of(b.rows().get(1).id(), b.rows().get(2).id()), "a-1", T);
    deliveries.finish(sub, "a-1", b, 3);
    assertThat(frontier(sub)).as("the dead row is handled: the frontier passes it").isEqualTo(3);
    assertThat(mine(sub, t.product, "dead", 100))
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.event()).isEqualTo(1);
              assertThat(d.lastError()).isEqualTo("HTTP 410");
            });
    assertThat(deliveries.subscriptionsDue(T, 10_000)).doesNotContain(sub);

    rows(t, sub, 4, 4);
    assertThat(ledger.retry(idOf(sub, 1), T)).isTrue();
    assertThat(ledger.retry(idOf(sub, 1), T)).as("pending now, not dead").isFalse();
    assertThat(frontier(sub)).as("moved back before the retried row").isZero();
    assertThat(mine(sub, t.product, "dead", 100)).isEmpty();
    assertThat(seqs(mine(sub, t.product, "pending", 100))).containsExactly(4L, 1L);
    assertThat(deliveries.subscriptionsDue(T, 10_000)).contains(sub);
    assertThat(seqs(sendSome(sub, "a-2", T, 2)))
        .as("the retried row first, then the new one; the delivered ones are not read again")
        .containsExactly(1L, 4L);
    assertThat(frontier(sub)).isEqualTo(4);
    assertThat(ledger.find(idOf(sub, 1)).orElseThrow().attempts()).isEqualTo(1);
  }

  @Test
  void aBatchsDeadRowsAreRecordedTogetherOnlyWhileItsLeaseIsHeld() {
    Team t = team();
    String sub = subscription(t);
    rows(t, sub, 1, 4);
    DeliveryStore.Batch b = deliveries.claimBatch(sub, "a-1", T, T.plus(LEASE), 100);
    List<Long> ids = b.rows().stream().map(DeliveryStore.Due::id).toList();
    assertThat(deliveries.dead(ids.subList(0, 3), "someone-else", "no SMTP server"))
        .as("another sender's token records nothing")
        .isZero();
    assertThat(mine(sub, t.product, "dead", 100)).isEmpty();

    assertThat(deliveries.dead(ids.subList(0, 3), "a-1", "no SMTP server")).isEqualTo(3);
    deliveries.delivered(List.of(ids.get(3)), "a-1", T);
    deliveries.finish(sub, "a-1", b, 4);
    assertThat(mine(sub, t.product, "dead", 100))
        .extracting(Delivery::event, Delivery::lastError, Delivery::attempts)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(3L, "no SMTP server", 1),
            org.assertj.core.groups.Tuple.tuple(2L, "no SMTP server", 1),
            org.assertj.core.groups.Tuple.tuple(1L, "no SMTP server", 1));
    assertThat(frontier(sub)).isEqualTo(4);
    assertThat(deliveries.dead(ids.subList(0, 3), "a-1", "again"))
        .as("dead already: nothing twice")
        .isZero();

    assertThat(ledger.retry(idOf(sub, 2), T)).as("a dead letter, retried like any").isTrue();
    assertThat(seqs(mine(sub, t.product, "dead", 100))).containsExactly(3L, 1L);
  }

  /**
   * A statement that records a batch's outcome finds its rows by their ids and checks the lease for
   * each row found; planned as a join from the lease, PostgreSQL read every delivery of the
   * subscription through its unique index (SubscriptionLeases.HELD), measured in the two-node
   * bench. Both forms the senders use: many rows and one.
   */
  @Test
  void onPostgresTheRowsOfABatchAreFoundByTheirIdsAndTheLeaseCheckedForEach() {
    org.junit.jupiter.api.Assumptions.assumeTrue(
        io.tollgate.support.TestDatabase.postgres(), "a PostgreSQL plan");
    for (String rows : List.of("id in (1, 2, 3, 4)", "id = 5")) {
      String plan =
          String.join(
              "\n",
              jdbc.sql(
                      "explain (costs off) update notify_deliveries set status = 'dead',"
                          + " attempts = attempts + 1 where "
                          + rows
                          + " and status = 'pending'"
                          + SubscriptionLeases.HELD)
                  .param("token", "a-1")
                  .query(String.class)
                  .list());

      assertThat(plan).as(plan).contains("SubPlan");
      assertThat(plan)
          .as(plan)
          .doesNotContain("notify_deliveries_once")
          .doesNotContain("Join")
          .doesNotContain("Nested Loop");
    }
  }

  @Test
  void aRetryWhileASenderHoldsTheLeaseKeepsItsPlace() {
    Team t = team();
    String sub = subscription(t);
    rows(t, sub, 1, 1);
    DeliveryStore.Batch first = deliveries.claimBatch(sub, "a-1", T, T.plus(LEASE), 100);
    deliveries.failed(first.rows().get(0).id(), "a-1", 8, "HTTP 410", null);
    deliveries.finish(sub, "a-1", first, 1);
    rows(t, sub, 2, 3);

    DeliveryStore.Batch held = deliveries.claimBatch(sub, "b-1", T, T.plus(LEASE), 100);
    assertThat(seqs(held)).containsExactly(2L, 3L);
    assertThat(ledger.retry(idOf(sub, 1), T)).isTrue(); // an operator, meanwhile
    deliveries.delivered(held.rows().stream().map(DeliveryStore.Due::id).toList(), "b-1", T);
    deliveries.finish(sub, "b-1", held, 2);

    assertThat(frontier(sub)).as("the sender's move does not undo the retry's").isZero();
    assertThat(seqs(deliveries.claimBatch(sub, "b-2", T, T.plus(LEASE), 100))).containsExactly(1L);
  }

  @Test
  void aLateSenderMovesNothing() {
    Team t = team();
    String sub = subscription(t);
    rows(t, sub, 1, 2);
    DeliveryStore.Batch lost = deliveries.claimBatch(sub, "dead-1", T, T.plus(LEASE), 100);
    Instant later = T.plus(LEASE).plusSeconds(1);
    DeliveryStore.Batch again = deliveries.claimBatch(sub, "live-1", later, later.plus(LEASE), 100);
    assertThat(seqs(again)).containsExactly(1L, 2L);
    deliveries.finish(sub, "dead-1", lost, 2); // a late word from the first sender
    assertThat(frontier(sub)).isZero();
    assertThat(deliveries.failed(again.rows().get(0).id(), "dead-1", 1, "late", null))
        .as("nor records an outcome")
        .isFalse();
  }

  @Test
  void aDeletedSubscriptionsPendingRowsAreGivenUpAndListedDead() {
    Team t = team();
    String sub = subscription(t);
    rows(t, sub, 1, 3);
    sendSome(sub, "a-1", T, 1);
    Api.Response gone = t.rm.delete("/api/v1/products/" + t.product + "/subscriptions/" + sub);
    assertThat(gone.status()).as(gone.toString()).isEqualTo(204);
    assertThat(mine(sub, t.product, "dead", 100))
        .extracting(Delivery::event, Delivery::lastError)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(3L, "the subscription was deleted"),
            org.assertj.core.groups.Tuple.tuple(2L, "the subscription was deleted"));
    assertThat(mine(sub, t.product, "pending", 100)).isEmpty();
    assertThat(seqs(mine(sub, t.product, null, 100))).containsExactly(3L, 2L, 1L);
  }
}
