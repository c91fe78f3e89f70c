package io.tollgate.notify;

import java.time.Instant;

/**
 * One message of one audit event to one subscription.
 *
 * @param event the audit sequence number of the event
 * @param type the notification type the message has
 */
public record Delivery(
    long id,
    String subscription,
    long event,
    String type,
    String status,
    int attempts,
    String lastError,
    Instant nextAttemptAt,
    Instant deliveredAt) {}
