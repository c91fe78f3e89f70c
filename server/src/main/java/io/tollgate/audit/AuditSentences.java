package io.tollgate.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;

/**
 * Says an audit event as a sentence a person reads ("rita completed 'Deployment window scheduled' —
 * window agreed with stakeholders"), from its type and payload; the title of a step or requirement
 * comes from the payload, else from the process ({@code titles}), else its key. Rows written before
 * the event vocabulary (imperative types such as {@code step.complete}) are said as the event they
 * recorded; a type it does not know gets a plain generic sentence.
 */
final class AuditSentences {
  private static final int MAX_TEXT = 240;

  /** Types of the rows written before the event vocabulary, and the type they stand for. */
  private static final Map<String, String> LEGACY =
      Map.ofEntries(
          Map.entry("requirement.meet", "requirement.met"),
          Map.entry("step.complete", "step.completed"),
          Map.entry("step.skip", "step.skipped"),
          Map.entry("decision", "decision.recorded"),
          Map.entry("handoff.acknowledge", "handoff.acknowledged"),
          Map.entry("notes.update", "notes.updated"),
          Map.entry("release.cancel", "release.cancelled"),
          Map.entry("release.roll-back", "release.rolled-back"),
          Map.entry("release.incident-opened", "incident.attached"),
          Map.entry("member.set", "membership.changed"));

  private AuditSentences() {}

  static String of(String type, String actor, JsonNode p, Function<String, String> titles) {
    String who = actor == null || actor.isBlank() ? "someone" : actor;
    String t = LEGACY.getOrDefault(type, type == null ? "" : type);
    if (t.equals("step.completed") && "failed".equals(text(p, "outcome"))) t = "step.failed";
    String step = quoted(p, "step", titles);
    String requirement = quoted(p, "requirement", titles);
    return switch (t) {
      case "release.planned" ->
          who
              + " planned "
              + join(" ", "the", text(p, "type"), "release", text(p, "version"))
              + dash(text(p, "name"));
      case "release.window-scheduled" -> who + " scheduled the release window" + dash(note(p));
      case "requirement.met" ->
          (p.path("automatic").asBoolean(false)
                  ? requirement + " was met automatically"
                  : who + " met " + requirement)
              + dash(evidence(p));
      case "requirement.signed" ->
          who + " signed " + requirement + or(text(p, "role"), r -> " as " + r) + dash(evidence(p));
      case "step.started" -> who + " started " + step;
      case "step.completed" -> who + " completed " + step + dash(note(p));
      case "step.failed" -> who + " recorded " + step + " as failed" + dash(note(p));
      case "step.skipped" -> who + " skipped " + step + dash(text(p, "reason"));
      case "approval.given" ->
          who
              + " approved"
              + or(text(p, "role"), r -> " as " + r)
              + or(text(p, "count"), c -> " (" + c + " of " + text(p, "quorum") + ")")
              + dash(text(p, "comment"));
      case "decision.recorded" ->
          who
              + " decided "
              + (text(p, "decision") == null ? "" : text(p, "decision"))
              + dash(text(p, "rationale"));
      case "handoff.handed" -> who + " handed over" + handoff(p, titles);
      case "handoff.acknowledged" -> who + " acknowledged the handoff" + handoff(p, titles);
      case "handoff.reminded" ->
          "the handoff" + handoff(p, titles) + " is still waiting; its receivers were reminded";
      case "handoff.escalated" ->
          "the handoff"
              + handoff(p, titles)
              + " waited past its SLA"
              + or(text(p, "sla"), s -> " of " + s)
              + "; the release manager was told";
      case "notes.updated" -> who + " updated the release notes" + fields(p);
      case "release.cancelled" -> who + " cancelled the release" + dash(text(p, "reason"));
      case "release.announced" -> who + " announced the release" + dash(note(p));
      case "release.closed" -> who + " closed the release" + dash(note(p));
      case "release.failed" ->
          "The release failed at " + step + or(text(p, "environment"), e -> " in " + e);
      case "release.rolled-back" ->
          who
              + " rolled "
              + (text(p, "environment") == null ? "production" : text(p, "environment"))
              + " back"
              + or(text(p, "toVersion"), v -> " to " + v);
      case "deployment.started" ->
          who + " started deploying" + version(p) + or(text(p, "environment"), e -> " to " + e);
      case "deployment.succeeded" ->
          who + " deployed" + version(p) + or(text(p, "environment"), e -> " to " + e);
      case "deployment.failed" ->
          "Deploying"
              + version(p)
              + or(text(p, "environment"), e -> " to " + e)
              + " failed"
              + dash(text(p, "message"));
      case "incident.opened" ->
          who
              + " opened "
              + or(text(p, "severity"), s -> "a " + s + " ")
              + (text(p, "severity") == null ? "an incident" : "incident")
              + dash(text(p, "summary"));
      case "incident.attached" -> "Incident " + or(text(p, "incident"), i -> i) + " was opened";
      case "incident.step-completed" ->
          who + " completed " + step + " of the incident" + dash(note(p));
      case "incident.step-skipped" ->
          who + " skipped " + step + " of the incident" + dash(text(p, "reason"));
      case "incident.noted" -> who + " added to the incident" + dash(text(p, "entry"));
      case "incident.resolved" -> who + " resolved the incident" + dash(text(p, "rootCause"));
      case "environment.rolled-back" ->
          who
              + " rolled "
              + (text(p, "environment") == null ? "the environment" : text(p, "environment"))
              + " back"
              + or(text(p, "fromVersion"), v -> " from " + v)
              + or(text(p, "toVersion"), v -> " to " + v);
      case "customer-issue.reported" ->
          who + " reported a customer issue" + dash(text(p, "summary"));
      case "product.created" ->
          who
              + " created the product "
              + (text(p, "name") == null ? "" : text(p, "name"))
              + or(text(p, "key"), k -> " (" + k + ")");
      case "membership.changed" -> membership(who, p);
      case "process.published" ->
          who
              + " published the process "
              + (text(p, "process") == null ? "" : text(p, "process"))
              + or(text(p, "version"), v -> " version " + v);
      default -> PipelineSentences.of(t, who, p, titles);
    };
  }

