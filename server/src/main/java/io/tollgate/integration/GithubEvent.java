package io.tollgate.integration;

import java.time.Instant;
import java.util.List;

/** What a GitHub delivery says, as far as Tollgate uses it. */
public sealed interface GithubEvent {
  /** The repository ({@code owner/name}) it is about, or null. */
  String repository();

  /** {@code ping}: GitHub checks the webhook. */
  record Ping(String repository, String zen) implements GithubEvent {}

  /**
   * A {@code workflow_run} or {@code check_suite} that completed on a commit.
   *
   * @param conclusion {@code success}, {@code failure}, {@code cancelled}, ...
   */
  record CiCompleted(String repository, String sha, String conclusion, String name, String url)
      implements GithubEvent {
    public boolean succeeded() {
      return "success".equals(conclusion);
    }

    /** Whether it failed (a neutral, skipped or stale run is neither). */
    public boolean failed() {
      return List.of("failure", "timed_out", "cancelled", "action_required", "startup_failure")
          .contains(conclusion);
    }
  }

  /** A {@code deployment_status}: the state of a deployment of a commit to an environment. */
  record DeploymentStatus(
      String repository, String sha, String environment, String state, String url)
      implements GithubEvent {}

  /** A {@code push} of commits to a ref. */
  record Push(
      String repository, String ref, String before, String after, List<PushedCommit> commits)
      implements GithubEvent {
    public Push {
      commits = List.copyOf(commits);
    }
  }

  /** One commit of a push. */
  record PushedCommit(String sha, String message, String author, String url) {}

  /** A {@code pull_request} that was closed (merged or not). */
  record PullRequestClosed(
      String repository,
      int number,
      String title,
      String url,
      String author,
      boolean merged,
      String mergeCommit,
      String baseRef,
      Instant mergedAt)
      implements GithubEvent {}

  /**
   * A {@code deployment_protection_rule} request: GitHub asks whether a job may deploy a commit to
   * an environment, and waits for an answer at the callback URL.
   */
  record ProtectionRuleRequested(
      String repository, String sha, String environment, String callbackUrl)
      implements GithubEvent {}

  /** Anything else: recorded and ignored. */
  record Other(String repository, String event, String action) implements GithubEvent {}
}
