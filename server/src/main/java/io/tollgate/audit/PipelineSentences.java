package io.tollgate.audit;

import static io.tollgate.audit.AuditSentences.dash;
import static io.tollgate.audit.AuditSentences.generic;
import static io.tollgate.audit.AuditSentences.join;
import static io.tollgate.audit.AuditSentences.or;
import static io.tollgate.audit.AuditSentences.quoted;
import static io.tollgate.audit.AuditSentences.text;

import java.util.function.Function;
import tools.jackson.databind.JsonNode;

/**
 * The sentences of the events of pipelines, integrations and automation (changes, pull requests,
 * test reports, stale decisions, sources, the GitHub integration and its protection rule,
 * environment automation and locks, notification deliveries): part of {@link AuditSentences}, the
 * one place sentences are made; a type neither knows gets the generic sentence.
 */
final class PipelineSentences {
  private PipelineSentences() {}

  /** " of octoshop, billing" or " of every product". */
  private static String freezeScope(JsonNode p) {
    JsonNode products = p.path("products");
    if (!products.isArray() || products.isEmpty()) return " of every product";
    java.util.List<String> keys = new java.util.ArrayList<>();
    products.values().forEach(k -> keys.add(k.asString("")));
    return " of " + String.join(", ", keys);
  }

  static String of(String t, String who, JsonNode p, Function<String, String> titles) {
    String env = text(p, "environment");
    return switch (t) {
      case "changes.added" ->
          who
              + " added "
              + count(text(p, "count"), "commit")
              + ("push".equals(text(p, "source")) ? " pushed on the release's ref" : "");
      case "pull-request.merged" ->
          who
              + " listed the merged pull request"
              + or(text(p, "number"), n -> " #" + n)
              + dash(text(p, "title"));
      case "test-report.attached" ->
          who
              + " attached test results to "
              + (p.has("step") ? quoted(p, "step", titles) : quoted(p, "requirement", titles))
              + " — "
              + count(text(p, "tests"), "test")
              + ", "
              + count(text(p, "failures"), "failure")
              + ", "
              + count(text(p, "errors"), "error");
      case "decision.went-stale" ->
          "The go decision"
              + or(text(p, "number"), n -> " #" + n)
              + " went stale"
              + dash(text(p, "because"));
      case "release.source-changed" ->
          p.path("pushedCommits").asInt(0) > 0
              ? who
                  + " moved the release to commit "
                  + sha(text(p, "commit"))
                  + " ("
                  + count(text(p, "pushedCommits"), "commit")
                  + " pushed"
                  + or(text(p, "ref"), r -> " on " + r)
                  + ")"
              : who
                  + " set the release's source to "
                  + join(" on ", sha(text(p, "commit")), text(p, "ref"));
      case "integration.configured" ->
          who
              + " connected the product to the GitHub repository "
              + or(text(p, "repository"), r -> r)
              + (p.path("secretChanged").asBoolean(false) ? " with a new webhook secret" : "");
      case "integration.removed" -> who + " disconnected the product from GitHub";
      case "protection-rule.decided" ->
          who
              + switch (String.valueOf(text(p, "verdict"))) {
                case "approved" -> " approved";
                case "waiting" -> " held until go";
                default -> " rejected";
              }
              + " the GitHub deployment of "
              + or(sha(text(p, "sha")), c -> c + " ")
              + "to "
              + (env == null ? "an environment" : env);
      case "automation.configured" ->
          who
              + " set up the automation of "
              + (env == null ? "an environment" : env)
              + or(text(p, "executor"), e -> " (" + e + " executor)");
      case "automation.removed" ->
          who + " removed the automation of " + (env == null ? "an environment" : env);
      case "environment.locked" ->
          (env == null ? "An environment" : env)
              + " was locked for new deployments"
              + dash(text(p, "reason"));
      case "environment.unlocked" ->
          who + " unlocked " + (env == null ? "an environment" : env) + dash(text(p, "reason"));
      case "freeze.created" -> who + " froze production" + freezeScope(p) + dash(text(p, "reason"));
      case "freeze.deleted" ->
          who + " deleted the production freeze" + freezeScope(p) + dash(text(p, "reason"));
      case "freeze-override.requested" ->
          who
              + " asked for an emergency override of the freeze"
              + or(text(p, "freezeReason"), r -> " '" + r + "'")
              + dash(text(p, "reason"));
      case "freeze-override.approved" ->
          who
              + " approved the emergency override"
              + or(text(p, "requestedBy"), r -> " requested by " + r)
              + or(text(p, "freezeReason"), r -> " of the freeze '" + r + "'");
      case "freeze-override.used" ->
          who
              + " deployed during the freeze"
              + or(text(p, "reason"), r -> " '" + r + "'")
              + " with an approved emergency override ("
              + quoted(p, "step", titles)
              + ")";
      case "delivery.retried" ->
          who + " retried the notification" + or(text(p, "event"), e -> " '" + e + "'");
      case "stakeholders.changed" ->
          who
              + " set the stakeholders"
              + or(text(p, "count"), c -> " (" + count(c, "address") + ")");
      default -> generic(who, t);
    };
  }

  private static String count(String n, String noun) {
    String number = n == null ? "0" : n;
    return number + " " + noun + ("1".equals(number) ? "" : noun.endsWith("s") ? "es" : "s");
  }

  private static String sha(String commit) {
    return commit == null ? null : commit.substring(0, Math.min(7, commit.length()));
  }
}
