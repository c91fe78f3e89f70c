package io.tollgate.process;

import java.time.Instant;

/** One stored version of a process. */
public record ProcessVersion(
    String id,
    int version,
    String name,
    ProcessDefinition definition,
    String source,
    Instant createdAt) {}
