package io.tollgate.insights;

import io.tollgate.insights.ReleaseTrail.Kind;
import io.tollgate.insights.ReleaseTrail.Mark;
import io.tollgate.process.HandoffDef;
import io.tollgate.process.ProcessDefinition;
import io.tollgate.process.RequirementDef;
import io.tollgate.process.StepDef;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The waits of one release, from its trail:
 *
 * <ul>
 *   <li>a <b>step</b> waited from when it became actionable — the release planned, and every step
 *       it comes after done or skipped and every requirement it requires met (the decision step:
 *       every step before the decision and every requirement) — to when it was first done (the
 *       first go, for the decision step: a no-go does not let the release on); a failed attempt
 *       does not end the wait;
 *   <li>a <b>requirement</b> waited from the release planned to when it was met;
 *   <li>a <b>handoff</b> waited from handed to acknowledged.
 * </ul>
 *
 * Each wait is owned by a role: the step's owner, the requirement's owner (its first signer), the
 * role the handoff is handed to. Without the process, a step's wait starts at planning and its role
 * is empty.
 */
public final class Waits {
  private Waits() {}

  public static List<Wait> of(ReleaseTrail trail) {
    Map<String, Instant> done = first(trail, Kind.STEP_DONE);
    Map<String, Instant> skipped = first(trail, Kind.STEP_SKIPPED);
    Map<String, Instant> met = first(trail, Kind.REQUIREMENT_MET);
    ProcessDefinition process = trail.process();
    StepDef decision = process == null ? null : decisionStep(process);
    Instant decided =
        trail.marks().stream()
            .filter(m -> m.kind() == Kind.DECIDED && !"no-go".equals(m.key()))
            .map(Mark::at)
            .min(Instant::compareTo)
            .orElse(null);
    if (decision != null && decided != null) done.merge(decision.key(), decided, Waits::earlier);

    Map<String, Instant> finished = new HashMap<>(skipped);
    done.forEach((k, at) -> finished.merge(k, at, Waits::earlier));

    List<Wait> out = new ArrayList<>();
    done.forEach(
        (key, at) -> {
          Optional<StepDef> def = process == null ? Optional.empty() : process.step(key);
          Instant start = trail.planned();
          String role = def.map(StepDef::owner).orElse("");
          if (def.isPresent()) {
            boolean isDecision = decision != null && decision.key().equals(key);
            Collection<String> steps =
                isDecision ? process.stepsBeforeDecision() : def.get().after();
            Collection<String> requirements =
                isDecision
                    ? process.requirements().stream().map(RequirementDef::key).toList()
                    : def.get().requires();
            start = latest(start, steps, finished);
            start = latest(start, requirements, met);
          }
          out.add(new Wait(Wait.STEP, key, role, seconds(start, at), at));
        });
    met.forEach(
        (key, at) ->
            out.add(
                new Wait(
                    Wait.REQUIREMENT,
                    key,
                    process == null
                        ? ""
                        : process.requirement(key).map(RequirementDef::owner).orElse(""),
                    seconds(trail.planned(), at),
                    at)));
    handoffs(trail, out);
    return out;
  }

  /** Each acknowledgement ends the wait of the latest handing of that handoff before it. */
  private static void handoffs(ReleaseTrail trail, List<Wait> out) {
    Map<String, Mark> handed = new HashMap<>();
    List<Mark> marks = new ArrayList<>(trail.marks());
    marks.sort(java.util.Comparator.comparing(Mark::at));
    for (Mark m : marks) {
      if (m.kind() == Kind.HANDED) {
        handed.put(m.key(), m);
      } else if (m.kind() == Kind.ACKNOWLEDGED && handed.containsKey(m.key())) {
        Mark h = handed.remove(m.key());
        String role = h.role() != null ? h.role() : m.role();
        if (role == null && trail.process() != null) {
          role = trail.process().handoff(m.key()).map(HandoffDef::to).orElse(null);
        }
        out.add(
            new Wait(
                Wait.HANDOFF, m.key(), role == null ? "" : role, seconds(h.at(), m.at()), m.at()));
      }
    }
  }

  private static StepDef decisionStep(ProcessDefinition process) {
    return process.steps().stream().filter(StepDef::isDecision).findFirst().orElse(null);
  }

  private static Map<String, Instant> first(ReleaseTrail trail, Kind kind) {
    Map<String, Instant> out = new HashMap<>();
    for (Mark m : trail.marks()) {
      if (m.kind() == kind && m.key() != null) out.merge(m.key(), m.at(), Waits::earlier);
    }
    return out;
  }

  private static Instant latest(Instant start, Collection<String> keys, Map<String, Instant> at) {
    Instant out = start;
    for (String k : Set.copyOf(keys)) {
      Instant t = at.get(k);
      if (t != null && t.isAfter(out)) out = t;
    }
    return out;
  }

  private static Instant earlier(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }

  private static long seconds(Instant from, Instant to) {
    return Math.max(0, Duration.between(from, to).getSeconds());
  }
}
