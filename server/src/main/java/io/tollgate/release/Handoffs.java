package io.tollgate.release;

import io.tollgate.process.HandoffDef;
import io.tollgate.process.ProcessDefinition;
import io.tollgate.process.StepDef;
import io.tollgate.release.ReleaseEvent.HandoffAcknowledged;
import io.tollgate.release.ReleaseEvent.HandoffHanded;
import io.tollgate.shared.Blocker;
import io.tollgate.shared.Forbidden;
import io.tollgate.shared.NotFound;
import io.tollgate.shared.Refused;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The handoffs of one release: handed when their trigger step completes (a decision: with go),
 * acknowledged by a holder of the receiving role.
 */
final class Handoffs {
  private final ReleaseId release;
  private final ProcessDefinition process;
  private final Map<String, HandoffState> states = new LinkedHashMap<>();

  Handoffs(ReleaseId release, ProcessDefinition process, List<HandoffState> states) {
    this.release = release;
    this.process = process;
    states.forEach(s -> this.states.put(s.key(), s));
  }

  Map<String, HandoffState> states() {
    return states;
  }

  Optional<HandoffDef> def(String key) {
    return process.handoff(key).filter(h -> states.containsKey(key));
  }

  /** Hands every handoff the step triggers that is not handed yet. */
  List<ReleaseEvent> handOffAfter(String stepKey, Participant by, Instant now) {
    List<ReleaseEvent> events = new ArrayList<>();
    for (HandoffDef def : process.handoffs()) {
      HandoffState state = states.get(def.key());
      if (state != null && def.trigger().equals(stepKey) && !state.isHanded()) {
        states.put(def.key(), state.handed(by.username(), now));
        events.add(new HandoffHanded(release, def.key(), def.from(), def.to()));
      }
    }
    return events;
  }

  /** Existence, the receiving role, and whether it was handed (blocked) or acknowledged. */
  Action checkAcknowledge(String key, Participant by) {
    Optional<HandoffDef> found = def(key);
    if (found.isEmpty()) {
      return Action.notOffered(
          "acknowledge",
          key,
          NotFound.of(
              "handoff",
              key,
              "Handoffs of this release: " + String.join(", ", states.keySet()) + "."));
    }
    HandoffDef def = found.get();
    if (!by.holds(def.to())) {
      return Action.notOffered(
          "acknowledge",
          key,
          Forbidden.needsRole(
              def.to(), "Acknowledging handoff '" + key + "'", by.username(), by.sortedRoles()));
    }
    HandoffState state = states.get(key);
    if (state.acknowledgedAt() != null) {
      return Action.notOffered(
          "acknowledge",
          key,
          Refused.because(
              "Handoff '"
                  + key
                  + "' was already acknowledged by "
                  + state.acknowledgedBy()
                  + " at "
                  + state.acknowledgedAt()
                  + "."));
    }
    if (!state.isHanded()) {
      StepDef trigger = process.step(def.trigger()).orElseThrow();
      return Action.blocked(
          "acknowledge",
          key,
          "Handoff '"
              + key
              + "' has not been handed yet; it is handed when step '"
              + trigger.key()
              + "' completes"
              + (trigger.isDecision() ? " with a go" : "")
              + ".",
          List.of(
              new Blocker("step", trigger.key(), trigger.title() + " (" + trigger.owner() + ")")));
    }
    return Action.offered("acknowledge", key);
  }

  List<ReleaseEvent> acknowledge(String key, Participant by, Instant now) {
    states.put(key, states.get(key).acknowledged(by.username(), now));
    return List.of(new HandoffAcknowledged(release, key));
  }
}
