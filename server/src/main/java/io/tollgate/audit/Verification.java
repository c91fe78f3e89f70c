package io.tollgate.audit;

/** The result of re-computing the hash chain: {@code firstBrokenSeq} is null when intact. */
public record Verification(boolean ok, long checked, Long firstBrokenSeq) {}
