package io.tollgate.process;

import static io.tollgate.process.Fixtures.TINY;
import static io.tollgate.process.Fixtures.errors;
import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.process.DutyRule.Act;
import io.tollgate.process.DutyRule.Kind;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The {@code separationOfDuties} section: read into rules, every mistake reported at its line. */
class SeparationOfDutiesParsingTests {

  private static String withRules(String... lines) {
    return TINY + "separationOfDuties:\n" + String.join("\n", lines) + "\n";
  }

  @Test
  void readsARuleWithItsActs() {
    ProcessDefinition p =
        ProcessParser.parse(
            withRules(
                "  - rule: decider-not-shipper",
                "    description: who decides does not ship",
                "    notSamePerson: [decision:go, step:ship]"));
    assertThat(p.separationOfDuties())
        .containsExactly(
            new DutyRule(
                "decider-not-shipper",
                "who decides does not ship",
                List.of(new Act(Kind.DECISION, "go"), new Act(Kind.STEP, "ship"))));
    assertThat(p.dutiesOf(new Act(Kind.STEP, "ship"))).hasSize(1);
    assertThat(p.dutiesOf(new Act(Kind.STEP, "prepare"))).isEmpty();
  }

  @Test
  void aProcessWithoutRulesHasNone() {
    assertThat(ProcessParser.parse(TINY).separationOfDuties()).isEmpty();
    assertThat(ProcessParser.builtIn().separationOfDuties()).isEmpty();
  }

  @Test
  void theStrictProcessShipsTwoRules() throws IOException {
    String yaml;
    try (InputStream in = ProcessParser.class.getResourceAsStream(ProcessParser.STRICT + ".yaml")) {
      yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    ProcessDefinition strict = ProcessParser.parse(yaml);
    assertThat(strict.id()).isEqualTo("octoacme-strict");
    assertThat(strict.separationOfDuties())
        .extracting(DutyRule::rule)
        .containsExactly("decider-not-deployer", "evidence-not-signer");
    assertThat(strict.steps()).isEqualTo(ProcessParser.builtIn().steps());
  }

  @Test
  void reportsAnUnknownStepAtItsLine() {
    assertThat(
            errors(
                withRules(
                    "  - rule: decider-not-shipper", "    notSamePerson: [decision:go, step:shp]")))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.line()).isEqualTo(25);
              assertThat(e.message())
                  .startsWith(
                      "separation-of-duties rule 'decider-not-shipper' names unknown step 'shp'")
                  .contains("did you mean 'ship'");
            });
  }

  @Test
  void reportsAnUnknownKindAndAnotherDecisionThanGo() {
    assertThat(
            errors(
                withRules(
                    "  - rule: r1",
                    "    notSamePerson:",
                    "      - deploy:ship",
                    "      - decision:no-go",
                    "      - step:ship")))
        .extracting(ProcessError::line, e -> e.message().contains("unknown kind 'deploy'"))
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(26, true),
            org.assertj.core.groups.Tuple.tuple(27, false));
  }

  @Test
  void reportsAnUnknownRequirementAnUnknownKeyAndTooFewActs() {
    List<ProcessError> errors =
        errors(
            withRules(
                "  - rule: r1",
                "    notSamePerson: [requirement:nope, step:ship]",
                "  - rule: r2",
                "    because: no",
                "    notSamePerson: [step:ship]"));
    assertThat(errors).extracting(ProcessError::line).containsExactly(25, 27, 28);
    assertThat(errors.get(0).message()).contains("names unknown requirement 'nope'");
    assertThat(errors.get(1).message()).contains("because");
    assertThat(errors.get(2).message()).contains("must name at least two acts");
  }

  @Test
  void reportsARepeatedRuleName() {
    assertThat(
            errors(
                withRules(
                    "  - rule: r1",
                    "    notSamePerson: [decision:go, step:ship]",
                    "  - rule: r1",
                    "    notSamePerson: [decision:go, step:prepare]")))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.line()).isEqualTo(26);
              assertThat(e.message()).contains("is used twice (first at line 24)");
            });
  }
}
