package io.tollgate.product;

/**
 * A product was created; published in the creating transaction, so what a listener writes commits
 * with it (the notification defaults).
 */
public record ProductCreated(String key, String process) {}
