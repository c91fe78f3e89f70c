package io.tollgate.process;

import static io.tollgate.process.Fixtures.TINY;
import static io.tollgate.process.Fixtures.errors;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A handoff's SLA: written as 30m, 4h, 1d or 2h30m; 4 hours when absent; refused when odd. */
class HandoffSlaTests {
  private static String withHandoff(String sla) {
    return TINY
        + """
        handoffs:
          - key: rm-to-ops
            from: rm
            to: ops
            handsOver: The go
            trigger: decide
        """
        + (sla == null ? "" : "    sla: " + sla + "\n");
  }

  @Test
  void durationsAreReadInTheWrittenForms() {
    assertThat(HandoffSla.parse("30m")).contains(Duration.ofMinutes(30));
    assertThat(HandoffSla.parse("4h")).contains(Duration.ofHours(4));
    assertThat(HandoffSla.parse("1d")).contains(Duration.ofDays(1));
    assertThat(HandoffSla.parse("2h30m")).contains(Duration.ofMinutes(150));
    assertThat(HandoffSla.parse("0m")).isEmpty();
    assertThat(HandoffSla.parse("31d")).isEmpty();
    assertThat(HandoffSla.parse("soon")).isEmpty();
    assertThat(HandoffSla.parse("4 hours")).isEmpty();
    assertThat(HandoffSla.format(Duration.ofMinutes(150))).isEqualTo("2h30m");
  }

  @Test
  void aHandoffWithoutAnSlaGetsFourHoursAndOneWithItsOwnKeepsIt() {
    assertThat(ProcessParser.parse(withHandoff(null)).handoffs().get(0).sla())
        .isEqualTo(Duration.ofHours(4));
    assertThat(ProcessParser.parse(withHandoff("45m")).handoffs().get(0).sla())
        .isEqualTo(Duration.ofMinutes(45));
    assertThat(ProcessParser.builtIn().handoffs())
        .allMatch(h -> h.sla().equals(HandoffSla.DEFAULT));
  }

  @Test
  void anSlaThatIsNoDurationIsReportedAtItsLine() {
    assertThat(errors(withHandoff("tomorrow")))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.message()).contains("handoff 'rm-to-ops'", "'tomorrow'", "30m, 4h");
              assertThat(e.line()).isEqualTo(withHandoff("tomorrow").split("\n").length);
            });
  }
}
