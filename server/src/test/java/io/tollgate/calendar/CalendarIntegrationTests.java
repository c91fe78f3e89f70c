package io.tollgate.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.support.Api;
import io.tollgate.support.IntegrationTest;
import io.tollgate.support.ReleaseDriver;
import io.tollgate.support.Team;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * {@code GET /api/v1/calendar}: the windows of the caller's products in a range, with the releases
 * they collide with, over real HTTP on H2 and PostgreSQL. Each test plans its releases in a month
 * of its own, far ahead, so that tests sharing the database do not see each other's windows.
 */
class CalendarIntegrationTests extends IntegrationTest {

  /** The first instant of a month no other test uses: a random one between 2200 and 2999. */
  private static Instant freshMonth() {
    int year = 2200 + (int) (Math.abs(UUID.randomUUID().getMostSignificantBits()) % 800);
    int month = 1 + (int) (Math.abs(UUID.randomUUID().getLeastSignificantBits()) % 12);
    return Instant.parse(String.format("%04d-%02d-01T00:00:00Z", year, month));
  }

  private static Instant at(Instant month, int day, int hour) {
    return month.plus(day - 1, ChronoUnit.DAYS).plus(hour, ChronoUnit.HOURS);
  }

  private static JsonNode calendar(Api who, String query) {
    Api.Response r = who.get("/api/v1/calendar?" + query);
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    return r.json();
  }

  private static String month(Instant m) {
    return "from=" + m + "&to=" + m.atOffset(java.time.ZoneOffset.UTC).plusMonths(1).toInstant();
  }

  private static Map<String, JsonNode> byRelease(JsonNode list) {
    Map<String, JsonNode> m = new LinkedHashMap<>();
    list.forEach(e -> m.put(e.path("release").asString(), e));
    return m;
  }

  private static List<String> conflicts(JsonNode entry) {
    List<String> ids = new ArrayList<>();
    entry.path("conflicts").forEach(c -> ids.add(c.asString()));
    return ids;
  }

  @Test
  void overlappingWindowsOfOneProductAreConflictsAndTouchingOnesAreNot() {
    Team t = team();
    Instant m = freshMonth();
    String a = ReleaseDriver.plan(t, at(m, 10, 9), at(m, 10, 12));
    String b = ReleaseDriver.plan(t, at(m, 10, 11), at(m, 10, 13));
    String c = ReleaseDriver.plan(t, at(m, 10, 13), at(m, 10, 14)); // starts as b ends
    String elsewhere = ReleaseDriver.plan(t, at(m, 20, 9), at(m, 20, 10));

    JsonNode list = calendar(t.developer, month(m) + "&product=" + t.product);

    Map<String, JsonNode> entries = byRelease(list);
    assertThat(entries.keySet()).containsExactly(a, b, c, elsewhere); // by window start
    assertThat(conflicts(entries.get(a))).containsExactly(b);
    assertThat(conflicts(entries.get(b))).containsExactly(a);
    assertThat(conflicts(entries.get(c))).isEmpty();
    assertThat(conflicts(entries.get(elsewhere))).isEmpty();
    JsonNode first = entries.get(a);
    List<String> fields = new ArrayList<>();
    first.propertyNames().forEach(fields::add);
    assertThat(fields)
        .as("the contract's fields, no more")
        .containsExactly("release", "product", "version", "status", "window", "conflicts");
    assertThat(first.path("product").asString()).isEqualTo(t.product);
    assertThat(first.path("version").asString()).matches("\\d+\\.\\d+\\.\\d+");
    assertThat(first.path("status").asString()).isEqualTo("planned");
    assertThat(first.path("window").path("start").asString()).isEqualTo(at(m, 10, 9).toString());
    assertThat(first.path("window").path("end").asString()).isEqualTo(at(m, 10, 12).toString());
  }

  @Test
  void windowsOfDifferentProductsDoNotConflictAndEachPersonSeesOnlyTheirProducts() {
    Team shop = team();
    Team billing = team();
    Instant m = freshMonth();
    String s = ReleaseDriver.plan(shop, at(m, 5, 9), at(m, 5, 12));
    String b = ReleaseDriver.plan(billing, at(m, 5, 10), at(m, 5, 11));

    assertThat(byRelease(calendar(shop.qa, month(m))).keySet()).containsExactly(s);
    assertThat(byRelease(calendar(billing.support, month(m))).keySet()).containsExactly(b);
    Map<String, JsonNode> all = byRelease(calendar(admin, month(m)));
    assertThat(all).containsKeys(s, b);
    assertThat(conflicts(all.get(s))).isEmpty();
    assertThat(conflicts(all.get(b))).isEmpty();

    // another product's calendar does not exist for a non-member; nor does an unknown product
    Api.Response other =
        shop.qa.get("/api/v1/calendar?" + month(m) + "&product=" + billing.product);
    assertThat(other.status()).as(other.toString()).isEqualTo(404);
    assertThat(other.contentType()).startsWith("application/problem+json");
    assertThat(other.text("detail")).contains(billing.product, "GET /api/v1/products");
    assertThat(shop.qa.get("/api/v1/calendar?product=no-such-product").status()).isEqualTo(404);
    // a token scoped to one product sees that product only
    Api scoped = shop.scoped("qa-lead", Map.of("products", List.of(shop.product)));
    assertThat(byRelease(calendar(scoped, month(m))).keySet()).containsExactly(s);
  }

