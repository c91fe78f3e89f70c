package io.tollgate.changes;

/** A commit as posted or pushed: its id, message, and optionally author and link. */
public record NewCommit(String sha, String message, String author, String url) {}
