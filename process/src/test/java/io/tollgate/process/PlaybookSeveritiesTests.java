package io.tollgate.process;

import static io.tollgate.process.Fixtures.TINY;
import static io.tollgate.process.Fixtures.WITH_PLAYBOOK;
import static io.tollgate.process.Fixtures.errors;
import static io.tollgate.process.Fixtures.insertAfter;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The playbook declares the severities an incident may have; the parser checks the list. */
class PlaybookSeveritiesTests {
  /** WITH_PLAYBOOK with {@code line} inserted after the playbook's trigger, at line 25. */
  private static String withSeverities(String line) {
    return insertAfter(WITH_PLAYBOOK, 24, line);
  }

  @Test
  void theBuiltInProcessDeclaresTheDefaultSeverities() {
    Playbook playbook = ProcessParser.builtIn().playbook();

    assertThat(playbook.severities()).containsExactly("critical", "high", "medium", "low");
    assertThat(playbook.severities()).isEqualTo(Playbook.DEFAULT_SEVERITIES);
    assertThat(playbook.mostSevere()).isEqualTo("critical");
  }

  @Test
  void declaredSeveritiesAreReadInOrder() {
    Playbook playbook =
        ProcessParser.parse(withSeverities("  severities: [sev1, sev2, sev3]")).playbook();

    assertThat(playbook.severities()).containsExactly("sev1", "sev2", "sev3");
    assertThat(playbook.mostSevere()).isEqualTo("sev1");
    assertThat(playbook.hasSeverity("sev2")).isTrue();
    assertThat(playbook.hasSeverity("critical")).isFalse();
  }

  @Test
  void aProcessWithoutSeveritiesGetsTheDefault() {
    assertThat(ProcessParser.parse(WITH_PLAYBOOK).playbook().severities())
        .isEqualTo(Playbook.DEFAULT_SEVERITIES);
    assertThat(ProcessParser.parse(TINY).playbook().severities())
        .isEqualTo(Playbook.DEFAULT_SEVERITIES);
  }

  @Test
  void reportsAnEmptyListWithItsLine() {
    assertThat(errors(withSeverities("  severities: []")))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.line()).isEqualTo(25);
              assertThat(e.message()).contains("lists no 'severities'").contains("critical");
            });
  }

  @Test
  void reportsASeverityListedTwiceWithBothLines() {
    assertThat(errors(withSeverities("  severities: [major, minor, major]")))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.line()).isEqualTo(25);
              assertThat(e.message()).contains("'major' twice (first at line 25)");
            });
  }

  @Test
  void reportsSeveritiesThatAreNotAList() {
    assertThat(errors(withSeverities("  severities: major")))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.line()).isEqualTo(25);
              assertThat(e.message()).contains("must be a list");
            });
  }
}
