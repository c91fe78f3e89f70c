/**
 * Notifications: subscriptions per product (which events, which channel, which audience), the
 * outbox of deliveries written from the audit log through {@link io.tollgate.audit.AuditStream},
 * and the channels that send them (signed webhooks, Slack and Teams incoming webhooks, email). A
 * release command never waits for a notification: deliveries are written after the command
 * committed, from the audit sequence, and sent by {@code internal.Dispatcher}.
 */
package io.tollgate.notify;
