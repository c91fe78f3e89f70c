package io.tollgate.release;

import io.tollgate.process.ProcessDefinition;
import io.tollgate.process.StepDef;
import io.tollgate.shared.Forbidden;
import io.tollgate.shared.NotFound;
import io.tollgate.shared.Refused;
import io.tollgate.shared.TollgateException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The checklist of one release: each step's state machine and who may move it. Order (what a step
 * waits for) is {@link OrderPolicy}'s; this part answers whether the step and the participant allow
 * the command at all.
 */
final class Steps {
  private final ReleaseId release;
  private final ProcessDefinition process;
  private final Map<String, StepState> states = new LinkedHashMap<>();

  Steps(ReleaseId release, ProcessDefinition process, List<StepState> states) {
    this.release = release;
    this.process = process;
    states.forEach(s -> this.states.put(s.key(), s));
  }

  Map<String, StepState> states() {
    return states;
  }

  StepState get(String key) {
    return states.get(key);
  }

  void put(StepState state) {
    states.put(state.key(), state);
  }

  /** The step's definition, when the step is part of this release. */
  Optional<StepDef> def(String key) {
    return process.step(key).filter(s -> states.containsKey(key));
  }

  NotFound unknown(String key) {
    return NotFound.of(
        "step", key, "Steps of this release: " + String.join(", ", states.keySet()) + ".");
  }

  /** Existence, the decision step, who may, and the step's state; not order. */
  Action checkComplete(String key, Participant by) {
    Optional<StepDef> def = def(key);
    if (def.isPresent() && def.get().isDecision()) {
      return Action.notOffered(
          "complete",
          key,
          Refused.because(
              "Step '"
                  + key
                  + "' is the go/no-go decision: record it with POST /api/v1/releases/"
                  + release
                  + "/decision."));
    }
    return runnable("complete", key, by, "Completing")
        .then(
            () -> {
              StepState state = states.get(key);
              return state.status() == StepStatus.RUNNING && by.isPerson()
                  ? Action.notOffered(
                      "complete",
                      key,
                      Refused.because(
                          "Step '"
                              + key
                              + "' is running (started by "
                              + state.by()
                              + " at "
                              + state.at()
                              + "); it is completed when its run ends."))
                  : Action.offered("complete", key);
            });
  }

  /** Only deploy, smoke-test and verification steps run; a running or settled one does not. */
  Action checkStart(String key, Participant by) {
    Optional<StepDef> def = def(key);
    if (def.isPresent() && !def.get().kind().needsOutcome()) {
      return Action.notOffered(
          "start",
          key,
          Refused.because(
              "Step '"
                  + key
                  + "' is a "
                  + def.get().kind().id()
                  + " step: it is completed, not started."));
    }
    return runnable("start", key, by, "Starting")
        .then(
            () -> {
              StepState state = states.get(key);
              return state.status() == StepStatus.RUNNING
                  ? Action.notOffered(
                      "start",
                      key,
                      Refused.because(
                          "Step '" + key + "' is already running (since " + state.at() + ")."))
                  : Action.offered("start", key);
            });
  }

  /** The step exists, the participant may run it, and it is not done or skipped. */
  private Action runnable(String kind, String key, Participant by, String doing) {
    Optional<StepDef> def = def(key);
    if (def.isEmpty()) return Action.notOffered(kind, key, unknown(key));
    TollgateException who = mayRun(def.get(), by, doing + " step '" + key + "'");
    if (who != null) return Action.notOffered(kind, key, who);
    TollgateException settled = settled(states.get(key));
    return settled == null ? Action.offered(kind, key) : Action.notOffered(kind, key, settled);
  }

  /** Only optional steps, only by a person holding the owner role, only while not running. */
  Action checkSkip(String key, Participant by) {
    Optional<StepDef> def = def(key);
    if (def.isEmpty()) return Action.notOffered("skip", key, unknown(key));
    if (!def.get().optional()) {
      return Action.notOffered(
          "skip",
          key,
          Refused.because(
              "Step '" + key + "' is not optional and cannot be skipped; complete it instead."));
    }
    if (!by.holds(def.get().owner())) {
      return Action.notOffered(
          "skip",
          key,
          Forbidden.needsRole(
              def.get().owner(), "Skipping step '" + key + "'", by.username(), by.sortedRoles()));
    }
    StepState state = states.get(key);
    if (state.status().isSettled()) {
      return Action.notOffered(
          "skip",
          key,
          Refused.because("Step '" + key + "' is already " + state.status().id() + "."));
    }
    if (state.status() == StepStatus.RUNNING) {
      return Action.notOffered(
          "skip",
          key,
          Refused.because("Step '" + key + "' is running; it cannot be skipped while it runs."));
    }
    return Action.offered("skip", key);
  }

  /**
   * A person holding the owner role may; an actor that is not a person only where the process
   * grants it (a step in an environment whose automation it runs).
   */
  private static TollgateException mayRun(StepDef def, Participant by, String what) {
    if (by.isPerson()) {
      return by.holds(def.owner())
          ? null
          : Forbidden.needsRole(def.owner(), what, by.username(), by.sortedRoles());
    }
    return Grants.mayRunStep(def, by)
        ? null
        : Forbidden.because(
            what
                + " is not granted to "
                + by.username()
                + ": an actor that is not a person runs only deploy, smoke-test and verification"
                + " steps of an environment whose automation it runs.");
  }

  private static TollgateException settled(StepState state) {
    if (state.status() == StepStatus.DONE) {
      return Refused.because(
          "Step '"
              + state.key()
              + "' is already done (by "
              + state.by()
              + " at "
              + state.at()
              + ").");
    }
    if (state.status() == StepStatus.SKIPPED) {
      return Refused.because("Step '" + state.key() + "' was skipped: " + state.note());
    }
    return null;
  }

  /** Deploy, smoke-test and verification steps take an outcome; the others take none. */
  static void checkOutcome(StepDef def, Outcome outcome) {
    if (def.kind().needsOutcome() && outcome == null) {
      throw io.tollgate.shared.BadRequest.because(
          "Step '"
              + def.key()
              + "' is a "
              + def.kind().id()
              + " step: say how it went with \"outcome\": \"succeeded\" or \"failed\".");
    }
    if (!def.kind().needsOutcome() && outcome != null) {
      throw io.tollgate.shared.Invalid.because(
          "Step '" + def.key() + "' is a " + def.kind().id() + " step and takes no outcome.");
    }
  }

  /** A decision-gated deploy step was tried: production was attempted. */
  boolean productionAttempted() {
    return process.gatedDeploySteps().stream()
        .map(states::get)
        .anyMatch(s -> s != null && (s.attempts() > 0 || s.status() == StepStatus.RUNNING));
  }

  /** When a decision-gated deployment first succeeded: the release reached its target. */
  Optional<Instant> releasedAt() {
    return process.gatedDeploySteps().stream()
        .map(states::get)
        .filter(s -> s != null && s.status() == StepStatus.DONE && s.outcome() == Outcome.SUCCEEDED)
        .map(StepState::at)
        .findFirst();
  }

  /** A step whose failure calls for the incident playbook failed. */
  boolean failedWithIncident() {
    return states.values().stream()
        .anyMatch(
            s ->
                s.status() == StepStatus.FAILED
                    && process.step(s.key()).orElseThrow().incidentOnFailure());
  }

  boolean allSettled() {
    return states.values().stream().allMatch(s -> s.status().isSettled());
  }

  boolean anyTouched() {
    return states.values().stream().anyMatch(StepState::touched);
  }
}
