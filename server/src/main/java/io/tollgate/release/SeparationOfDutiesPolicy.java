package io.tollgate.release;

import io.tollgate.process.DutyRule;
import io.tollgate.process.DutyRule.Act;
import io.tollgate.process.DutyRule.Kind;
import io.tollgate.process.ProcessDefinition;
import io.tollgate.process.StepDef;
import io.tollgate.process.StepKind;
import io.tollgate.shared.Blocker;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The process's separation-of-duties rules ({@link DutyRule}): a person who did one act a rule
 * names may not do another it names on the same release. An act counts when it stands: the latest
 * decision when it is go, a step started, completed, failed or skipped (skipping decides that the
 * step needs no doing), a requirement met or signed. Completing a step that meets requirements when
 * it succeeds is also the act of meeting each of them, so a step cannot carry a person past a
 * requirement's rule. The check is the commands' and the pages' (an offered action becomes blocked
 * with a {@code separation-of-duties} blocker), so a refusal is a 409 that says who else must act.
 */
final class SeparationOfDutiesPolicy {
  static final String BLOCKER_KIND = "separation-of-duties";

  private SeparationOfDutiesPolicy() {}

  /** The action unless it is offered and a rule forbids this person the act; then blocked. */
  static Action guard(Action action, ReleaseState release, Act act, Participant by) {
    if (!action.isOffered() || !by.isPerson()) return action;
    return conflict(release, act, by).map(c -> blocked(action, c)).orElse(action);
  }

  /**
   * As {@link #guard} for a step's act ({@code kind}: start, complete), and, to complete it, for
   * the act of meeting each unmet requirement it meets when it succeeds: the refusal names the
   * step. (Skipping is the step's act too: {@link #guard} with {@link #step}.)
   */
  static Action guardStep(
      Action action, ReleaseState release, String kind, StepDef step, Participant by) {
    Action guarded = guard(action, release, step(step.key()), by);
    if (!guarded.isOffered()) return guarded;
    List<String> meets =
        kind.equals("complete") ? release.requirements.unmet(step.meets()) : List.of();
    for (String requirement : meets) {
      Optional<Conflict> c = conflict(release, requirement(requirement), by);
      if (c.isPresent()) {
        Conflict through =
            new Conflict(
                c.get().rule(),
                c.get().done(),
                "You "
                    + past(release, c.get().done())
                    + " on this release; another "
                    + step.owner()
                    + " member must do step '"
                    + step.key()
                    + "', which meets requirement '"
                    + requirement
                    + "' (separation of duties: "
                    + c.get().rule().rule()
                    + ").");
        return blocked(action, through);
      }
    }
    return guarded;
  }

  private static Action blocked(Action action, Conflict c) {
    return Action.blocked(
        action.kind(),
        action.key(),
        c.detail(),
        List.of(new Blocker(BLOCKER_KIND, c.rule().rule(), c.detail())));
  }

  /** The first rule this person would break by doing the act, with what they did before. */
  static Optional<Conflict> conflict(ReleaseState release, Act act, Participant by) {
    ProcessDefinition process = release.process;
    for (DutyRule rule : process.dutiesOf(act)) {
      for (Act other : rule.acts()) {
        if (!other.equals(act) && doneBy(release, other).contains(by.username())) {
          return Optional.of(new Conflict(rule, other, detail(release, rule, other, act)));
        }
      }
    }
    return Optional.empty();
  }

  /** A rule broken: what the person did before ({@code done}) and the refusal to show. */
  record Conflict(DutyRule rule, Act done, String detail) {}

  /** Who did the act on this release (as it stands now). */
  static Set<String> doneBy(ReleaseState release, Act act) {
    Set<String> who = new TreeSet<>();
    switch (act.kind()) {
      case DECISION -> {
        Decision latest = release.decisions.latest();
        if (latest != null && latest.isGo()) who.add(latest.by());
      }
      case STEP -> {
        StepState s = release.steps.states().get(act.key());
        if (s != null && s.by() != null) who.add(s.by());
      }
      case REQUIREMENT -> {
        RequirementState r = release.requirements.states().get(act.key());
        if (r != null) {
          if (r.met() && r.by() != null) who.add(r.by());
          r.signatures().forEach(sig -> who.add(sig.by()));
        }
      }
    }
    return who;
  }

  private static String detail(ReleaseState release, DutyRule rule, Act done, Act wanted) {
    ProcessDefinition process = release.process;
    return "You "
        + past(release, done)
        + " on this release; another "
        + String.join(" or ", roles(process, wanted))
        + " member must "
        + future(process, wanted)
        + " (separation of duties: "
        + rule.rule()
        + ").";
  }

  private static boolean skipped(ReleaseState release, Act act) {
    StepState s = release.steps.states().get(act.key());
    return s != null && s.status() == StepStatus.SKIPPED;
  }

  private static String past(ReleaseState release, Act act) {
    ProcessDefinition process = release.process;
    return switch (act.kind()) {
      case DECISION -> "decided go";
      case STEP ->
          deployTo(process, act)
              .map(env -> "deployed to " + env)
              .orElse((skipped(release, act) ? "skipped step '" : "did step '") + act.key() + "'");
      case REQUIREMENT -> "met or signed requirement '" + act.key() + "'";
    };
  }

  private static String future(ProcessDefinition process, Act act) {
    return switch (act.kind()) {
      case DECISION -> "decide go";
      case STEP ->
          deployTo(process, act).map(env -> "deploy").orElse("do step '" + act.key() + "'");
      case REQUIREMENT -> "meet or sign requirement '" + act.key() + "'";
    };
  }

  private static Optional<String> deployTo(ProcessDefinition process, Act act) {
    return process
        .step(act.key())
        .filter(s -> s.kind() == StepKind.DEPLOY)
        .map(StepDef::environment);
  }

  private static List<String> roles(ProcessDefinition process, Act act) {
    return switch (act.kind()) {
      case DECISION -> List.of(process.decisionStep().owner());
      case STEP -> process.step(act.key()).map(s -> List.of(s.owner())).orElse(List.of());
      case REQUIREMENT -> process.requirement(act.key()).map(r -> r.signers()).orElse(List.of());
    };
  }

  static Act step(String key) {
    return new Act(Kind.STEP, key);
  }

  static Act requirement(String key) {
    return new Act(Kind.REQUIREMENT, key);
  }

  static final Act GO = new Act(Kind.DECISION, "go");
}
