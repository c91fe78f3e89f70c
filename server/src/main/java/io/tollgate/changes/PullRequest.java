package io.tollgate.changes;

import java.time.Instant;

/** A pull request merged into a release's ref: the evidence QA reviews for acceptance. */
public record PullRequest(
    int number, String title, String url, String author, String mergeCommit, Instant mergedAt) {}
