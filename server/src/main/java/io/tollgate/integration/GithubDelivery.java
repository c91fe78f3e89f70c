package io.tollgate.integration;

import java.time.Instant;

/**
 * One delivery from GitHub as recorded: what arrived and what it did.
 *
 * @param delivery GitHub's {@code X-GitHub-Delivery}
 * @param outcome {@code applied} (it changed something), {@code ignored} (nothing to do; {@code
 *     detail} says why) or {@code failed} (a command was refused; {@code detail} says why)
 */
public record GithubDelivery(
    long id,
    String delivery,
    String event,
    String action,
    Instant receivedAt,
    String outcome,
    String detail) {}
