package io.tollgate.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tollgate.release.ReleaseStatus;
import io.tollgate.release.WindowPlacement;
import io.tollgate.release.WindowedRelease;
import io.tollgate.shared.Invalid;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which windows collide, where a window sits, and which ranges a calendar takes. */
class ConflictsTests {
  private static final Instant T = Instant.parse("2026-12-01T10:00:00Z");

  private static WindowedRelease r(String id, String product, int fromHour, int toHour) {
    return r(id, product, fromHour, toHour, ReleaseStatus.PLANNED);
  }

  private static WindowedRelease r(
      String id, String product, int fromHour, int toHour, ReleaseStatus status) {
    return new WindowedRelease(
        id,
        product,
        "1.0.0",
        status,
        T.plusSeconds(3600L * fromHour),
        T.plusSeconds(3600L * toHour));
  }

  @Test
  void overlappingWindowsOfOneProductCollideBothWays() {
    Map<String, List<String>> c =
        Conflicts.among(List.of(r("a", "shop", 0, 2), r("b", "shop", 1, 3), r("c", "shop", 5, 6)));
    assertThat(c).containsOnlyKeys("a", "b");
    assertThat(c.get("a")).containsExactly("b");
    assertThat(c.get("b")).containsExactly("a");
  }

  @Test
  void windowsThatOnlyTouchOrBelongToOtherProductsDoNotCollide() {
    assertThat(
            Conflicts.among(
                List.of(r("a", "shop", 0, 2), r("b", "shop", 2, 3), r("c", "billing", 0, 3))))
        .isEmpty();
  }

  @Test
  void aLongWindowCollidesWithEveryWindowInsideIt() {
    Map<String, List<String>> c =
        Conflicts.among(
            List.of(
                r("long", "shop", 0, 48),
                r("x", "shop", 3, 4),
                r("y", "shop", 20, 21),
                r("z", "shop", 47, 49)));
    assertThat(c.get("long")).containsExactly("x", "y", "z");
    assertThat(c.get("x")).containsExactly("long");
  }

  @Test
  void aWindowOfOneInstantCollidesWhenInsideAnotherNotAtItsEnd() {
    assertThat(Conflicts.among(List.of(r("p", "shop", 1, 1), r("w", "shop", 0, 2))))
        .containsOnlyKeys("p", "w");
    assertThat(Conflicts.among(List.of(r("p", "shop", 2, 2), r("w", "shop", 0, 2)))).isEmpty();
    assertThat(Conflicts.among(List.of(r("p", "shop", 2, 2), r("q", "shop", 2, 2))))
        .containsOnlyKeys("p", "q");
  }

  @Test
  void aCancelledReleaseCollidesWithNothing() {
    assertThat(
            Conflicts.among(
                List.of(r("a", "shop", 0, 2), r("b", "shop", 1, 3, ReleaseStatus.CANCELLED))))
        .isEmpty();
  }

  @Test
  void aWindowWithOnlyAStartOrAnEndIsOneInstantAndAWeekPlusIsLong() {
    assertThat(WindowPlacement.place(T, null)).isEqualTo(new WindowPlacement.Placed(T, T, false));
    assertThat(WindowPlacement.place(null, T)).isEqualTo(new WindowPlacement.Placed(T, T, false));
    assertThat(WindowPlacement.place(null, null)).isNull();
    assertThat(WindowPlacement.place(T, T.plus(WindowPlacement.LONG)).isLong()).isFalse();
    assertThat(WindowPlacement.place(T, T.plus(WindowPlacement.LONG).plusSeconds(1)).isLong())
        .isTrue();
  }

  @Test
  void aRangeIsDaysOrInstantsNotReversedAndAtMost366Days() {
    LocalDate today = LocalDate.parse("2026-12-17");
    assertThat(CalendarRange.parse(null, null, today))
        .isEqualTo(
            new CalendarRange(
                Instant.parse("2026-12-01T00:00:00Z"), Instant.parse("2027-01-01T00:00:00Z")));
    assertThat(CalendarRange.parse("2026-12-01", "2026-12-07", today).to())
        .as("a day as 'to' is included")
        .isEqualTo(Instant.parse("2026-12-08T00:00:00Z"));
    assertThat(CalendarRange.parse("2026-12-01T09:00:00Z", "2026-12-01T11:00:00+01:00", today))
        .isEqualTo(new CalendarRange(T.minusSeconds(3600), T));
    assertThatThrownBy(() -> CalendarRange.parse("2026-12-07", "2026-12-01", today))
        .isInstanceOf(Invalid.class)
        .hasMessageContaining("reversed");
    assertThatThrownBy(() -> CalendarRange.parse("2026-01-01", "2027-01-02", today))
        .isInstanceOf(Invalid.class)
        .hasMessageContaining("366 days");
    assertThatThrownBy(() -> CalendarRange.parse("next tuesday", null, today))
        .isInstanceOf(Invalid.class)
        .hasMessageContaining("'from' is not a date");
    assertThat(CalendarRange.parse("2026-01-01", "2026-12-31", today).to())
        .isEqualTo(Instant.parse("2027-01-01T00:00:00Z"));
  }
}
