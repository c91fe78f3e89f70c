package io.tollgate.release;

import io.tollgate.process.ProcessDefinition;
import io.tollgate.process.RequirementDef;
import io.tollgate.process.StepDef;
import io.tollgate.shared.Blocker;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A step waits for the steps it comes after (done or skipped), for the requirements it requires
 * (met), and — when it comes after the decision step — for a go that still stands (not stale:
 * {@link Sources}); the decision step itself waits for everything go needs ({@link GoPolicy}).
 */
final class OrderPolicy {
  private OrderPolicy() {}

  /** What the step still waits for; empty when it may be done now. */
  static List<Blocker> blockersOf(
      StepDef def,
      ProcessDefinition process,
      Map<String, StepState> steps,
      Map<String, RequirementState> requirements,
      Decision latest) {
    List<Blocker> blockers = new ArrayList<>();
    for (String after : def.after()) {
      StepState dep = steps.get(after);
      if (dep == null) continue; // not part of this release type
      StepDef depDef = process.step(after).orElseThrow();
      if (depDef.isDecision()) {
        if (latest == null || !latest.isGo()) {
          String title =
              latest == null
                  ? "Needs a go decision"
                  : "Latest decision is no-go: " + latest.rationale();
          blockers.add(new Blocker("decision", after, title));
        } else if (latest.stale()) {
          blockers.add(
              new Blocker(
                  "decision",
                  after,
                  "The go decision is stale: "
                      + latest.staleBecause()
                      + "; the release manager decides again"));
        }
      } else if (!dep.status().isSettled()) {
        blockers.add(new Blocker("step", after, depDef.title() + " (" + depDef.owner() + ")"));
      }
    }
    for (String req : def.requires()) {
      RequirementState state = requirements.get(req);
      if (state != null && !state.met()) {
        RequirementDef reqDef = process.requirement(req).orElseThrow();
        blockers.add(new Blocker("requirement", req, reqDef.title() + " (" + reqDef.owner() + ")"));
      }
    }
    if (def.isDecision()) {
      blockers.addAll(GoPolicy.blockers(process, requirements, steps));
    }
    return dedupe(blockers);
  }

  /** "step 'backup' — Backup (devops); …": the blockers in one line, for a refusal's detail. */
  static String describe(List<Blocker> blockers) {
    return String.join(
        "; ", blockers.stream().map(b -> b.kind() + " '" + b.key() + "' — " + b.title()).toList());
  }

  private static List<Blocker> dedupe(List<Blocker> blockers) {
    Map<String, Blocker> unique = new LinkedHashMap<>();
    blockers.forEach(b -> unique.putIfAbsent(b.kind() + ":" + b.key(), b));
    return List.copyOf(unique.values());
  }
}
