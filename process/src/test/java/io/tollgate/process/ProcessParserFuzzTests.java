package io.tollgate.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.tollgate.process.YamlMutator.Kind;
import io.tollgate.process.YamlMutator.Mutation;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Fuzzing the process parser with Jazzer: whatever a process file holds, {@link
 * ProcessParser#parse} answers within a minute with either a process or an {@link
 * InvalidProcessException} whose problems carry lines inside the file, never with another
 * exception. In every build the targets run once per committed seed (regression mode, {@code
 * ProcessParserFuzzTestsInputs/<target>/}); {@code JAZZER_FUZZ=1} fuzzes one target for real (see
 * the README, "Fuzzing").
 */
class ProcessParserFuzzTests {
  // A hang, not a speed limit: a cold JVM on a busy 2-core machine took over 5 s on a 780 kB
  // scalar once, so the bound only catches inputs that never finish.
  private static final Duration PER_TRY = Duration.ofSeconds(60);
  private static final String BUILT_IN = ProcessParser.builtInYaml();

  /** Any bytes as a file would arrive over HTTP: decoded as UTF-8. */
  @FuzzTest
  void anyFileIsParsedOrExplained(byte[] file) {
    parsesOrExplains(new String(file, StandardCharsets.UTF_8));
  }

  /** The built-in process changed in structure and text ({@link YamlMutator}). */
  @FuzzTest
  void mutationsOfTheBuiltInProcessAreParsedOrExplained(FuzzedDataProvider data) {
    parsesOrExplains(YamlMutator.apply(BUILT_IN, mutations(data)));
  }

  /**
   * The built-in process with any Java text spliced in (unpaired surrogates and all): the fuzzer's
   * text inside a file that is otherwise valid.
   */
  @FuzzTest
  void theBuiltInProcessWithTextSplicedInIsParsedOrExplained(FuzzedDataProvider data) {
    int cut = data.consumeInt(0, BUILT_IN.length());
    parsesOrExplains(
        BUILT_IN.substring(0, cut) + data.consumeRemainingAsString() + BUILT_IN.substring(cut));
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

  /** One to eight mutations, each drawn from the fuzzer's data. */
  static List<Mutation> mutations(FuzzedDataProvider data) {
    Kind[] kinds = Kind.values();
    List<Mutation> mutations = new ArrayList<>();
    for (int i = data.consumeInt(1, 8); i > 0 && data.remainingBytes() > 0; i--) {
      mutations.add(
          new Mutation(
              kinds[data.consumeInt(0, kinds.length - 1)],
              data.consumeInt(0, Integer.MAX_VALUE),
              data.consumeInt(0, Integer.MAX_VALUE),
              data.consumeBoolean() ? data.consumeInt(0, 64) : data.consumeInt(0, 1_200_000)));
    }
    return mutations;
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