  /** "rita recorded: environment rolled back" for a type without a sentence of its own. */
  static String generic(String who, String type) {
    String words =
        type == null || type.isBlank()
            ? "a change"
            : type.replace('.', ' ').replace('-', ' ').replace('_', ' ').toLowerCase(Locale.ROOT);
    return who + " recorded: " + words;
  }

  private static String membership(String who, JsonNode p) {
    String user = text(p, "username");
    List<String> roles = new ArrayList<>();
    p.path("roles").values().forEach(r -> roles.add(r.asString("")));
    if (roles.isEmpty()) return who + " removed " + user + " from the product";
    return who + " gave " + user + " the roles " + String.join(", ", roles);
  }

  private static String handoff(JsonNode p, Function<String, String> titles) {
    String from = text(p, "from");
    String to = text(p, "to");
    if (from != null && to != null) return " from " + from + " to " + to;
    return " " + quoted(p, "handoff", titles);
  }

  private static String fields(JsonNode p) {
    List<String> names = new ArrayList<>();
    JsonNode fields = p.has("fields") ? p.path("fields") : p.path("changes");
    if (fields.isArray()) fields.values().forEach(f -> names.add(f.asString("")));
    else if (fields.isObject()) names.addAll(fields.propertyNames());
    return names.isEmpty() ? "" : " (" + String.join(", ", names) + ")";
  }

  static String quoted(JsonNode p, String keyField, Function<String, String> titles) {
    String title = text(p, "title");
    String key = text(p, keyField);
    if (title == null && key != null && titles != null) title = titles.apply(key);
    String name = title != null ? title : key;
    return name == null ? "a " + keyField : "'" + shorten(name) + "'";
  }

  private static String note(JsonNode p) {
    String note = text(p, "note");
    return note != null ? note : evidence(p);
  }

  private static String evidence(JsonNode p) {
    JsonNode e = p.path("evidence");
    String note = text(e, "note");
    return note != null ? note : text(e, "url");
  }

  private static String version(JsonNode p) {
    return or(text(p, "version"), v -> " " + v);
  }

  static String dash(String text) {
    return text == null || text.isBlank() ? "" : " — " + shorten(text);
  }

  static String or(String value, Function<String, String> then) {
    return value == null || value.isBlank() ? "" : then.apply(value);
  }

  static String join(String sep, String... parts) {
    List<String> present = new ArrayList<>();
    for (String part : parts) if (part != null && !part.isBlank()) present.add(part);
    return String.join(sep, present);
  }

  private static String shorten(String text) {
    String flat = text.strip().replaceAll("\\s+", " ");
    return flat.length() <= MAX_TEXT ? flat : flat.substring(0, MAX_TEXT - 1) + "…";
  }

  static String text(JsonNode node, String key) {
    JsonNode v = node == null ? null : node.path(key);
    if (v == null || !v.isValueNode() || v.isNull()) return null;
    String s = v.asString("");
    return s.isBlank() ? null : s;
  }
}
