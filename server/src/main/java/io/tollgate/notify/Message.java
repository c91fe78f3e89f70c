package io.tollgate.notify;

import java.util.Map;

/**
 * One event said for one channel's audience: a subject line, plain text, HTML and Slack and Teams
 * lines (from the Mustache templates), the webhook's {@code data}, and the page it is about.
 *
 * @param data the webhook body's {@code data}: the event's facts plus product, release, version,
 *     incident, actor, seq and link
 */
public record Message(
    String type,
    String timestamp,
    String subject,
    String text,
    String html,
    String slack,
    String teams,
    Map<String, Object> data,
    String link) {}
