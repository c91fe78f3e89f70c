package io.tollgate.integration;

import io.tollgate.changes.ChangesManagement;
import io.tollgate.changes.NewCommit;
import io.tollgate.changes.PullRequest;
import io.tollgate.integration.internal.IntegrationStore;
import io.tollgate.process.RequirementDef;
import io.tollgate.process.StepDef;
import io.tollgate.release.Action;
import io.tollgate.release.Decision;
import io.tollgate.release.Evidence;
import io.tollgate.release.IntegrationCommands;
import io.tollgate.release.Outcome;
import io.tollgate.release.Release;
import io.tollgate.shared.Actor;
import io.tollgate.shared.Timestamps;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * What each GitHub event does to the product's releases, as the integration actor {@code github}:
 * CI runs meet the requirements the process maps to {@code ci.succeeded} (or are recorded as
 * failing), deployment statuses complete deploy steps, pushes add commits, merged pull requests are
 * listed. Each effect is checked first the way the release page checks a button, so a delivery that
 * cannot act says why instead of failing.
 */
@Component
class GithubEffects {
  /** The event kind a successful CI run is, for {@code autoMet}. */
  static final String CI_SUCCEEDED = "ci.succeeded";

  private final IntegrationCommands releases;
  private final ChangesManagement changes;
  private final IntegrationStore store;
  private final Clock clock;

  GithubEffects(
      IntegrationCommands releases,
      ChangesManagement changes,
      IntegrationStore store,
      Clock clock) {
    this.releases = releases;
    this.changes = changes;
    this.store = store;
    this.clock = clock;
  }

  /** What a delivery did: {@code applied} or {@code ignored}, and a sentence. */
  record Result(String outcome, String detail) {
    static Result applied(List<String> what) {
      return new Result("applied", String.join("; ", what));
    }

    static Result ignored(String why) {
      return new Result("ignored", why);
    }

    /** Applied when anything was done, else ignored, with every sentence. */
    static Result of(List<String> done, List<String> notDone) {
      List<String> all = new ArrayList<>(done);
      all.addAll(notDone);
      return done.isEmpty() ? ignored(String.join("; ", all)) : applied(all);
    }
  }

  Result ci(Actor github, String product, GithubEvent.CiCompleted run) {
    if (run.sha() == null) return Result.ignored("The run names no commit.");
    List<Release> matching = withCommit(product, run.sha());
    if (matching.isEmpty()) return noRelease(product, run.sha());
    List<String> done = new ArrayList<>();
    List<String> notDone = new ArrayList<>();
    for (Release release : matching) {
      String v = release.version().toString();
      String name = run.name() == null ? "CI" : run.name();
      store.recordCiRun(
          release.id().value(),
          new CiRun(
              run.sha(), name, String.valueOf(run.conclusion()), run.url(), Timestamps.now(clock)));
      if (!run.succeeded()) {
        done.add(
            "recorded the "
                + run.conclusion()
                + " run '"
                + name
                + "' on "
                + v
                + "; it meets nothing");
        if (run.failed() && goStandsOn(release, run.sha())) {
          Release after = releases.ciFailed(github, release.id().value(), run.sha(), name);
          Decision latest = after.latestDecision();
          if (latest != null
              && latest.staleBecause() != null
              && (release.latestDecision() == null
                  || release.latestDecision().staleBecause() == null)) {
            done.add("the go decision of " + v + " is stale: " + latest.staleBecause());
          }
        }
        continue;
      }
      List<RequirementDef> mapped =
          release.process().requirements().stream()
              .filter(r -> r.autoMetBy(CI_SUCCEEDED))
              .filter(r -> release.requirements().stream().anyMatch(s -> s.key().equals(r.key())))
              .toList();
      if (mapped.isEmpty()) {
        notDone.add("the process of " + v + " maps no requirement to " + CI_SUCCEEDED);
      }
      Release current = release;
      for (RequirementDef def : mapped) {
        Action can =
            current.canMeet(def.key(), IntegrationCommands.participant(github, null), CI_SUCCEEDED);
        if (!can.isOffered()) {
          notDone.add(def.key() + " of " + v + " not met: " + reason(can));
          continue;
        }
        current =
            releases.meetOnEvent(
                github,
                release.id().value(),
                def.key(),
                CI_SUCCEEDED,
                new Evidence(
                    run.url(), "GitHub: '" + name + "' succeeded on " + shortSha(run.sha())));
        done.add("met " + def.key() + " of " + v);
      }
    }
    return Result.of(done, notDone);
  }

