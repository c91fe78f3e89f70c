package io.tollgate.notify;

import java.util.List;

/**
 * A channel as a client writes it (api.md): {@code {kind: "webhook", url, secret?}}, {@code {kind:
 * "email", to: [...]}}, {@code {kind: "slack", url}} or {@code {kind: "teams", url}}.
 */
public record ChannelRequest(String kind, String url, String secret, List<String> to) {}
