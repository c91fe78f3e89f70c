package io.tollgate.audit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.audit.Verification;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * What verification finds in a chain altered by someone who can write to the database but does not
 * hold the audit key: truncation, rewriting (with every later hash recomputed) and reordering.
 */
class ChainCheckTests {
  private static final byte[] KEY = AuditKeys.generate().macKey();
  private static final byte[] OTHER_KEY = AuditKeys.generate().macKey();
  private final ChainCheck check = new ChainCheck(KEY);

  /** The stored rows by sequence number, as the table holds them. */
  private final TreeMap<Long, StoredEvent> table = new TreeMap<>();

  private AuditStore.Head head;

  @Test
  void aValidChainVerifiesAgainstItsHeadAndACheckpoint() {
    append(3, 1); // rows from before the event vocabulary
    append(5, 2);

    assertThat(verify(null)).isEqualTo(Verification.intact(8, null));
    assertThat(verify(expected(8))).isEqualTo(Verification.intact(8, 8L));
    assertThat(verify(expected(5))).isEqualTo(Verification.intact(8, 5L));
  }

  @Test
  void truncationDeletingTheLastEventsAndMovingTheHeadIsFoundAgainstACheckpoint() {
    append(10, 2);
    ChainCheck.Expected checkpoint = expected(10);

    table.remove(10L);
    table.remove(9L);
    head = new AuditStore.Head(8, table.get(8L).hash());

    // the rest is a valid chain: without a checkpoint this cannot be seen
    assertThat(verify(null).ok()).isTrue();
    Verification v = verify(checkpoint);
    assertThat(v.ok()).isFalse();
    assertThat(v.truncated()).isTrue();
    assertThat(v.rewritten()).isFalse();
    assertThat(v.firstBrokenSeq()).isEqualTo(9L);
    assertThat(v.checked()).isEqualTo(8);
  }

  @Test
  void eventsDeletedFromTheEndWithoutMovingTheHeadAreTruncation() {
    append(6, 2);
    table.remove(6L);

    Verification v = verify(null);
    assertThat(v.truncated()).isTrue();
    assertThat(v.firstBrokenSeq()).isEqualTo(6L);
  }

  @Test
  void aRewriteWithEveryLaterHashRecomputedIsFoundByTheKeyedMac() {
    append(10, 2);

    rewriteFrom(4, "mallory", OTHER_KEY);

    Verification v = verify(null);
    assertThat(v.ok()).isFalse();
    assertThat(v.rewritten()).isTrue();
    assertThat(v.firstBrokenSeq()).isEqualTo(4L);
    assertThat(v.problem()).contains("audit key");
  }

  @Test
  void aRewriteOfOldUnkeyedEventsIsFoundAgainstACheckpoint() {
    append(10, 1); // form 1 rows carry no MAC
    ChainCheck.Expected checkpoint = expected(7);

    rewriteFrom(4, "mallory", null);

    assertThat(verify(null).ok()).isTrue(); // plain SHA-256 anyone can recompute
    Verification v = verify(checkpoint);
    assertThat(v.rewritten()).isTrue();
    assertThat(v.firstBrokenSeq()).isEqualTo(7L);
  }

  @Test
  void aRewriteIntoTheOldFormToEscapeTheMacIsFound() {
    append(3, 1);
    append(4, 2);

    // event 5 rewritten in form 1 (which has no MAC) and every later hash recomputed
    StoredEvent five = table.get(5L);
    table.put(
        5L,
        new StoredEvent(
            five.fields(),
            1,
            five.prevHash(),
            ChainForm.hash(1, five.prevHash(), five.fields()),
            null));
    relinkFrom(6, null);

    Verification v = verify(null);
    assertThat(v.rewritten()).isTrue();
    assertThat(v.firstBrokenSeq()).isEqualTo(5L);
  }

