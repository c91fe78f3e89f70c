package io.tollgate.automation;

import java.time.Duration;
import java.util.List;

/**
 * The rules of verification: a Prometheus value against its threshold, and what a round of checks
 * means. A verification passes only when every check passed in every round until the soak window
 * has passed; one failed check in any round fails it, however many rounds passed before.
 */
public final class Verdicts {
  private Verdicts() {}

  /** {@code value op threshold}, for op one of {@code < <= > >=}. */
  public static boolean holds(double value, String op, double threshold) {
    return switch (op) {
      case "<" -> value < threshold;
      case "<=" -> value <= threshold;
      case ">" -> value > threshold;
      case ">=" -> value >= threshold;
      default -> throw new IllegalArgumentException("unknown comparison " + op);
    };
  }

  /** What to do after a round. */
  public enum Next {
    FAIL,
    PASS,
    AGAIN
  }

  /**
   * @param results this round's results (ok or not)
   * @param elapsed since the verification started
   */
  public static Next afterRound(List<Boolean> results, Duration elapsed, Duration soak) {
    if (results.contains(Boolean.FALSE)) return Next.FAIL;
    return elapsed.compareTo(soak) >= 0 ? Next.PASS : Next.AGAIN;
  }
}
