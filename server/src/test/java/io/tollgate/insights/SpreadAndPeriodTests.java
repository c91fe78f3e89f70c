package io.tollgate.insights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tollgate.shared.Invalid;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Percentiles by nearest rank, and the period's parsing and limits: no Spring. */
class SpreadAndPeriodTests {
  static final Instant NOW = Instant.parse("2026-12-02T10:00:00Z");

  @Test
  void percentilesAreTheValueAtTheNearestRank() {
    Spread s = Spread.of(List.of(50L, 10L, 40L, 20L, 30L));
    assertThat(s.p50()).as("rank ceil(2.5) = 3").isEqualTo(30L);
    assertThat(s.p90()).as("rank ceil(4.5) = 5").isEqualTo(50L);
    assertThat(s.count()).isEqualTo(5);

    Spread ten = Spread.of(List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L));
    assertThat(ten.p50()).isEqualTo(5L);
    assertThat(ten.p90()).isEqualTo(9L);

    Spread two = Spread.of(List.of(100L, 300L));
    assertThat(two.p50()).as("never interpolated").isEqualTo(100L);
    assertThat(two.p90()).isEqualTo(300L);

    assertThat(Spread.of(List.of(7L))).isEqualTo(new Spread(7L, 7L, 1));
    assertThat(Spread.of(List.of())).isEqualTo(Spread.NONE);
    assertThat(Spread.NONE.p50()).isNull();
  }

  @Test
  void aPeriodIsReadFromDatesOrInstantsAndDefaultsToTheLast30Days() {
    assertThat(Period.parse(null, null, NOW))
        .isEqualTo(new Period(Instant.parse("2026-11-02T10:00:00Z"), NOW));
    assertThat(Period.parse("2026-11-01", "2026-11-30", NOW))
        .as("a to date includes its day")
        .isEqualTo(
            new Period(
                Instant.parse("2026-11-01T00:00:00Z"), Instant.parse("2026-12-01T00:00:00Z")));
    assertThat(Period.parse("2026-11-01T09:30:00Z", "2026-11-02T09:30:00+01:00", NOW))
        .isEqualTo(
            new Period(
                Instant.parse("2026-11-01T09:30:00Z"), Instant.parse("2026-11-02T08:30:00Z")));
    assertThat(Period.parse("", "2026-11-30", NOW).from())
        .isEqualTo(Instant.parse("2026-11-01T00:00:00Z"));
    assertThat(Period.parse("2026-11-01", "2026-11-30", NOW).days()).isEqualTo(30.0);
  }

  @Test
  void aReversedTooWideOrUnreadablePeriodIsRefused() {
    assertThatThrownBy(() -> Period.parse("2026-11-30", "2026-11-01", NOW))
        .isInstanceOf(Invalid.class)
        .hasMessageContaining("swap from and to");
    assertThatThrownBy(() -> Period.parse("2026-11-01T10:00:00Z", "2026-11-01T10:00:00Z", NOW))
        .isInstanceOf(Invalid.class);
    assertThatThrownBy(() -> Period.parse("2025-01-01", "2026-01-02", NOW))
        .isInstanceOf(Invalid.class)
        .hasMessageContaining("longer than 366 days");
    assertThat(Period.parse("2025-01-01", "2026-01-01", NOW).days()).isEqualTo(366.0);
    assertThatThrownBy(() -> Period.parse("last tuesday", null, NOW))
        .isInstanceOf(Invalid.class)
        .hasMessageContaining("'last tuesday' is not a date")
        .satisfies(e -> assertThat(((Invalid) e).field()).isEqualTo("from"));
    assertThatThrownBy(() -> Period.parse(null, "2026-13-01", NOW))
        .isInstanceOf(Invalid.class)
        .satisfies(e -> assertThat(((Invalid) e).field()).isEqualTo("to"));
  }
}
