package io.tollgate.integration;

import io.tollgate.process.StepDef;
import io.tollgate.release.Action;
import io.tollgate.release.Decision;
import io.tollgate.release.IntegrationCommands;
import io.tollgate.release.Release;
import io.tollgate.shared.Blocker;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * The answer Tollgate gives a GitHub deployment protection rule: may this job deploy commit {@code
 * sha} to {@code environment} now? One rule, without side effects:
 *
 * <ul>
 *   <li><b>approved</b> when a release under way built from that commit is at its deploy step for
 *       the environment (the step is offered to the integration: everything before it is done, and
 *       after the decision step a go that still stands; the environment is not locked);
 *   <li><b>waiting</b> when that step waits for nothing but the go decision and go could be given
 *       now (every requirement, step and approval go needs is there, or the go went stale and the
 *       release manager decides again): the job waits, and a later go approves it;
 *   <li><b>rejected</b> otherwise, with the blockers: the job ran before the release got there (run
 *       it again later), or no such release, no such step, a no-go, a locked environment.
 * </ul>
 */
final class ProtectionVerdicts {
  /** GitHub shows at most this many characters of a comment. */
  static final int MAX_COMMENT = 1024;

  private ProtectionVerdicts() {}

  enum Kind {
    APPROVED,
    WAITING,
    REJECTED;

    String id() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** A verdict on one request: which release it stands on (null: none) and what GitHub is told. */
  record Verdict(Kind kind, String release, String comment) {
    Verdict {
      comment = cut(comment);
    }
  }

  /**
   * The verdict among the product's releases under way built from the commit: the first that may
   * deploy approves; else the first that waits for its go; else a rejection with every reason.
   *
   * @param mayDeploy whether the integration may run the deploy step of the release now
   */
  static Verdict of(
      String product,
      String environment,
      String sha,
      List<Release> releases,
      BiFunction<Release, StepDef, Action> mayDeploy) {
    if (releases.isEmpty()) {
      return new Verdict(
          Kind.REJECTED,
          null,
          "Tollgate: no release of "
              + product
              + " under way is built from commit "
              + GithubEffects.shortSha(sha)
              + ", so nothing may be deployed from it.");
    }
    List<Verdict> each = releases.stream().map(r -> one(r, environment, mayDeploy)).toList();
    for (Kind kind : List.of(Kind.APPROVED, Kind.WAITING)) {
      Optional<Verdict> found = each.stream().filter(v -> v.kind() == kind).findFirst();
      if (found.isPresent()) return found.get();
    }
    if (each.size() == 1) return each.get(0);
    return new Verdict(
        Kind.REJECTED,
        each.get(0).release(),
        String.join("\n\n", each.stream().map(Verdict::comment).toList()));
  }

  static Verdict one(
      Release release, String environment, BiFunction<Release, StepDef, Action> mayDeploy) {
    String v = release.product() + " " + release.version();
    String id = release.id().value();
    Optional<StepDef> step = IntegrationCommands.deployStep(release, environment);
    if (step.isEmpty()) {
      return new Verdict(
          Kind.REJECTED,
          id,
          "Tollgate: " + v + " has no deploy step for the environment '" + environment + "'.");
    }
    StepDef def = step.get();
    Action can = mayDeploy.apply(release, def);
    Decision latest = release.latestDecision();
    if (can.isOffered()) {
      String go =
          latest != null
                  && latest.isGo()
                  && release.process().gatedDeploySteps().contains(def.key())
              ? " (go given by " + latest.by() + ")"
              : "";
      return new Verdict(
          Kind.APPROVED, id, "Tollgate: " + v + " is at its step '" + def.key() + "'" + go + ".");
    }
    List<Blocker> blockers = can.blockers();
    boolean onlyTheDecision =
        !blockers.isEmpty() && blockers.stream().allMatch(b -> "decision".equals(b.kind()));
    boolean noGo = latest != null && !latest.isGo();
    if (onlyTheDecision && !noGo && release.goBlockers().isEmpty()) {
      return new Verdict(
          Kind.WAITING,
          id,
          "Tollgate: "
              + v
              + " waits for "
              + (latest == null ? "its go decision" : "a new go decision (" + title(blockers) + ")")
              + "; this deployment is approved once it is given.");
    }
    List<Blocker> all = new ArrayList<>(blockers);
    if (onlyTheDecision && !noGo) all.addAll(release.goBlockers());
    StringBuilder b =
        new StringBuilder("Tollgate: ")
            .append(v)
            .append(" is not at its step '")
            .append(def.key())
            .append("'");
    if (all.isEmpty()) return new Verdict(Kind.REJECTED, id, b + ": " + can.reason());
    b.append(" yet. It waits for:");
    for (int i = 0; i < all.size(); i++) {
      Blocker blocker = all.get(i);
      String line = "\n- " + blocker.kind() + " `" + blocker.key() + "`: " + blocker.title();
      if (b.length() + line.length() > MAX_COMMENT - 40) {
        b.append("\n- … and ").append(all.size() - i).append(" more (see the release in Tollgate)");
        break;
      }
      b.append(line);
    }
    return new Verdict(Kind.REJECTED, id, b.toString());
  }

  private static String title(List<Blocker> blockers) {
    return blockers.get(0).title();
  }

  private static String cut(String comment) {
    return comment.length() <= MAX_COMMENT ? comment : comment.substring(0, MAX_COMMENT - 1) + "…";
  }
}
