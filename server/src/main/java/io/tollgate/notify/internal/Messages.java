package io.tollgate.notify.internal;

import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.Template;
import io.tollgate.audit.AuditEvent;
import io.tollgate.audit.AuditTimeline;
import io.tollgate.notify.Headlines;
import io.tollgate.notify.Message;
import io.tollgate.product.ProductManagement;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Says an audit event as a message, from the Mustache templates under {@code
 * io/tollgate/notify/templates}: {@code <type>.<part>.mustache} where one exists for the type, else
 * {@code default.<part>.mustache}; parts are {@code subject}, {@code text}, {@code html}, {@code
 * slack} and {@code teams}. Every message links to the page it is about.
 */
@Component
public class Messages {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String BASE = "io/tollgate/notify/templates/";

  private final ProductManagement products;
  private final AnnouncedNotes notes;
  private final SignedLinks links;
  private final java.time.Clock clock;
  private final org.springframework.core.env.Environment environment;
  private final String configuredUrl;
  private final Map<String, Optional<Template>> templates = new ConcurrentHashMap<>();

  /**
   * Product names for the messages: read once per product and minute, not once per message; a
   * product changed on any node is forgotten when the audit log's tail brings it ({@link
   * #productChanged}).
   */
  private final com.github.benmanes.caffeine.cache.Cache<String, String> names =
      com.github.benmanes.caffeine.cache.Caffeine.newBuilder()
          .maximumSize(10_000)
          .expireAfterWrite(java.time.Duration.ofMinutes(1))
          .build();

  private final Mustache.Compiler text = Mustache.compiler().escapeHTML(false).defaultValue("");
  private final Mustache.Compiler html = Mustache.compiler().escapeHTML(true).defaultValue("");

  Messages(
      ProductManagement products,
      AnnouncedNotes notes,
      SignedLinks links,
      java.time.Clock clock,
      org.springframework.core.env.Environment environment,
      @Value("${tollgate.public-url:}") String publicUrl) {
    this.products = products;
    this.notes = notes;
    this.links = links;
    this.clock = clock;
    this.environment = environment;
    this.configuredUrl = publicUrl == null ? "" : publicUrl.strip().replaceAll("/+$", "");
  }

  @org.springframework.context.event.EventListener
  void productChanged(io.tollgate.audit.AuditEventsAppended appended) {
    appended.events().stream()
        .filter(e -> e.action() != null && e.action().startsWith("product.") && e.product() != null)
        .map(io.tollgate.audit.AuditEvent::product)
        .distinct()
        .forEach(names::invalidate);
  }

  /**
   * The event needs no message for this subscription (a customer announcement without
   * customer-facing notes): the delivery is done, with this reason, and nothing is sent.
   */
  public static final class NothingToSay extends RuntimeException {
    public NothingToSay(String reason) {
      super(reason, null, false, false);
    }
  }

  /** TOLLGATE_PUBLIC_URL, else this server on localhost (the port it listens on). */
  private String publicUrl() {
    return configuredUrl.isEmpty()
        ? "http://localhost:" + environment.getProperty("local.server.port", "8080")
        : configuredUrl;
  }

  /** The message of the event, as a notification of the given type. */
  public Message render(AuditEvent e, String type) {
    JsonNode payload = EventFacts.payload(e);
    Map<String, Object> data = new LinkedHashMap<>();
    if (payload.isObject()) {
      data.putAll(JSON.convertValue(payload, new TypeReference<Map<String, Object>>() {}));
    }
    String release = e.release();
    String incident = EventFacts.subjectId(e, "incident");
    String link = link(e, release, incident);
    data.put("product", e.product());
    if (release != null) data.put("release", release);
    if (incident != null) data.put("incident", incident);
    data.put("actor", e.actor());
    data.put("seq", e.seq());
    data.put("link", link);

    Map<String, Object> context = new LinkedHashMap<>(data);
    context.put("type", type);
    context.put("productName", productName(e.product()));
    context.put(
        "version",
        EventFacts.text(payload, "version") == null ? "" : EventFacts.text(payload, "version"));
    context.put("headline", Headlines.of(type, key -> EventFacts.text(payload, key)));
    context.put("sentence", AuditTimeline.of(java.util.List.of(e), key -> null).get(0).sentence());
    String handoff = EventFacts.text(payload, "handoff");
    if (release != null
        && handoff != null
        && (type.equals("handoff.handed") || type.equals("handoff.reminded"))) {
      // "your turn": a signed, single-use, expiring link that leads through the person's sign-in
      context.put(
          "actionLink",
          publicUrl() + "/go/" + links.token(release, handoff, e.seq(), clock.instant()));
    }
    if (release != null && type.equals("release.announced")) notes.internal(release, context);
    if (release != null && type.equals("customers.release-announced")) {
      notes.forCustomers(release, context);
    }
    context.put("preferencesLink", publicUrl() + "/notifications#preferences");
    return new Message(
        type,
        e.at().toString(),
        render(type, "subject", text, context).strip(),
        render(type, "text", text, context),
        render(type, "html", html, context),
        render(type, "slack", text, context).strip(),
        render(type, "teams", text, context).strip(),
        data,
        link);
  }

  /** The page the event is about: its incident, else its release, else its product. */
  String link(AuditEvent e, String release, String incident) {
    if (incident != null) return publicUrl() + "/incidents/" + incident;
    if (release != null) return publicUrl() + "/releases/" + release;
    return publicUrl() + "/products/" + e.product();
  }

  private String productName(String key) {
    return names.get(
        key,
        k -> {
          try {
            return products.find(k).name();
          } catch (RuntimeException gone) {
            return k;
          }
        });
  }

  private String render(
      String type, String part, Mustache.Compiler compiler, Map<String, Object> context) {
    Template t =
        template(type + "." + part, compiler)
            .or(() -> template("default." + part, compiler))
            .orElseThrow(() -> new IllegalStateException("no template default." + part));
    return t.execute(context);
  }

  private Optional<Template> template(String name, Mustache.Compiler compiler) {
    return templates.computeIfAbsent(
        name + (compiler == html ? ":html" : ":text"),
        k -> {
          try (InputStream in =
              getClass().getClassLoader().getResourceAsStream(BASE + name + ".mustache")) {
            if (in == null) return Optional.empty();
            return Optional.of(
                compiler.compile(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
          } catch (IOException ex) {
            throw new UncheckedIOException(ex);
          }
        });
  }
}
