package io.tollgate.audit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A pass chains whole transactions: a full batch leaves the last one's events for the next. */
class AuditAppenderTests {

  @Test
  void aBatchShorterThanTheLimitIsChainedWhole() {
    List<StagedEvent> rows = rows(1, 10, 3);
    assertThat(AuditAppender.whole(rows)).isEqualTo(rows);
  }

  @Test
  void aFullBatchLeavesTheEventsOfItsLastTransactionForTheNextPass() {
    List<StagedEvent> rows = rows(1, AuditAppender.BATCH / 2, 2); // the last one cut after 2 rows
    assertThat(rows).hasSize(AuditAppender.BATCH);
    List<StagedEvent> whole = AuditAppender.whole(rows);
    assertThat(whole).hasSize(AuditAppender.BATCH - 2);
    assertThat(whole.get(whole.size() - 1).id()).isEqualTo(AuditAppender.BATCH / 2 - 1);
  }

  @Test
  void aTransactionLargerThanABatchIsChainedInParts() {
    List<StagedEvent> rows = rows(7, 0, AuditAppender.BATCH);
    assertThat(AuditAppender.whole(rows)).hasSize(AuditAppender.BATCH);
  }

  @Test
  void aNodeThatFindsAnotherNodesPassOnTheHeadWaitsFourLingersAndAtLeastAMillisecond() {
    assertThat(AuditAppender.busyWait(java.time.Duration.ofMillis(5).toNanos()))
        .isEqualTo(java.time.Duration.ofMillis(20).toNanos());
    assertThat(AuditAppender.busyWait(0)).isEqualTo(java.time.Duration.ofMillis(1).toNanos());
    assertThat(AuditAppender.busyWait(java.time.Duration.ofMillis(50).toNanos()))
        .isEqualTo(java.time.Duration.ofMillis(200).toNanos());
  }

  /**
   * {@code pairs} transactions of two events (ids from {@code first}), then one of {@code tail}.
   */
  private static List<StagedEvent> rows(long first, int pairs, int tail) {
    List<StagedEvent> rows = new ArrayList<>();
    long id = first;
    for (int i = 0; i < pairs - (tail > 0 ? 1 : 0); i++, id++) {
      rows.add(row(id, 0));
      rows.add(row(id, 1));
    }
    for (int pos = 0; pos < tail; pos++) rows.add(row(id, pos));
    return rows;
  }

  private static StagedEvent row(long id, int pos) {
    return new StagedEvent(
        id,
        pos,
        Instant.EPOCH,
        new AuditStore.NewEvent("rita", "test.staged", "test/" + id, null, "{}"),
        "mac");
  }
}
