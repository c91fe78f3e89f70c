package io.tollgate.shared;

/**
 * Something not done yet that a refused command waits for.
 *
 * @param kind {@code step}, {@code requirement}, {@code decision}, {@code notes-field}, {@code
 *     handoff}, ...
 */
public record Blocker(String kind, String key, String title) {}
