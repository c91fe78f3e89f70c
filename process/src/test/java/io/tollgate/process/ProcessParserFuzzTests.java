package io.tollgate.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.tollgate.process.YamlMutator.Kind;
import io.tollgate.process.YamlMutator.Mutation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Fuzzing the process parser: whatever a process file holds, {@link ProcessParser#parse} answers
 * within a few seconds with either a process or an {@link InvalidProcessException} whose problems
 * carry lines inside the file, never with another exception. {@link Fuzz} says how to run longer
 * ({@code -Dfuzz.tries}) and how to replay a failure.
 */
class ProcessParserFuzzTests {
  // A hang, not a speed limit: a cold JVM on a busy 2-core machine took over 5 s on a 780 kB
  // scalar once, so the bound only catches inputs that never finish.
  private static final Duration PER_TRY = Duration.ofSeconds(60);
  private static final String BUILT_IN = ProcessParser.builtInYaml();

  private static final String[] PIECES = {
    "\n",
    "\n  ",
    "\n    ",
    "\n      - ",
    "- ",
    ": ",
    "key: ",
    "id: x\n",
    "name: X\n",
    "roles:",
    "steps:",
    "requirements:",
    "playbook:",
    "notes:",
    "handoffs:",
    "owner: ",
    "after: ",
    "kind: ",
    "decision",
    "deploy",
    "production",
    "staging",
    "release-manager",
    "devops",
    "[",
    "]",
    "{",
    "}",
    ",",
    "&a ",
    "*a",
    "<<: ",
    "!!str ",
    "!!set ",
    "? ",
    "|",
    ">",
    "'",
    "\"",
    "#",
    "~",
    "null",
    "1",
    "-1",
    "0x1F",
    "1e999",
    ".inf",
    "true",
    "2026-12-01",
    "\t",
    "\r\n",
    "\u2028",
    "\u0085",
    "é",
    "\uD83D\uDE00",
    "\uD800",
    "\u0000",
    "---\n",
    "...\n",
    "%TAG ! tag:x,2000:\n",
    "!x "
  };

  @Test
  void mutationsOfTheBuiltInProcessAreParsedOrExplained() {
    Fuzz.check(
        300,
        ProcessParserFuzzTests::mutations,
        m -> m + "\nmutated:\n" + YamlMutator.apply(BUILT_IN, m),
        m -> parsesOrExplains(YamlMutator.apply(BUILT_IN, m)));
  }

  @Test
  void yamlShapedTextIsParsedOrExplained() {
    Fuzz.check(
        300, ProcessParserFuzzTests::yamlShaped, t -> t, ProcessParserFuzzTests::parsesOrExplains);
  }

  @Test
  void arbitraryTextIsParsedOrExplained() {
    Fuzz.check(
        300, ProcessParserFuzzTests::anyText, t -> t, ProcessParserFuzzTests::parsesOrExplains);
  }

  @Test
  void theBuiltInProcessWithArbitraryTextSplicedInIsParsedOrExplained() {
    Fuzz.check(
        200,
        r -> {
          int cut = r.nextInt(BUILT_IN.length() + 1);
          return BUILT_IN.substring(0, cut) + anyText(r) + BUILT_IN.substring(cut);
        },
        t -> t,
        ProcessParserFuzzTests::parsesOrExplains);
  }

  // ------------------------------------------------- regression cases the fuzzer found

  /**
   * Found by the fuzzer (the built-in process dumped in flow style): a quoted template's {@code \n}
   * escapes were counted as lines of the file, so problems pointed past its end.
   */
  @Test
  void aProblemInAQuotedTemplateIsReportedAtALineOfTheTemplate() {
    String yaml =
        Fixtures.TINY
            + "notes:\n"
            + "  fields: []\n"
            + "  template: \"# Notes\\n\\n\\n{{summary}}\\n{{/summary}}\"\n";

    List<ProcessError> errors = Fixtures.errors(yaml);

    assertThat(errors).extracting(ProcessError::line).containsOnly(25);
    parsesOrExplains(yaml);
  }

  // ------------------------------------------------- generators

  static List<Mutation> mutations(SplittableRandom r) {
    Kind[] kinds = Kind.values();
    List<Mutation> mutations = new ArrayList<>();
    for (int i = 0; i < 1 + r.nextInt(8); i++) {
      mutations.add(
          new Mutation(
              kinds[r.nextInt(kinds.length)],
              r.nextInt(Integer.MAX_VALUE),
              r.nextInt(Integer.MAX_VALUE),
              r.nextBoolean() ? r.nextInt(65) : r.nextInt(1_200_000)));
    }
    return mutations;
  }

  static String yamlShaped(SplittableRandom r) {
    StringBuilder yaml = new StringBuilder();
    for (int i = r.nextInt(300); i > 0; i--) {
      if (r.nextInt(4) == 0) {
        for (int j = 1 + r.nextInt(12); j > 0; j--) yaml.append((char) ('a' + r.nextInt(26)));
      } else {
        yaml.append(PIECES[r.nextInt(PIECES.length)]);
      }
    }
    return yaml.toString();
  }

  static String anyText(SplittableRandom r) {
    StringBuilder text = new StringBuilder();
    String punctuation = ":-[]{}&*!|>'\"#%@`,? \n\t";
    switch (r.nextInt(3)) {
      case 0 -> r.ints(r.nextInt(500), 0, 0x10000).forEach(c -> text.append((char) c));
      case 1 -> r.ints(r.nextInt(2000), 0, 0x80).forEach(c -> text.append((char) c));
      default ->
          r.ints(r.nextInt(500), 0, punctuation.length())
              .forEach(i -> text.append(punctuation.charAt(i)));
    }
    return text.toString();
  }

  /** The contract of the parser for any input, with a per-try time limit. */
  static void parsesOrExplains(String yaml) {
    Throwable thrown =
        assertTimeoutPreemptively(
            PER_TRY,
            () -> catchThrowable(() -> assertThat(ProcessParser.parse(yaml)).isNotNull()),
            () -> "parsing took longer than " + PER_TRY + ":\n" + preview(yaml));
    if (thrown == null) {
      return;
    }
    assertThat(thrown)
        .as("the exception for:\n%s", preview(yaml))
        .isInstanceOf(InvalidProcessException.class);
    List<ProcessError> errors = ((InvalidProcessException) thrown).errors();
    int lines = yamlLines(yaml);
    assertThat(errors).as("problems of:\n%s", preview(yaml)).isNotEmpty();
    assertThat(errors)
        .as("problems of:\n%s", preview(yaml))
        .allSatisfy(
            e -> {
              assertThat(e.message()).isNotBlank();
              assertThat(e.line()).isBetween(0, lines + 1);
            });
    boolean tooLarge = errors.get(0).message().contains("larger than");
    assertThat(tooLarge || errors.stream().anyMatch(e -> e.line() > 0))
        .as("some problem names its line: %s\nin:\n%s", errors, preview(yaml))
        .isTrue();
  }

  /** Lines as YAML counts them: \r\n, \r, \n, NEL, LS and PS each end one. */
  static int yamlLines(String yaml) {
    int lines = 1;
    for (int i = 0; i < yaml.length(); i++) {
      char c = yaml.charAt(i);
      if (c == '\r' && i + 1 < yaml.length() && yaml.charAt(i + 1) == '\n') continue;
      if (c == '\n' || c == '\r' || c == '\u0085' || c == '\u2028' || c == '\u2029') lines++;
    }
    return lines;
  }

  private static String preview(String yaml) {
    String shown =
        yaml.length() > 3000 ? yaml.substring(0, 3000) + "… (" + yaml.length() + " chars)" : yaml;
    return shown.replace("\u0000", "\\0");
  }
}
