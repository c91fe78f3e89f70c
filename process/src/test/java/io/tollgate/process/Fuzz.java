package io.tollgate.process;

import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A small fuzz driver: generates inputs from seeded randomness and checks a property on each.
 *
 * <ul>
 *   <li>{@code -Dfuzz.tries=N}: tries per target (default: the target's own small number, so that
 *       {@code ./mvnw verify} stays quick);
 *   <li>{@code -Dfuzz.seed=S}: the run's seed (default fixed, so CI is repeatable); {@code
 *       -Dfuzz.seed=random} draws one;
 *   <li>{@code -Dfuzz.replay=T}: runs only the try whose seed is {@code T}, as printed by a
 *       failure.
 * </ul>
 */
final class Fuzz {
  private static final long DEFAULT_SEED = 20261201L;

  private Fuzz() {}

  static int tries(int ciDefault) {
    return Integer.getInteger("fuzz.tries", ciDefault);
  }

  /**
   * Checks {@code property} on {@code tries(ciDefault)} generated inputs; a failure names the try,
   * its seed and the input (as {@code show} prints it).
   */
  static <T> void check(
      int ciDefault,
      Function<SplittableRandom, T> generate,
      Function<T, String> show,
      Consumer<T> property) {
    String replay = System.getProperty("fuzz.replay");
    if (replay != null && !replay.isBlank()) {
      once(Long.parseLong(replay.trim()), 0, 1, generate, show, property);
      return;
    }
    String given = System.getProperty("fuzz.seed", "");
    long seed =
        given.isBlank()
            ? DEFAULT_SEED
            : given.equals("random") ? System.nanoTime() : Long.parseLong(given.trim());
    SplittableRandom seeds = new SplittableRandom(seed);
    int tries = tries(ciDefault);
    for (int i = 0; i < tries; i++) {
      once(seeds.nextLong(), i, tries, generate, show, property);
    }
  }

  private static <T> void once(
      long trySeed,
      int index,
      int tries,
      Function<SplittableRandom, T> generate,
      Function<T, String> show,
      Consumer<T> property) {
    T input = generate.apply(new SplittableRandom(trySeed));
    try {
      property.accept(input);
    } catch (AssertionError | RuntimeException e) {
      String shown = show.apply(input);
      if (shown.length() > 4000) {
        shown = shown.substring(0, 4000) + "… (" + shown.length() + " chars)";
      }
      throw new AssertionError(
          "fuzz try "
              + (index + 1)
              + " of "
              + tries
              + " failed; replay it with -Dfuzz.replay="
              + trySeed
              + "\ninput: "
              + shown.replace("\u0000", "\\0")
              + "\n"
              + e.getMessage(),
          e);
    }
  }
}
