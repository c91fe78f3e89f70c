package io.tollgate.notify.internal;

import io.tollgate.notify.Message;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The body of a webhook message (api.md "Notifications"): {@code {type, timestamp, bodyVersion,
 * data: {product, release?, version?, incident?, actor, seq, link, ...the event's facts}}}. {@code
 * bodyVersion} is 1; a later version adds fields and keeps these, and {@link #read} reads every
 * version a receiver may have stored.
 */
public final class WebhookBody {
  public static final int VERSION = 1;
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private WebhookBody() {}

  public static String write(Message m) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", m.type());
    body.put("timestamp", m.timestamp());
    body.put("bodyVersion", VERSION);
    body.put("data", m.data());
    return JSON.writeValueAsString(body);
  }

  /** What every version of the body says. */
  public record Read(
      int bodyVersion, String type, String timestamp, String product, long seq, JsonNode data) {}

  /** Reads a body of any version so far: 1. */
  public static Read read(String body) {
    JsonNode n = JSON.readTree(body);
    int version = n.path("bodyVersion").asInt(1);
    if (version > VERSION) throw new IllegalArgumentException("unknown body version " + version);
    JsonNode data = n.path("data");
    return new Read(
        version,
        n.path("type").asString(),
        n.path("timestamp").asString(),
        data.path("product").asString(),
        data.path("seq").asLong(),
        data);
  }
}
