package io.tollgate.incident;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The words and marks of incident and playbook step statuses, as the incident page shows them. */
class IncidentStatusMarksTests {

  @Test
  void eachPlaybookStepStatusHasOneMark() {
    assertThat(PlaybookStepStatus.values())
        .extracting(s -> s.icon() + " " + s.id())
        .containsExactly("○ pending", "✓ done", "– skipped");
    assertThat(PlaybookStepStatus.iconOf("done")).isEqualTo("✓");
    assertThat(PlaybookStepStatus.iconOf("unheard-of")).isEqualTo("•");
  }

  @Test
  void anIncidentIsOpenOrResolved() {
    assertThat(IncidentStatus.values())
        .extracting(s -> s.icon() + " " + s.id())
        .containsExactly("● open", "✓ resolved");
    assertThat(IncidentStatus.iconOf("resolved")).isEqualTo("✓");
  }
}
