package io.tollgate.audit;

/**
 * The result of re-computing the hash chain: {@code firstBrokenSeq} is null when intact.
 *
 * @param checked how many events were checked
 * @param firstBrokenSeq the first sequence number found missing, altered or out of place
 * @param truncated events are missing from the end of the chain (a checkpoint or the head holds a
 *     later event than the chain)
 * @param rewritten an event was altered, removed or added: its hash, its MAC (keyed with the audit
 *     key) or the signed checkpoint does not match
 * @param reordered events are stored in another order than they were appended
 * @param checkpointSeq the sequence number of the checkpoint verified against, or null
 * @param problem what was found, in words, or null when intact
 */
public record Verification(
    boolean ok,
    long checked,
    Long firstBrokenSeq,
    boolean truncated,
    boolean rewritten,
    boolean reordered,
    Long checkpointSeq,
    String problem) {

  public static Verification intact(long checked, Long checkpointSeq) {
    return new Verification(true, checked, null, false, false, false, checkpointSeq, null);
  }

  public static Verification truncated(
      long checked, long firstMissing, Long checkpointSeq, String problem) {
    return new Verification(
        false, checked, firstMissing, true, false, false, checkpointSeq, problem);
  }

  public static Verification rewritten(long checked, long seq, Long checkpointSeq, String problem) {
    return new Verification(false, checked, seq, false, true, false, checkpointSeq, problem);
  }

  public static Verification reordered(long checked, long seq, Long checkpointSeq, String problem) {
    return new Verification(false, checked, seq, false, false, true, checkpointSeq, problem);
  }
}
