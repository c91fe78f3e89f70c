package io.tollgate.release;

import io.tollgate.process.ProcessDefinition;
import io.tollgate.process.RequirementDef;
import io.tollgate.process.StepDef;
import io.tollgate.release.ReleaseEvent.RequirementMet;
import io.tollgate.release.ReleaseEvent.RequirementSigned;
import io.tollgate.shared.Forbidden;
import io.tollgate.shared.NotFound;
import io.tollgate.shared.Refused;
import io.tollgate.shared.TollgateException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The pre-release requirements of one release: meeting them, their signatures ({@link
 * SignaturePolicy}), and those a succeeding step meets by itself.
 */
final class Requirements {
  private final ReleaseId release;
  private final ProcessDefinition process;
  private final Map<String, RequirementState> states = new LinkedHashMap<>();

  Requirements(ReleaseId release, ProcessDefinition process, List<RequirementState> states) {
    this.release = release;
    this.process = process;
    states.forEach(s -> this.states.put(s.key(), s));
  }

  Map<String, RequirementState> states() {
    return states;
  }

  /** The requirement's definition, when it is part of this release. */
  Optional<RequirementDef> def(String key) {
    return process.requirement(key).filter(r -> states.containsKey(key));
  }

  /**
   * Existence, who may (a role for a person; an {@code autoMet} event kind for other actors), and
   * the requirement's state; not the notes check.
   */
  Action checkMeet(String key, Participant by, String eventKind) {
    Optional<RequirementDef> def = def(key);
    if (def.isEmpty()) {
      return Action.notOffered(
          "meet",
          key,
          NotFound.of(
              "requirement",
              key,
              "Requirements of this release: " + String.join(", ", states.keySet()) + "."));
    }
    RequirementState state = states.get(key);
    if (!by.isPerson()) {
      if (!Grants.mayMeet(def.get(), by, eventKind)) {
        return Action.notOffered(
            "meet",
            key,
            Forbidden.because(
                "Requirement '"
                    + key
                    + "' is not met automatically by "
                    + (eventKind == null ? "an event" : "'" + eventKind + "'")
                    + "; "
                    + by.username()
                    + " may meet only what the process declares in its autoMet."));
      }
    } else if (!def.get().needsSeveralSignatures() && !by.holds(def.get().owner())) {
      return Action.notOffered(
          "meet",
          key,
          Forbidden.needsRole(
              def.get().owner(),
              "Meeting requirement '" + key + "'",
              by.username(),
              by.sortedRoles()));
    }
    if (state.met()) {
      return Action.notOffered(
          "meet",
          key,
          Refused.because(
              "Requirement '"
                  + key
                  + "' is already met (by "
                  + state.by()
                  + " at "
                  + state.at()
                  + ")."));
    }
    if (by.isPerson() && def.get().needsSeveralSignatures()) {
      TollgateException refusal = SignaturePolicy.refusal(def.get(), state, by);
      if (refusal != null) {
        return refusal.blockers().isEmpty() || refusal instanceof Forbidden
            ? Action.notOffered("meet", key, refusal)
            : Action.blocked("meet", key, refusal.getMessage(), refusal.blockers());
      }
    }
    return Action.offered("meet", key);
  }

  /** Meets (or signs) a requirement whose {@link #checkMeet} offered it. */
  List<ReleaseEvent> meet(String key, Evidence evidence, Participant by, Instant now) {
    RequirementDef def = def(key).orElseThrow();
    RequirementState state = states.get(key);
    if (!by.isPerson() || !def.needsSeveralSignatures()) {
      states.put(key, state.metBy(by.username(), now, evidence));
      return List.of(new RequirementMet(release, key, !by.isPerson()));
    }
    String role = SignaturePolicy.roleToSign(def, state, by).orElseThrow();
    RequirementState signed = state.signed(new Signature(role, by.username(), now));
    List<ReleaseEvent> events = new ArrayList<>();
    events.add(new RequirementSigned(release, key, role));
    if (SignaturePolicy.complete(def, signed)) {
      signed = signed.metBy(by.username(), now, evidence);
      events.add(new RequirementMet(release, key, false));
    } else if (evidence != null && !evidence.isEmpty()) {
      signed = new RequirementState(key, false, evidence, null, null, signed.signatures());
    }
    states.put(key, signed);
    return events;
  }

  /** The requirements a step meets by succeeding, met now with the step as evidence. */
  List<ReleaseEvent> metByStep(
      StepDef step, String note, Evidence evidence, Participant by, Instant now) {
    List<ReleaseEvent> events = new ArrayList<>();
    for (String key : step.meets()) {
      RequirementState req = states.get(key);
      if (req != null && !req.met()) {
        Evidence how =
            new Evidence(
                evidence == null ? null : evidence.url(),
                "Met by step '"
                    + step.key()
                    + "' completing with outcome succeeded"
                    + (note == null || note.isBlank() ? "" : ": " + note));
        states.put(key, req.metBy(by.username(), now, how));
        events.add(new RequirementMet(release, key, true));
      }
    }
    return events;
  }

  /** Of these requirement keys, those of this release that are not met yet, in the same order. */
  List<String> unmet(List<String> keys) {
    return keys.stream().filter(k -> states.containsKey(k) && !states.get(k).met()).toList();
  }

  boolean anyTouched() {
    return states.values().stream().anyMatch(r -> r.met() || !r.signatures().isEmpty());
  }
}
