package io.tollgate.release;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Each status has one word and one mark, the ones every page shows. */
class StatusMarksTests {
  static final Instant NOW = Instant.parse("2026-03-02T10:00:00Z");

  @Test
  void aRequirementIsOpenUntilMet() {
    RequirementState open = RequirementState.open("acceptance-criteria");
    RequirementState met = open.metBy("quinn", NOW, Evidence.NONE);

    assertThat(open.status()).isEqualTo(RequirementStatus.OPEN);
    assertThat(open.status().icon() + " " + open.status().id()).isEqualTo("○ open");
    assertThat(met.status()).isEqualTo(RequirementStatus.MET);
    assertThat(met.status().icon() + " " + met.status().id()).isEqualTo("✓ met");
  }

  @Test
  void aHandoffWaitsIsHandedAndIsAcknowledged() {
    HandoffState waiting = HandoffState.waiting("qa-to-rm");
    HandoffState handed = waiting.handed("quinn", NOW);
    HandoffState acknowledged = handed.acknowledged("rita", NOW.plusSeconds(60));

    assertThat(waiting.status()).isEqualTo(HandoffStatus.WAITING);
    assertThat(handed.status()).isEqualTo(HandoffStatus.HANDED);
    assertThat(acknowledged.status()).isEqualTo(HandoffStatus.ACKNOWLEDGED);
    assertThat(HandoffStatus.values())
        .extracting(s -> s.icon() + " " + s.id())
        .containsExactly("○ waiting", "→ handed", "✓ acknowledged");
  }

  @Test
  void verdictsAndOutcomesHaveTheirMarks() {
    assertThat(Decision.Verdict.GO.icon() + " " + Decision.Verdict.GO.id()).isEqualTo("✓ go");
    assertThat(Decision.Verdict.NO_GO.icon() + " " + Decision.Verdict.NO_GO.id())
        .isEqualTo("⛔ no-go");
    assertThat(Outcome.SUCCEEDED.icon()).isEqualTo("✓");
    assertThat(Outcome.FAILED.icon()).isEqualTo("✗");
  }
}
