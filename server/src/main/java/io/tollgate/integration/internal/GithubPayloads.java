package io.tollgate.integration.internal;

import io.tollgate.integration.GithubEvent;
import io.tollgate.shared.BadRequest;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reads a GitHub delivery's JSON body as a {@link GithubEvent}, by its X-GitHub-Event. */
public final class GithubPayloads {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private GithubPayloads() {}

  /** A delivery's event and its {@code action} (null when it has none). */
  public record Read(GithubEvent event, String action) {}

  /** The event; malformed JSON, or a body that is not an object, is a {@link BadRequest}. */
  public static Read read(String event, byte[] body) {
    JsonNode root;
    try {
      root = JSON.readTree(body);
    } catch (JacksonException e) {
      throw BadRequest.because("The body is not JSON: " + e.getOriginalMessage());
    }
    if (root == null || !root.isObject()) {
      throw BadRequest.because("The body is not a JSON object.");
    }
    String repository = text(root.path("repository").path("full_name"));
    String action = text(root.path("action"));
    return new Read(event(event, root, repository, action), action);
  }

  private static GithubEvent event(String event, JsonNode root, String repository, String action) {
    return switch (event) {
      case "ping" -> new GithubEvent.Ping(repository, text(root.path("zen")));
      case "workflow_run" ->
          "completed".equals(action)
              ? ci(repository, root.path("workflow_run"), "name", "html_url")
              : new GithubEvent.Other(repository, event, action);
      case "check_suite" ->
          "completed".equals(action)
              ? checkSuite(repository, root.path("check_suite"))
              : new GithubEvent.Other(repository, event, action);
      case "deployment_status" -> deploymentStatus(repository, root);
      case "push" -> push(repository, root);
      case "pull_request" ->
          "closed".equals(action)
              ? pullRequest(repository, root.path("pull_request"))
              : new GithubEvent.Other(repository, event, action);
      case "deployment_protection_rule" ->
          "requested".equals(action) || action == null
              ? protectionRule(repository, root)
              : new GithubEvent.Other(repository, event, action);
      default -> new GithubEvent.Other(repository, event, action);
    };
  }

  /** The commit is the deployment's ({@code deployment.sha}), else the payload's {@code sha}. */
  private static GithubEvent protectionRule(String repository, JsonNode root) {
    String sha = text(root.path("deployment").path("sha"));
    if (sha == null) sha = text(root.path("sha"));
    String environment = text(root.path("environment"));
    if (environment == null) environment = text(root.path("deployment").path("environment"));
    return new GithubEvent.ProtectionRuleRequested(
        repository, sha, environment, text(root.path("deployment_callback_url")));
  }

  private static GithubEvent ci(String repository, JsonNode run, String name, String url) {
    return new GithubEvent.CiCompleted(
        repository,
        text(run.path("head_sha")),
        text(run.path("conclusion")),
        text(run.path(name)),
        text(run.path(url)));
  }

  private static GithubEvent checkSuite(String repository, JsonNode suite) {
    String app = text(suite.path("app").path("name"));
    String url = text(suite.path("url"));
    return new GithubEvent.CiCompleted(
        repository,
        text(suite.path("head_sha")),
        text(suite.path("conclusion")),
        app == null ? "check suite" : app,
        url);
  }

  private static GithubEvent deploymentStatus(String repository, JsonNode root) {
    JsonNode status = root.path("deployment_status");
    JsonNode deployment = root.path("deployment");
    String environment = text(status.path("environment"));
    if (environment == null) environment = text(deployment.path("environment"));
    String url = text(status.path("target_url"));
    if (url == null || url.isBlank()) url = text(status.path("log_url"));
    if (url == null || url.isBlank()) url = text(deployment.path("url"));
    return new GithubEvent.DeploymentStatus(
        repository, text(deployment.path("sha")), environment, text(status.path("state")), url);
  }

  private static GithubEvent push(String repository, JsonNode root) {
    List<GithubEvent.PushedCommit> commits = new ArrayList<>();
    for (JsonNode c : root.path("commits")) {
      JsonNode author = c.path("author");
      String who = text(author.path("username"));
      if (who == null) who = text(author.path("name"));
      commits.add(
          new GithubEvent.PushedCommit(
              text(c.path("id")), text(c.path("message")), who, text(c.path("url"))));
    }
    return new GithubEvent.Push(
        repository,
        text(root.path("ref")),
        text(root.path("before")),
        text(root.path("after")),
        commits);
  }

  private static GithubEvent pullRequest(String repository, JsonNode pr) {
    Instant mergedAt = null;
    String merged = text(pr.path("merged_at"));
    if (merged != null) {
      try {
        mergedAt = Instant.parse(merged);
      } catch (DateTimeParseException e) {
        mergedAt = null;
      }
    }
    return new GithubEvent.PullRequestClosed(
        repository,
        pr.path("number").asInt(),
        text(pr.path("title")),
        text(pr.path("html_url")),
        text(pr.path("user").path("login")),
        pr.path("merged").asBoolean(false),
        text(pr.path("merge_commit_sha")),
        text(pr.path("base").path("ref")),
        mergedAt);
  }

  private static String text(JsonNode node) {
    return node == null || node.isMissingNode() || node.isNull() ? null : node.asString();
  }
}
