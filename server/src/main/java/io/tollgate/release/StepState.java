package io.tollgate.release;

import java.time.Instant;

/** Where one checklist step of a release stands; {@code attempts} counts completions. */
public record StepState(
    String key,
    StepStatus status,
    String by,
    Instant at,
    String note,
    Evidence evidence,
    Outcome outcome,
    int attempts) {

  static StepState pending(String key) {
    return new StepState(key, StepStatus.PENDING, null, null, null, null, null, 0);
  }

  StepState completed(
      String username, Instant when, String note, Evidence evidence, Outcome outcome) {
    StepStatus status = outcome == Outcome.FAILED ? StepStatus.FAILED : StepStatus.DONE;
    return new StepState(key, status, username, when, note, evidence, outcome, attempts + 1);
  }

  /** Running: started by {@code username}, ended by a complete with the outcome. */
  StepState started(String username, Instant when) {
    return new StepState(key, StepStatus.RUNNING, username, when, null, null, null, attempts);
  }

  /** The decision step, done by a go/no-go decision; {@code note} holds the verdict and why. */
  StepState decided(String username, Instant when, String note) {
    return new StepState(key, StepStatus.DONE, username, when, note, null, null, attempts + 1);
  }

  StepState skipped(String username, Instant when, String reason) {
    return new StepState(key, StepStatus.SKIPPED, username, when, reason, null, null, attempts);
  }

  boolean touched() {
    return status != StepStatus.PENDING || attempts > 0;
  }
}
