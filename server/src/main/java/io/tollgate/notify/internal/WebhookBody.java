package io.tollgate.notify.internal;

import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.Template;
import io.tollgate.notify.Message;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The body of a webhook message (api.md "Notifications"), from the Mustache template {@code
 * <type>.webhook.mustache} where one exists for the type, else {@code default.webhook.mustache},
 * with every value JSON-escaped: {@code {type, timestamp, bodyVersion, subject, link, data:
 * {product, release?, version?, incident?, actor, seq, link, ...the event's facts}}}.
 *
 * <p>Versions: 1 (up to issue 10's templates) had {@code type, timestamp, bodyVersion, data}; 2
 * adds {@code subject} (product, version and what happened, as an email's subject says it) and
 * {@code link} (the page the event is about). A later version adds fields and keeps these, and
 * {@link #read} reads every version a receiver may have stored. A body that is not JSON (a broken
 * template) is refused before it is sent.
 */
public final class WebhookBody {
  public static final int VERSION = 2;
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String BASE = "io/tollgate/notify/templates/";
  private static final Mustache.Compiler COMPILER =
      Mustache.compiler().withEscaper(WebhookBody::jsonEscape).defaultValue("");
  private static final Map<String, Optional<Template>> TEMPLATES = new ConcurrentHashMap<>();

  private WebhookBody() {}

  public static String write(Message m) {
    Map<String, Object> context = new LinkedHashMap<>();
    context.put("type", m.type());
    context.put("timestamp", m.timestamp());
    context.put("bodyVersion", VERSION);
    context.put("subject", m.subject());
    context.put("link", m.link());
    context.put("data", JSON.writeValueAsString(m.data())); // {{{data}}}: JSON already
    String body =
        template(m.type() + ".webhook")
            .or(() -> template("default.webhook"))
            .orElseThrow(() -> new IllegalStateException("no template default.webhook"))
            .execute(context)
            .strip();
    try {
      JSON.readTree(body);
    } catch (RuntimeException notJson) {
      throw new IllegalStateException(
          "the webhook template for " + m.type() + " made a body that is not JSON", notJson);
    }
    return body;
  }

  /** What every version of the body says ({@code subject} and {@code link} null before 2). */
  public record Read(
      int bodyVersion,
      String type,
      String timestamp,
      String product,
      long seq,
      String subject,
      String link,
      JsonNode data) {}

  /** Reads a body of any version so far: 1 and 2. */
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
        version >= 2 ? n.path("subject").asString() : null,
        version >= 2 ? n.path("link").asString() : data.path("link").asString(null),
        data);
  }

  /** A value as the inside of a JSON string. */
  static String jsonEscape(String raw) {
    StringBuilder b = new StringBuilder(raw.length() + 8);
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        default -> {
          if (c < 0x20 || c == '\u2028' || c == '\u2029') {
            b.append(String.format("\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.toString();
  }

  private static Optional<Template> template(String name) {
    return TEMPLATES.computeIfAbsent(
        name,
        k -> {
          try (InputStream in =
              WebhookBody.class.getClassLoader().getResourceAsStream(BASE + k + ".mustache")) {
            if (in == null) return Optional.empty();
            return Optional.of(
                COMPILER.compile(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
  }
}
