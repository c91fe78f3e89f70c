package io.tollgate.notify.internal;

import io.tollgate.notify.Channel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A subscription's channel as stored in {@code notify_subscriptions.channel}: JSON with a format
 * version {@code v} (1), the kind, and its parts, secret parts sealed. A version this code does not
 * know is refused rather than guessed.
 */
public final class ChannelJson {
  static final JsonMapper JSON = JsonMapper.builder().build();
  public static final int VERSION = 1;

  private ChannelJson() {}

  public static String write(Channel channel) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("v", VERSION);
    m.put("kind", channel.kind());
    if (channel instanceof Channel.Webhook w) {
      m.put("url", w.url());
      m.put("secret", w.sealedSecret());
    } else if (channel instanceof Channel.Email e) {
      m.put("to", e.to());
    } else if (channel instanceof Channel.Chat c) {
      m.put("url", c.sealedUrl());
      m.put("host", c.host());
    }
    return JSON.writeValueAsString(m);
  }

  public static Channel read(String stored) {
    JsonNode n = JSON.readTree(stored);
    int v = n.path("v").asInt(0);
    if (v != VERSION) {
      throw new IllegalStateException("unknown channel format version " + v + ": " + stored);
    }
    String kind = n.path("kind").asString();
    return switch (kind) {
      case "webhook" -> new Channel.Webhook(n.path("url").asString(), n.path("secret").asString());
      case "email" -> {
        List<String> to = new ArrayList<>();
        n.path("to").forEach(t -> to.add(t.asString()));
        yield new Channel.Email(to);
      }
      case "slack", "teams" ->
          new Channel.Chat(kind, n.path("url").asString(), n.path("host").asString());
      default -> throw new IllegalStateException("unknown channel kind " + kind);
    };
  }

  static String writeList(List<String> list) {
    return JSON.writeValueAsString(list);
  }

  static List<String> readList(String stored) {
    List<String> out = new ArrayList<>();
    JSON.readTree(stored).forEach(t -> out.add(t.asString()));
    return out;
  }
}
