package io.tollgate.process;

import java.util.Arrays;
import java.util.Optional;

/** What a checklist step does; deploy, smoke-test and verification steps report an outcome. */
public enum StepKind {
  MANUAL("manual"),
  DECISION("decision"),
  DEPLOY("deploy"),
  SMOKE_TEST("smoke-test"),
  VERIFICATION("verification");

  private final String id;

  StepKind(String id) {
    this.id = id;
  }

  public String id() {
    return id;
  }

  /**
   * Deploy, smoke-test and verification steps need an outcome ({@code succeeded} or {@code
   * failed}).
   */
  public boolean needsOutcome() {
    return this == DEPLOY || this == SMOKE_TEST || this == VERIFICATION;
  }

  public static Optional<StepKind> parse(String value) {
    return Arrays.stream(values()).filter(k -> k.id.equals(value)).findFirst();
  }
}
