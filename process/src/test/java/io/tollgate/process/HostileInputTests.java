package io.tollgate.process;

import static io.tollgate.process.Fixtures.TINY;
import static io.tollgate.process.Fixtures.errors;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Process files come from users over HTTP: whatever they hold, the parser answers quickly with
 * problems and never with another exception.
 */
class HostileInputTests {

  private static final Duration QUICKLY = Duration.ofSeconds(5);

  @Test
  void refusesAFileLargerThanOneMebibyte() {
    String huge = TINY + "# " + "x".repeat(ProcessParser.MAX_BYTES) + "\n";

    List<ProcessError> errors = assertTimeoutPreemptively(QUICKLY, () -> errors(huge));

    assertThat(errors)
        .containsExactly(
            new ProcessError(
                0, "the process file is larger than 1048576 bytes (1 MiB); Tollgate refuses it"));
  }

  @Test
  void countsTheSizeInUtf8Bytes() {
    String justUnderInChars = TINY + "# " + "é".repeat(ProcessParser.MAX_BYTES / 2 + 10) + "\n";

    assertThat(justUnderInChars.length()).isLessThan(ProcessParser.MAX_BYTES);
    assertThat(errors(justUnderInChars)).extracting(ProcessError::line).containsExactly(0);
  }

  @Test
  void refusesScalarAliasesThatExpandPastTheLimitWithTheLine() {
    String big = "A".repeat(60_000);
    String bomb =
        TINY
            + "big: &big \""
            + big
            + "\"\n"
            + "copies:\n"
            + "  - [*big, *big, *big, *big, *big]\n".repeat(10);
    int firstLine = (int) TINY.lines().count() + 3;

    List<ProcessError> errors = assertTimeoutPreemptively(QUICKLY, () -> errors(bomb));

    assertThat(errors).hasSize(1);
    assertThat(errors.get(0).message()).contains("expands to more than");
    assertThat(errors.get(0).line()).isBetween(firstLine, firstLine + 9);
  }

  @Test
  void refusesTooManyAliasesOfAnyKind() {
    String many = TINY + "x: &x a\ncopies: [" + "*x, ".repeat(ProcessParser.MAX_ALIASES) + "*x]\n";

    List<ProcessError> errors = errors(many);

    assertThat(errors).hasSize(1);
    assertThat(errors.get(0).message()).contains("aliases");
  }

  @Test
  void refusesAnAliasBombWithTheLineOfTheAliasOverTheLimit() {
    String bomb =
        """
        id: bomb
        name: Bomb
        a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]
        b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]
        c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]
        d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]
        e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]
        f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]
        g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f]
        h: &h [*g, *g, *g, *g, *g, *g, *g, *g, *g]
        i: &i [*h, *h, *h, *h, *h, *h, *h, *h, *h]
        """;

    List<ProcessError> errors = assertTimeoutPreemptively(QUICKLY, () -> errors(bomb));

    assertThat(errors)
        .containsExactly(
            new ProcessError(
                6,
                "bad YAML: more than 20 aliases of lists or mappings; Tollgate refuses them so"
                    + " that a small file cannot expand into a huge one"));
  }

  @Test
  void refusesNestingDeeperThanTheLimit() {
    String deep = "id: deep\nname: " + "[".repeat(50) + "]".repeat(50) + "\n";

    assertThat(assertTimeoutPreemptively(QUICKLY, () -> errors(deep)))
        .containsExactly(new ProcessError(2, "bad YAML: nested more than 20 levels deep"));
  }

  @Test
  void survivesAListThatContainsItself() {
    String yaml = TINY.replace("    name: Ops\n", "    name: Ops\n    responsibilities: &r [*r]\n");

    assertThat(assertTimeoutPreemptively(QUICKLY, () -> errors(yaml)))
        .containsExactly(
            new ProcessError(
                8, "'responsibilities' of role 'ops' must list texts, but has a list"));
  }

  @Test
  void acceptsAFewAliasesOfLists() {
    String yaml =
        TINY.replace("    after: [prepare]\n", "    after: &first [prepare]\n")
                .replace("    after: [decide]\n", "    after: [decide]\n    requires: []\n")
            + "  - key: after-ship\n    title: After\n    owner: ops\n    after: *first\n";

    assertThat(ProcessParser.validate(yaml)).isEmpty();
  }

  @Test
  void capsTheNumberOfReportedProblems() {
    StringBuilder yaml = new StringBuilder(TINY);
    for (int i = 0; i < 300; i++) {
      yaml.append("  - key: s").append(i).append("\n    title: S\n    owner: nobody\n");
    }

    List<ProcessError> errors = errors(yaml.toString());

    assertThat(errors).hasSize(Problems.MAX_REPORTED + 1);
    assertThat(errors.get(errors.size() - 1).message())
        .isEqualTo("200 more problem(s) not shown; fix the ones above and validate again");
  }

  @Test
  void reportsACycleThroughThousandsOfStepsWithoutOverflowing() {
    int count = 5000;
    StringBuilder yaml = new StringBuilder(TINY);
    for (int i = 0; i < count; i++) {
      yaml.append("  - key: s")
          .append(i)
          .append("\n    title: S\n    owner: rm\n    after: [s")
          .append((i + 1) % count)
          .append("]\n");
    }

    List<ProcessError> errors = assertTimeoutPreemptively(QUICKLY, () -> errors(yaml.toString()));

    assertThat(errors)
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.line()).isEqualTo(26);
              assertThat(e.message())
                  .startsWith("dependency cycle among steps: s0 -> s1 -> s2")
                  .contains("-> … ->")
                  .endsWith("s4999 -> s0 (5000 steps) (each waits for the next)");
            });
  }

  @Test
  void neverThrowsAnythingElseForTruncatedOrGarbledFiles() {
    String source = ProcessParser.builtInYaml();
    Random random = new Random(42);
    for (int i = 0; i < 400; i++) {
      String candidate =
          i % 2 == 0
              ? source.substring(0, random.nextInt(source.length()))
              : garble(source, random);

      Throwable thrown = catchThrowable(() -> ProcessParser.parse(candidate));

      if (thrown != null) {
        assertThat(thrown).as("parsing variant %d", i).isInstanceOf(InvalidProcessException.class);
        assertThat(((InvalidProcessException) thrown).errors())
            .isNotEmpty()
            .allSatisfy(
                e -> assertThat(e.line()).isBetween(0, (int) candidate.lines().count() + 1));
      }
    }
  }

  private static String garble(String source, Random random) {
    char[] chars = source.toCharArray();
    String noise = ":-[]{}&*!|>'\"#%@`,? \n\t";
    for (int j = 0; j < 5; j++) {
      chars[random.nextInt(chars.length)] = noise.charAt(random.nextInt(noise.length()));
    }
    return new String(chars);
  }
}
