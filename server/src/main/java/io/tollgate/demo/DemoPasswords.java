package io.tollgate.demo;

import java.security.SecureRandom;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Passwords for the demo people, fresh on every start: three random words and four digits, such as
 * {@code amber-otter-quill-4821}. Easy to type from the log, never the same twice, and at least the
 * twelve characters every password needs.
 */
final class DemoPasswords {
  static final List<String> WORDS =
      List.of(
          "acorn", "amber", "anchor", "apple", "arrow", "aspen", "badge", "basil", "beacon",
          "birch", "bison", "blaze", "bloom", "brook", "cabin", "cactus", "camel", "canoe", "cedar",
          "cello", "chalk", "cherry", "cider", "cloud", "clover", "cobalt", "comet", "copper",
          "coral", "crane", "daisy", "delta", "denim", "dune", "eagle", "ember", "fable", "falcon",
          "fern", "fjord", "flint", "forest", "fossil", "frost", "garnet", "gecko", "ginger",
          "glacier", "granite", "harbor", "hazel", "heron", "honey", "indigo", "iris", "island",
          "ivory", "jasper", "juniper", "kayak", "kettle", "kiwi", "lagoon", "lantern", "lemon",
          "lilac", "linen", "lotus", "lunar", "maple", "marble", "meadow", "melon", "mesa", "mint",
          "mosaic", "nectar", "nimbus", "nutmeg", "oasis", "ocean", "olive", "onyx", "orbit",
          "orchid", "otter", "panda", "paper", "pebble", "pepper", "pine", "planet", "plum",
          "polar", "poppy", "prairie", "quartz", "quill", "radar", "raven", "reef", "ripple",
          "river", "robin", "saffron", "sage", "salmon", "sand", "sierra", "silver", "sparrow",
          "spruce", "summit", "sunset", "tango", "thistle", "thunder", "tiger", "timber", "topaz",
          "tulip", "tundra", "velvet", "violet", "walnut", "willow", "zephyr");

  private static final RandomGenerator RANDOM = new SecureRandom();

  private DemoPasswords() {}

  static String generate() {
    return generate(RANDOM);
  }

  static String generate(RandomGenerator random) {
    StringBuilder password = new StringBuilder();
    for (int i = 0; i < 3; i++) {
      password.append(WORDS.get(random.nextInt(WORDS.size()))).append('-');
    }
    return password.append(String.format("%04d", random.nextInt(10_000))).toString();
  }
}
