package io.tollgate.freeze;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tollgate.shared.Invalid;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** When a freeze holds, without Spring: one-off and recurring occurrences, on a fixed clock. */
class FreezeScheduleTests {
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-04T17:00:00Z"), ZoneOffset.UTC);
  static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

  @Test
  void aOneOffFreezeCoversItsPeriodOnly() {
    Freeze f = freeze("2026-12-04T16:00:00Z", "2026-12-04T18:00:00Z", null, ZoneOffset.UTC);
    Instant now = CLOCK.instant();
    assertThat(FreezeSchedule.covering(f, now)).isPresent();
    assertThat(FreezeSchedule.covering(f, now.plus(Duration.ofHours(1))))
        .isEmpty(); // end: exclusive
    assertThat(FreezeSchedule.covering(f, now.minus(Duration.ofHours(1)))).isPresent(); // start
    assertThat(
            FreezeSchedule.occurrences(
                f, now.minus(Duration.ofDays(10)), now.plus(Duration.ofDays(10))))
        .hasSize(1);
  }

  @Test
  void aWeeklyFreezeFindsTheOccurrenceOfTheRightWeekInItsTimezone() {
    // every Friday 16:00–20:00 Berlin time, first on Friday 2026-10-02 (summer time, UTC+2)
    Freeze f =
        freeze("2026-10-02T14:00:00Z", "2026-10-02T18:00:00Z", "FREQ=WEEKLY;BYDAY=FR", BERLIN);
    // Friday 2026-12-04 17:00 UTC is 18:00 in Berlin (winter time, UTC+1): inside
    FreezeOccurrence now = FreezeSchedule.covering(f, CLOCK.instant()).orElseThrow();
    assertThat(now.start()).isEqualTo(Instant.parse("2026-12-04T15:00:00Z"));
    assertThat(now.end()).isEqualTo(Instant.parse("2026-12-04T19:00:00Z"));
    // Thursday at the same hour: outside; Friday 15:30 UTC (16:30 Berlin): inside
    assertThat(FreezeSchedule.covering(f, Instant.parse("2026-12-03T17:00:00Z"))).isEmpty();
    assertThat(FreezeSchedule.covering(f, Instant.parse("2026-12-04T14:30:00Z"))).isEmpty();
    // before the first occurrence: nothing
    assertThat(FreezeSchedule.covering(f, Instant.parse("2026-09-25T15:00:00Z"))).isEmpty();
  }

  @Test
  void occurrencesOverlappingARangeIncludeOneThatStartedBeforeIt() {
    Freeze f =
        freeze(
            "2026-12-01T22:00:00Z", "2026-12-02T02:00:00Z", "FREQ=DAILY;COUNT=5", ZoneOffset.UTC);
    List<FreezeOccurrence> found =
        FreezeSchedule.occurrences(
            f, Instant.parse("2026-12-03T01:00:00Z"), Instant.parse("2026-12-10T00:00:00Z"));
    assertThat(found)
        .extracting(FreezeOccurrence::start)
        .containsExactly(
            Instant.parse("2026-12-02T22:00:00Z"), // still running at 01:00 on the 3rd
            Instant.parse("2026-12-03T22:00:00Z"),
            Instant.parse("2026-12-04T22:00:00Z"),
            Instant.parse("2026-12-05T22:00:00Z")); // COUNT=5 ends here
  }

  @Test
  void anUntilEndsTheRule() {
    Freeze f =
        freeze(
            "2026-12-01T09:00:00Z",
            "2026-12-01T10:00:00Z",
            "FREQ=DAILY;UNTIL=20261203T235959Z",
            ZoneOffset.UTC);
    assertThat(
            FreezeSchedule.occurrences(
                f, Instant.parse("2026-12-01T00:00:00Z"), Instant.parse("2026-12-31T00:00:00Z")))
        .hasSize(3);
  }

  @Test
  void aRuleThatDoesNotParseIsRefusedSayingWhy() {
    assertThatThrownBy(() -> FreezeSchedule.parse("FREQ=FORTNIGHTLY"))
        .isInstanceOf(Invalid.class)
        .hasMessageContaining("does not parse");
    assertThatThrownBy(() -> FreezeSchedule.parse("BYDAY=MO"))
        .isInstanceOf(Invalid.class)
        .hasMessageContaining("FREQ");
    assertThatThrownBy(() -> FreezeSchedule.parse("FREQ=MINUTELY"))
        .isInstanceOf(Invalid.class)
        .hasMessageContaining("at most hourly");
    assertThat(FreezeSchedule.parse("RRULE:FREQ=MONTHLY;BYMONTHDAY=-1").getFrequency())
        .hasToString("MONTHLY");
  }

  @Test
  void aRequestIsCheckedFieldByField() {
    assertThatThrownBy(
            () -> request("x", "2026-12-02T00:00Z", "2026-12-01T00:00Z", null, null).check())
        .isInstanceOf(Invalid.class)
        .hasMessageContaining("ends");
    assertThatThrownBy(
            () ->
                request("x", "2026-12-01T00:00Z", "2026-12-02T00:00Z", null, "Nowhere/City")
                    .check())
        .hasMessageContaining("Unknown timezone");
    assertThatThrownBy(
            () -> request("", "2026-12-01T00:00Z", "2026-12-02T00:00Z", null, null).check())
        .hasMessageContaining("reason");
    assertThatThrownBy(() -> request("x", "tomorrow", "2026-12-02T00:00Z", null, null).check())
        .hasMessageContaining("ISO 8601");
    // a local date and time is read in the timezone
    NewFreeze.Checked local =
        request("x", "2026-12-24T00:00", "2026-12-27T00:00", "FREQ=YEARLY", "Europe/Berlin")
            .check();
    assertThat(local.start()).isEqualTo(Instant.parse("2026-12-23T23:00:00Z"));
    assertThat(local.products()).isEmpty();
  }

  private static NewFreeze request(
      String reason, String start, String end, String rrule, String zone) {
    return new NewFreeze(reason, start, end, rrule, zone, null);
  }

  private static Freeze freeze(String start, String end, String rrule, ZoneId zone) {
    return new Freeze(
        "f1",
        "Release freeze",
        Instant.parse(start),
        Instant.parse(end),
        rrule,
        zone,
        Set.of(),
        "rita",
        CLOCK.instant());
  }
}
