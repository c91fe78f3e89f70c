package io.tollgate.process;

import static io.tollgate.process.Fixtures.TINY;
import static io.tollgate.process.Fixtures.WITH_PLAYBOOK;
import static io.tollgate.process.Fixtures.errors;
import static io.tollgate.process.Fixtures.insertAfter;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * What a process declares for the built-in behaviour, so no service or template names its keys:
 * requirements met automatically by events, the playbook step resolving an incident, and the graph
 * queries on the definition.
 */
class DeclarationsTests {
  private static final String WITH_REQUIREMENT =
      TINY
          + """
          requirements:
            - key: ci
              title: CI green
              owner: ops
              autoMet: [ci.succeeded]
          """;

  @Test
  void aRequirementDeclaresTheEventKindsThatMeetItAutomatically() {
    RequirementDef ci = ProcessParser.parse(WITH_REQUIREMENT).requirement("ci").orElseThrow();

    assertThat(ci.autoMet()).containsExactly("ci.succeeded");
    assertThat(ci.autoMetBy("ci.succeeded")).isTrue();
    assertThat(ci.autoMetBy("ci.failed")).isFalse();
    assertThat(ProcessParser.builtIn().requirement("ci-security").orElseThrow().autoMet())
        .containsExactly("ci.succeeded");
  }

  @Test
  void anEventKindIsSourceDotEvent() {
    assertThat(errors(WITH_REQUIREMENT.replace("[ci.succeeded]", "[green]")))
        .extracting(ProcessError::line, ProcessError::message)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                27,
                "requirement 'ci' is met automatically by 'green', which is not an event kind;"
                    + " write it as source.event, e.g. ci.succeeded"));
  }

  @Test
  void aRequirementIsAQualityGateThatNeedsZeroFailures() {
    String gate = WITH_REQUIREMENT.replace("autoMet: [ci.succeeded]", "check: zero-failures");
    RequirementDef ci = ProcessParser.parse(gate).requirement("ci").orElseThrow();
    assertThat(ci.check()).isEqualTo(RequirementDef.Check.ZERO_FAILURES);
    assertThat(ProcessParser.parse(WITH_REQUIREMENT).requirement("ci").orElseThrow().check())
        .isEqualTo(RequirementDef.Check.NONE);
    assertThat(errors(gate.replace("zero-failures", "zero-failure")))
        .extracting(ProcessError::line, ProcessError::message)
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.toList().get(0)).isEqualTo(27);
              assertThat((String) e.toList().get(1))
                  .startsWith("'check' of requirement 'ci' is 'zero-failure'")
                  .contains("zero-failures");
            });
  }

  @Test
  void aPlaybookStepMayResolveTheIncidentButOnlyOne() {
    String resolving = insertAfter(WITH_PLAYBOOK, 28, "      action: resolve");
    assertThat(ProcessParser.parse(resolving).playbook().step("halt").orElseThrow().action())
        .isEqualTo(PlaybookStepDef.Action.RESOLVE);
    assertThat(ProcessParser.builtIn().playbook().step("root-cause").orElseThrow().action())
        .isEqualTo(PlaybookStepDef.Action.RESOLVE);

    String twice =
        resolving
            + "    - key: close\n      title: Close\n      owner: rm\n      action: resolve\n";
    assertThat(errors(twice))
        .extracting(ProcessError::message)
        .containsExactly(
            "playbook step 'close' resolves the incident, but playbook step 'halt' already does;"
                + " only one step may have 'action: resolve'");
  }

  @Test
  void theDefinitionAnswersItsGraphQueries() {
    ProcessDefinition p = ProcessParser.builtIn();

    assertThat(p.releaseManagerRole()).isEqualTo("release-manager");
    assertThat(p.gatedDeploySteps()).containsExactly("deploy-production");
    assertThat(p.stepsBeforeDecision())
        .containsExactly(
            "schedule-window", "backup", "quality-gate", "deploy-staging", "smoke-staging");
    assertThat(p.dependenciesOf("deploy-staging")).contains("backup", "quality-gate");
  }
}
