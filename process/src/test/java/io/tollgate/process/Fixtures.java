package io.tollgate.process;

import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.ArrayList;
import java.util.List;

/** Process files for the tests; line numbers in the tests refer to these texts. */
final class Fixtures {
  private Fixtures() {}

  /**
   * The smallest useful process: two roles and three steps around a decision. Lines 1 to 22; a test
   * that appends sections starts them at line 23.
   */
  static final String TINY =
      """
      id: tiny
      name: Tiny
      roles:
        - key: rm
          name: Release Manager
        - key: ops
          name: Ops
      steps:
        - key: prepare
          title: Prepare
          owner: rm
        - key: decide
          title: Decide
          owner: rm
          kind: decision
          after: [prepare]
        - key: ship
          title: Ship
          owner: ops
          kind: deploy
          environment: production
          after: [decide]
      """;

  /**
   * TINY with an incident playbook appended at lines 23 to 34: 'halt' (rm, line 26) and 'rollback'
   * (ops, line 29, rolls back production, after halt).
   */
  static final String WITH_PLAYBOOK =
      TINY
          + """
          playbook:
            trigger: Deployment failed
            steps:
              - key: halt
                title: Halt
                owner: rm
              - key: rollback
                title: Roll back
                owner: ops
                action: rollback
                environment: production
                after: [halt]
          """;

  /** {@code yaml} with {@code lines} inserted after line {@code line}, so they start at line+1. */
  static String insertAfter(String yaml, int line, String... lines) {
    List<String> all = new ArrayList<>(yaml.lines().toList());
    all.addAll(line, List.of(lines));
    return String.join("\n", all) + "\n";
  }

  /** {@code yaml} with line {@code line} replaced by {@code text}. */
  static String replaceLine(String yaml, int line, String text) {
    List<String> all = new ArrayList<>(yaml.lines().toList());
    all.set(line - 1, text);
    return String.join("\n", all) + "\n";
  }

  /** {@code yaml} without line {@code line}. */
  static String removeLine(String yaml, int line) {
    List<String> all = new ArrayList<>(yaml.lines().toList());
    all.remove(line - 1);
    return String.join("\n", all) + "\n";
  }

  /** The problems of {@code yaml}; fails the test when it parses. */
  static List<ProcessError> errors(String yaml) {
    InvalidProcessException e =
        catchThrowableOfType(InvalidProcessException.class, () -> ProcessParser.parse(yaml));
    if (e == null) {
      throw new AssertionError("expected the process file to be refused, but it parsed");
    }
    return e.errors();
  }
}
