package io.tollgate.audit.internal;

import io.tollgate.audit.Verification;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;

/**
 * Re-computes the chain from its first event and tells what is wrong with it, if anything:
 *
 * <ul>
 *   <li><b>rewritten</b>: an event's hash does not match its content or its predecessor, a row of
 *       the current form has no valid MAC (someone without the audit key recomputed the plain
 *       SHA-256 hashes), a row of an older form follows a newer one, a sequence number is missing,
 *       or the event at the checkpoint's position is not the one the checkpoint signed;
 *   <li><b>reordered</b>: the event that belongs at a position (the one whose stored links follow
 *       from its predecessor and whose hash matches there) is stored at another position;
 *   <li><b>truncated</b>: the chain ends before the checkpoint's event, or before the head.
 * </ul>
 *
 * Without a checkpoint, deleting the last events and moving the head to the new last event is not
 * detectable (the rest is a valid chain): that is what checkpoints kept outside are for.
 */
public final class ChainCheck {
  /** Where the rows come from: those after a sequence number, in order, at most {@code limit}. */
  public interface Rows {
    List<StoredEvent> after(long seq, int limit);
  }

  /** The checkpoint to verify against (its signature already checked). */
  public record Expected(long seq, String hash) {}

  private static final int BATCH = 1000;
  private final byte[] macKey;

  public ChainCheck(byte[] macKey) {
    this.macKey = macKey.clone();
  }

  public Verification run(Rows rows, AuditStore.Head head, Expected checkpoint) {
    Long cp = checkpoint == null ? null : checkpoint.seq();
    String prev = ChainForm.GENESIS;
    long expected = 0;
    int lastForm = 1;
    while (true) {
      List<StoredEvent> batch = rows.after(expected, BATCH);
      for (StoredEvent row : batch) {
        expected++;
        if (row.seq() != expected) {
          return Verification.rewritten(
              expected - 1, expected, cp, "Event " + expected + " is missing from the chain.");
        }
        if (!row.prevHash().equals(prev) || !row.recompute(prev, expected).equals(row.hash())) {
          Long moved = movedHere(rows, prev, expected);
          if (moved != null) {
            return Verification.reordered(
                expected - 1,
                expected,
                cp,
                "The event that belongs at " + expected + " is stored at " + moved + ".");
          }
          return Verification.rewritten(
              expected - 1,
              expected,
              cp,
              "Event " + expected + " does not match its hash or its predecessor's.");
        }
        if (row.form() < lastForm) {
          return Verification.rewritten(
              expected - 1,
              expected,
              cp,
              "Event " + expected + " is in an older form than the event before it.");
        }
        if (row.form() >= 2 && !macMatches(row)) {
          return Verification.rewritten(
              expected - 1,
              expected,
              cp,
              "Event "
                  + expected
                  + " was not written with the audit key (its MAC does not match its hash).");
        }
        if (checkpoint != null
            && expected == checkpoint.seq()
            && !row.hash().equals(checkpoint.hash())) {
          return Verification.rewritten(
              expected - 1,
              expected,
              cp,
              "Event "
                  + expected
                  + " is not the event the checkpoint signed: it or an event before it was"
                  + " rewritten.");
        }
        prev = row.hash();
        lastForm = row.form();
      }
      if (batch.size() < BATCH) break;
    }
    long checked = expected;
    if (checkpoint != null && checked < checkpoint.seq()) {
      return Verification.truncated(
          checked,
          checked + 1,
          cp,
          "The chain ends at "
              + checked
              + " but the checkpoint signed event "
              + checkpoint.seq()
              + ": events were removed from its end.");
    }
    if (head.seq() > checked) {
      return Verification.truncated(
          checked,
          checked + 1,
          cp,
          "The chain ends at " + checked + " but its head is at " + head.seq() + ".");
    }
    if (head.seq() != checked || !head.hash().equals(prev)) {
      return Verification.rewritten(
          checked,
          Math.min(head.seq() + 1, checked),
          cp,
          "The chain's head (" + head.seq() + ") is not its last event (" + checked + ").");
    }
    return Verification.intact(checked, cp);
  }

  /**
   * The position of a later row that belongs at {@code seq}: its stored predecessor is {@code prev}
   * and its hash matches when it stands at {@code seq}; null if there is none.
   */
  private static Long movedHere(Rows rows, String prev, long seq) {
    for (StoredEvent other : rows.after(seq, BATCH)) {
      if (other.prevHash().equals(prev) && other.recompute(prev, seq).equals(other.hash())) {
        return other.seq();
      }
    }
    return null;
  }

  private boolean macMatches(StoredEvent row) {
    if (row.mac() == null) return false;
    return MessageDigest.isEqual(
        ChainForm.mac(macKey, row.hash()).getBytes(StandardCharsets.US_ASCII),
        row.mac().getBytes(StandardCharsets.US_ASCII));
  }
}