  @Test
  void aConflictWithAWindowOutsideTheRangeIsStillNamed() {
    Team t = team();
    Instant m = freshMonth();
    Instant next = m.atOffset(java.time.ZoneOffset.UTC).plusMonths(1).toInstant();
    // straddles the end of the month; its partner lies wholly in the next month
    String straddling =
        ReleaseDriver.plan(t, next.minus(2, ChronoUnit.HOURS), next.plus(5, ChronoUnit.HOURS));
    String partner =
        ReleaseDriver.plan(t, next.plus(3, ChronoUnit.HOURS), next.plus(4, ChronoUnit.HOURS));

    Map<String, JsonNode> entries = byRelease(calendar(t.rm, month(m)));

    assertThat(entries.keySet()).containsExactly(straddling);
    assertThat(conflicts(entries.get(straddling))).containsExactly(partner);
  }

  @Test
  void longWindowsOneInstantWindowsAndCancelledReleasesArePlacedAsTheySay() {
    Team t = team();
    Instant m = freshMonth();
    // three weeks long, starting before the range: read apart from the short windows
    String fortnight = ReleaseDriver.plan(t, at(m, 1, 0).minus(10, ChronoUnit.DAYS), at(m, 12, 0));
    String instant = ReleaseDriver.plan(t, at(m, 3, 15), null);
    String endOnly = ReleaseDriver.plan(t, null, at(m, 25, 8));
    String cancelled = ReleaseDriver.plan(t, at(m, 3, 14), at(m, 3, 16));
    Api.Response cancel =
        t.rm.post(ReleaseDriver.path(cancelled) + "/cancel", Map.of("reason", "moved"));
    assertThat(cancel.status()).as(cancel.toString()).isEqualTo(200);
    ReleaseDriver.plan(t, null, null); // no window: on no calendar

    Map<String, JsonNode> entries = byRelease(calendar(t.rm, month(m) + "&product=" + t.product));

    assertThat(entries.keySet()).containsExactly(fortnight, cancelled, instant, endOnly);
    assertThat(entries.get(instant).path("window").path("end").asString())
        .isEqualTo(at(m, 3, 15).toString());
    assertThat(entries.get(endOnly).path("window").path("start").asString())
        .isEqualTo(at(m, 25, 8).toString());
    assertThat(entries.get(cancelled).path("status").asString()).isEqualTo("cancelled");
    assertThat(conflicts(entries.get(cancelled))).isEmpty();
    assertThat(conflicts(entries.get(fortnight))).containsExactly(instant);
    assertThat(conflicts(entries.get(instant))).containsExactly(fortnight);
    // a week of the range: the long window started well before it and is still found
    Map<String, JsonNode> week =
        byRelease(
            calendar(
                t.rm, "from=" + at(m, 8, 0) + "&to=" + at(m, 15, 0) + "&product=" + t.product));
    assertThat(week.keySet()).containsExactly(fortnight);
  }

  @Test
  void aReversedATooWideOrAnUnreadableRangeIsRefusedWith422() {
    Team t = team();
    for (String query :
        List.of(
            "from=2026-12-10&to=2026-12-01",
            "from=2026-12-01T10:00:00Z&to=2026-12-01T10:00:00Z",
            "from=2026-01-01&to=2027-03-01",
            "from=yesterday")) {
      Api.Response r = t.rm.get("/api/v1/calendar?" + query);
      assertThat(r.status()).as(query + ": " + r).isEqualTo(422);
      assertThat(r.contentType()).startsWith("application/problem+json");
      assertThat(r.text("detail")).isNotBlank();
    }
    assertThat(t.rm.get("/api/v1/calendar?from=2026-01-01&to=2027-03-01").text("detail"))
        .contains("366 days");
    assertThat(admin.as(null).get("/api/v1/calendar").status()).isEqualTo(401);
  }

  @Test
  void theRangeIsReadThroughTheWindowIndex() {
    String plan =
        String.join(
            "\n",
            jdbc.sql(
                    (onPostgres() ? "explain " : "explain ")
                        + "select id from releases where window_start >= ? and window_start < ?")
                .params(
                    java.time.OffsetDateTime.parse("2026-12-01T00:00:00Z"),
                    java.time.OffsetDateTime.parse("2027-01-01T00:00:00Z"))
                .query(String.class)
                .list());
    if (!onPostgres()) {
      // H2 names the index it reads; PostgreSQL may rightly scan a table this small
      assertThat(plan.toLowerCase()).contains("releases_window");
    }
  }
}
