package io.tollgate.integration;

import java.time.Instant;

/** A CI run GitHub reported on a release's commit: the evidence behind its CI requirement. */
public record CiRun(String sha, String name, String conclusion, String url, Instant reportedAt) {}
