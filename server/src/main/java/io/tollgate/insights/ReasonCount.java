package io.tollgate.insights;

/** How many no-go decisions gave this reason (their rationale, as written). */
public record ReasonCount(String reason, int count) {}
