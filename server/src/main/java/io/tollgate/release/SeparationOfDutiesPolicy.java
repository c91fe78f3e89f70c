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
 * decision when it is go, a step started, completed or failed (not skipped), a requirement met or
 * signed. The check is the commands' and the pages' (an offered action becomes blocked with a
 * {@code separation-of-duties} blocker), so a refusal is a 409 that says who else must act.
 */
final class SeparationOfDutiesPolicy {
  static final String BLOCKER_KIND = "separation-of-duties";

  private SeparationOfDutiesPolicy() {}

  /** The action unless it is offered and a rule forbids this person the act; then blocked. */
  static Action guard(Action action, ReleaseState release, Act act, Participant by) {
    if (!action.isOffered() || !by.isPerson()) return action;
    return conflict(release, act, by)
        .map(
            c ->
                Action.blocked(
                    action.kind(),
                    action.key(),
                    c.detail(),
                    List.of(new Blocker(BLOCKER_KIND, c.rule().rule(), c.detail()))))
        .orElse(action);
  }

  /** The first rule this person would break by doing the act, with what they did before. */
  static Optional<Conflict> conflict(ReleaseState release, Act act, Participant by) {
    ProcessDefinition process = release.process;
    for (DutyRule rule : process.dutiesOf(act)) {
      for (Act other : rule.acts()) {
        if (!other.equals(act) && doneBy(release, other).contains(by.username())) {
          return Optional.of(new Conflict(rule, other, detail(process, rule, other, act)));
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
        if (s != null && s.by() != null && s.status() != StepStatus.SKIPPED) who.add(s.by());
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

  private static String detail(ProcessDefinition process, DutyRule rule, Act done, Act wanted) {
    return "You "
        + past(process, done)
        + " on this release; another "
        + String.join(" or ", roles(process, wanted))
        + " member must "
        + future(process, wanted)
        + " (separation of duties: "
        + rule.rule()
        + ").";
  }

  private static String past(ProcessDefinition process, Act act) {
    return switch (act.kind()) {
      case DECISION -> "decided go";
      case STEP ->
          deployTo(process, act)
              .map(env -> "deployed to " + env)
              .orElse("did step '" + act.key() + "'");
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
