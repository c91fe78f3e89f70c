package io.tollgate.insights;

/** The waits of one step, requirement or handoff owned by one role, over a period. */
public record WaitFigure(String key, String role, int count, Long p50Seconds, Long p90Seconds) {}