  @Test
  void anEventAlteredInPlaceIsFound() {
    append(5, 2);
    StoredEvent three = table.get(3L);
    table.put(
        3L,
        new StoredEvent(
            AuditHashTests.with(three.fields(), "actor", "mallory"),
            three.form(),
            three.prevHash(),
            three.hash(),
            three.mac()));

    Verification v = verify(null);
    assertThat(v.rewritten()).isTrue();
    assertThat(v.firstBrokenSeq()).isEqualTo(3L);
  }

  @Test
  void anEventRemovedFromTheMiddleIsFound() {
    append(5, 2);
    table.remove(3L);

    Verification v = verify(null);
    assertThat(v.rewritten()).isTrue();
    assertThat(v.firstBrokenSeq()).isEqualTo(3L);
  }

  @Test
  void twoEventsSwappedInOrderAreReportedAsReordered() {
    append(6, 2);
    StoredEvent three = table.get(3L);
    StoredEvent four = table.get(4L);
    table.put(3L, atSeq(four, 3));
    table.put(4L, atSeq(three, 4));

    Verification v = verify(null);
    assertThat(v.ok()).isFalse();
    assertThat(v.reordered()).isTrue();
    assertThat(v.rewritten()).isFalse();
    assertThat(v.firstBrokenSeq()).isEqualTo(3L);
    assertThat(v.problem()).contains("belongs at 3 is stored at 4");
  }

  // --- a chain written as AuditStore writes it ---------------------------------------------------

  private void append(int count, int form) {
    for (int i = 0; i < count; i++) {
      long seq = table.isEmpty() ? 1 : table.lastKey() + 1;
      String prev = table.isEmpty() ? ChainForm.GENESIS : table.lastEntry().getValue().hash();
      ChainForm.Fields f =
          new ChainForm.Fields(
              seq,
              Instant.parse("2026-03-10T18:42:07.123Z").plusSeconds(seq),
              new AuditStore.NewEvent(
                  "rita",
                  "person",
                  "step.completed",
                  "release/1f0c",
                  "1f0c",
                  "shop",
                  1,
                  "{\"step\":\"s" + seq + "\"}"));
      String hash = ChainForm.hash(form, prev, f);
      table.put(
          seq, new StoredEvent(f, form, prev, hash, form >= 2 ? ChainForm.mac(KEY, hash) : null));
      head = new AuditStore.Head(seq, hash);
    }
  }

  /** Alters the actor of event {@code from} and recomputes every later hash (and MAC with key). */
  private void rewriteFrom(long from, String actor, byte[] key) {
    StoredEvent e = table.get(from);
    table.put(
        from,
        new StoredEvent(
            AuditHashTests.with(e.fields(), "actor", actor), e.form(), e.prevHash(), null, null));
    relinkFrom(from, key);
  }

  /** Recomputes the hashes from {@code from} on, as someone with write access could. */
  private void relinkFrom(long from, byte[] key) {
    String prev = from == 1 ? ChainForm.GENESIS : table.get(from - 1).hash();
    for (long seq = from; seq <= table.lastKey(); seq++) {
      StoredEvent e = table.get(seq);
      String hash = ChainForm.hash(e.form(), prev, e.fields());
      String mac = e.form() >= 2 && key != null ? ChainForm.mac(key, hash) : e.mac();
      table.put(seq, new StoredEvent(e.fields(), e.form(), prev, hash, mac));
      prev = hash;
    }
    head = new AuditStore.Head(table.lastKey(), prev);
  }

  private static StoredEvent atSeq(StoredEvent e, long seq) {
    return new StoredEvent(
        AuditHashTests.with(e.fields(), "seq", seq), e.form(), e.prevHash(), e.hash(), e.mac());
  }

  private ChainCheck.Expected expected(long seq) {
    return new ChainCheck.Expected(seq, table.get(seq).hash());
  }

  private Verification verify(ChainCheck.Expected checkpoint) {
    return check.run(
        (after, limit) -> {
          List<StoredEvent> rows = new ArrayList<>(table.tailMap(after, false).values());
          return rows.subList(0, Math.min(limit, rows.size()));
        },
        head,
        checkpoint);
  }
}