  Result deployment(
      Actor github, String product, List<String> environments, GithubEvent.DeploymentStatus s) {
    Outcome outcome =
        switch (String.valueOf(s.state())) {
          case "success" -> Outcome.SUCCEEDED;
          case "failure", "error" -> Outcome.FAILED;
          default -> null;
        };
    if (outcome == null) {
      return Result.ignored(
          "Deployment state '" + s.state() + "' is not final; success and failure are.");
    }
    if (s.environment() == null || !environments.contains(s.environment())) {
      return Result.ignored(
          "'"
              + s.environment()
              + "' is not an environment of "
              + product
              + " ("
              + String.join(", ", environments)
              + ").");
    }
    if (s.sha() == null) return Result.ignored("The deployment names no commit.");
    List<Release> matching = withCommit(product, s.sha());
    if (matching.isEmpty()) return noRelease(product, s.sha());
    List<String> done = new ArrayList<>();
    List<String> notDone = new ArrayList<>();
    for (Release release : matching) {
      String v = release.version().toString();
      StepDef step = IntegrationCommands.deployStep(release, s.environment()).orElse(null);
      if (step == null) {
        notDone.add(v + " has no deploy step for " + s.environment());
        continue;
      }
      Action can =
          release.canComplete(step.key(), IntegrationCommands.participant(github, s.environment()));
      if (!can.isOffered()) {
        notDone.add(step.key() + " of " + v + " not completed: " + reason(can));
        continue;
      }
      releases.completeDeploy(
          github,
          release.id().value(),
          step.key(),
          s.environment(),
          "GitHub deployment to " + s.environment() + ": " + s.state(),
          new Evidence(s.url() == null || s.url().isBlank() ? null : s.url(), null),
          outcome);
      done.add("completed " + step.key() + " of " + v + " (" + outcome.id() + ")");
    }
    return Result.of(done, notDone);
  }

  Result push(Actor github, String product, GithubEvent.Push push) {
    if (push.ref() == null) return Result.ignored("The push names no ref.");
    if (push.after() != null && push.after().matches("0+")) {
      return Result.ignored(push.ref() + " was deleted.");
    }
    List<Release> matching = onRef(product, push.ref());
    if (matching.isEmpty()) {
      return Result.ignored(
          "No release of " + product + " under way is built from " + push.ref() + ".");
    }
    List<NewCommit> commits =
        push.commits().stream()
            .map(c -> new NewCommit(c.sha(), c.message(), c.author(), c.url()))
            .toList();
    List<String> done = new ArrayList<>();
    List<String> notDone = new ArrayList<>();
    for (Release release : matching) {
      int added = changes.addPushed(github, release, commits);
      String v = release.version().toString();
      if (added == 0) notDone.add("no new commits for " + v);
      else done.add("added " + added + (added == 1 ? " commit" : " commits") + " to " + v);
      String after = push.after();
      if (after != null && after.matches("[0-9a-f]{40,64}") && !release.source().isCommit(after)) {
        Release moved = releases.pushed(github, release.id().value(), after, added);
        done.add(v + " now ends at " + shortSha(after));
        if (moved.latestDecision() != null
            && moved.latestDecision().staleBecause() != null
            && (release.latestDecision() == null
                || release.latestDecision().staleBecause() == null)) {
          done.add("its go decision is stale: " + moved.latestDecision().staleBecause());
        }
      }
    }
    return Result.of(done, notDone);
  }

  Result pullRequest(Actor github, String product, GithubEvent.PullRequestClosed pr) {
    if (!pr.merged())
      return Result.ignored("Pull request #" + pr.number() + " was closed without merging.");
    List<Release> matching = onRef(product, pr.baseRef());
    if (matching.isEmpty()) {
      return Result.ignored(
          "No release of "
              + product
              + " under way is built from "
              + pr.baseRef()
              + ", which #"
              + pr.number()
              + " merged into.");
    }
    List<String> done = new ArrayList<>();
    List<String> notDone = new ArrayList<>();
    for (Release release : matching) {
      boolean added =
          changes.addPullRequest(
              github,
              release,
              new PullRequest(
                  pr.number(), pr.title(), pr.url(), pr.author(), pr.mergeCommit(), pr.mergedAt()));
      String v = release.version().toString();
      if (added) done.add("listed #" + pr.number() + " on " + v);
      else notDone.add("#" + pr.number() + " is listed on " + v + " already");
    }
    return Result.of(done, notDone);
  }

  /** Whether the release's latest decision is a go, still standing, made on {@code sha}. */
  private static boolean goStandsOn(Release release, String sha) {
    Decision latest = release.latestDecision();
    return latest != null
        && latest.isGo()
        && !latest.stale()
        && latest.commit() != null
        && new io.tollgate.release.Source(latest.commit(), null).isCommit(sha);
  }

  private List<Release> withCommit(String product, String sha) {
    return releases.underWay(product, r -> r.source() != null && r.source().isCommit(sha));
  }

  private List<Release> onRef(String product, String ref) {
    if (ref == null) return List.of();
    return releases.underWay(product, r -> r.source() != null && r.source().isRef(ref));
  }

  private static Result noRelease(String product, String sha) {
    return Result.ignored(
        "No release of " + product + " under way is built from commit " + shortSha(sha) + ".");
  }

  private static String reason(Action action) {
    return action.reason().isEmpty() ? "not offered" : action.reason();
  }

  static String shortSha(String sha) {
    return sha == null ? "?" : sha.substring(0, Math.min(7, sha.length()));
  }
}
