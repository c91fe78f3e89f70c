package io.tollgate.automation.internal;

import io.tollgate.automation.AutomationConfig;
import io.tollgate.automation.AutomationConfig.Check;
import io.tollgate.automation.AutomationConfig.Command;
import io.tollgate.automation.AutomationConfig.HttpCheck;
import io.tollgate.automation.AutomationConfig.PrometheusCheck;
import io.tollgate.automation.AutomationConfig.Verification;
import io.tollgate.automation.AutomationConfig.Webhook;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The stored form of an environment's automation: a JSON object with {@code schemaVersion} 1; a
 * webhook secret only sealed ({@code secret: "tgs1:…"}). Written field by field, so renaming a Java
 * field never changes what is stored.
 */
public final class AutomationDocuments {
  public static final int SCHEMA_VERSION = 1;
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private AutomationDocuments() {}

  public static String write(AutomationConfig config) {
    ObjectNode doc = JSON.createObjectNode();
    doc.put("schemaVersion", SCHEMA_VERSION);
    ObjectNode executor = doc.putObject("executor");
    executor.put("kind", config.executor().kind());
    if (config.executor() instanceof Webhook w) {
      executor.put("url", w.url());
      executor.put("secret", w.sealedSecret());
      executor.put("timeoutSeconds", w.timeoutSeconds());
    } else if (config.executor() instanceof Command c) {
      ArrayNode argv = executor.putArray("command");
      c.command().forEach(argv::add);
      executor.put("timeoutSeconds", c.timeoutSeconds());
    }
    if (config.verification() != null) {
      ObjectNode v = doc.putObject("verification");
      ArrayNode checks = v.putArray("checks");
      for (Check check : config.verification().checks()) {
        ObjectNode c = checks.addObject();
        c.put("kind", check.kind());
        if (check instanceof HttpCheck h) {
          c.put("url", h.url());
          c.put("expectStatus", h.expectStatus());
          if (h.bodyContains() != null) c.put("bodyContains", h.bodyContains());
        } else if (check instanceof PrometheusCheck p) {
          c.put("url", p.url());
          c.put("query", p.query());
          c.put("op", p.op());
          c.put("threshold", p.threshold());
        }
      }
      v.put("soakSeconds", config.verification().soakSeconds());
      v.put("intervalSeconds", config.verification().intervalSeconds());
    }
    doc.put("autoVerify", config.autoVerify());
    doc.put("autoRollback", config.autoRollback());
    return JSON.writeValueAsString(doc);
  }

  public static AutomationConfig read(String document) {
    JsonNode doc = JSON.readTree(document);
    int version = doc.path("schemaVersion").asInt(0);
    if (version != SCHEMA_VERSION) {
      throw new IllegalStateException(
          "Automation document schema version "
              + version
              + " is not one this server reads ("
              + SCHEMA_VERSION
              + "): upgrade the server");
    }
    JsonNode e = doc.path("executor");
    AutomationConfig.Executor executor =
        switch (e.path("kind").asString()) {
          case "webhook" ->
              new Webhook(
                  e.path("url").asString(),
                  e.path("secret").asString(),
                  e.path("timeoutSeconds").asInt(Webhook.DEFAULT_TIMEOUT_SECONDS));
          case "command" -> {
            List<String> argv = new ArrayList<>();
            e.path("command").forEach(a -> argv.add(a.asString()));
            yield new Command(
                argv, e.path("timeoutSeconds").asInt(Command.DEFAULT_TIMEOUT_SECONDS));
          }
          default ->
              throw new IllegalStateException(
                  "Unknown executor kind in a stored automation: " + e.path("kind"));
        };
    Verification verification = null;
    JsonNode v = doc.path("verification");
    if (v.isObject()) {
      List<Check> checks = new ArrayList<>();
      for (JsonNode c : v.path("checks")) {
        checks.add(
            "prometheus".equals(c.path("kind").asString())
                ? new PrometheusCheck(
                    c.path("url").asString(),
                    c.path("query").asString(),
                    c.path("op").asString(),
                    c.path("threshold").asDouble())
                : new HttpCheck(
                    c.path("url").asString(),
                    c.path("expectStatus").asInt(200),
                    c.hasNonNull("bodyContains") ? c.path("bodyContains").asString() : null));
      }
      verification =
          new Verification(
              checks,
              v.path("soakSeconds").asInt(0),
              v.path("intervalSeconds").asInt(Verification.DEFAULT_INTERVAL_SECONDS));
    }
    return new AutomationConfig(
        executor,
        verification,
        doc.path("autoVerify").asBoolean(true),
        doc.path("autoRollback").asBoolean(false));
  }
}
