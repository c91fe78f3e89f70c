package io.tollgate.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.support.Api;
import io.tollgate.support.IntegrationTest;
import io.tollgate.support.Team;
import java.net.URI;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.component.VEvent;
import org.junit.jupiter.api.Test;

/**
 * The iCalendar feed: a feed URL per person behind a token stored only as its hash, replaced by a
 * new one and revoked; the feed, read with no header as a calendar app reads it, parsed back with
 * ical4j.
 */
class CalendarFeedIntegrationTests extends IntegrationTest {

  private static String feedUrl(Api who) {
    Api.Response r = who.post("/api/v1/me/calendar-token");
    assertThat(r.status()).as(r.toString()).isEqualTo(201);
    String url = r.text("url");
    assertThat(url).contains("/api/v1/calendar.ics?token=tgcal_");
    return url;
  }

  /** The feed as a calendar app fetches it: the URL alone, no Authorization header. */
  private Api.Response fetch(String url) {
    URI u = URI.create(url);
    return admin.as(null).get(u.getRawPath() + "?" + u.getRawQuery());
  }

  private static String token(String url) {
    return url.substring(url.indexOf("token=") + "token=".length());
  }

  @Test
  void theFeedHoldsOneEventPerReleaseOfThePersonsProductsAndParsesBack() {
    Team shop = team();
    Team billing = team();
    Instant soon = Instant.now().plus(10, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS);
    String a = io.tollgate.support.ReleaseDriver.plan(shop, soon, soon.plus(2, ChronoUnit.HOURS));
    String b =
        io.tollgate.support.ReleaseDriver.plan(
            shop, soon.plus(1, ChronoUnit.HOURS), soon.plus(3, ChronoUnit.HOURS));
    String far =
        io.tollgate.support.ReleaseDriver.plan(shop, soon.plus(400, ChronoUnit.DAYS), null);
    String notMine =
        io.tollgate.support.ReleaseDriver.plan(billing, soon, soon.plus(1, ChronoUnit.HOURS));

    String url = feedUrl(shop.developer);
    Api.Response feed = fetch(url);

    assertThat(feed.status()).as(feed.toString()).isEqualTo(200);
    assertThat(feed.contentType()).startsWith("text/calendar");
    Calendar calendar = IcsDocuments.parse(feed.body());
    assertThat(calendar.getProductId().getValue()).isEqualTo(IcsFeed.PRODID);
    List<VEvent> events = calendar.getComponents("VEVENT");
    assertThat(events)
        .extracting(e -> e.getUid().orElseThrow().getValue())
        .containsExactlyInAnyOrder(a + "@tollgate", b + "@tollgate")
        .doesNotContain(far + "@tollgate", notMine + "@tollgate");
    VEvent first =
        events.stream()
            .filter(e -> e.getUid().orElseThrow().getValue().startsWith(a))
            .findFirst()
            .orElseThrow();
    String version = shop.rm.get("/api/v1/releases/" + a).text("version");
    assertThat(first.getSummary().getValue())
        .startsWith("Product " + shop.product.substring(2) + " " + version)
        .endsWith("(planned)");
    assertThat(Instant.from(first.getDateTimeStart().getDate())).isEqualTo(soon);
    assertThat(Instant.from(first.getDateTimeEnd().getDate()))
        .isEqualTo(soon.plus(2, ChronoUnit.HOURS));
    assertThat(first.getUrl().getValue()).endsWith("/releases/" + a);
    assertThat(first.getDescription().getValue()).contains("Conflicts with");

    // the same URL answers the same events (a calendar app updates them by UID)
    assertThat(
            IcsDocuments.parse(fetch(url).body()).<VEvent>getComponents("VEVENT").stream()
                .map(e -> e.getUid().orElseThrow().getValue())
                .toList())
        .containsExactlyInAnyOrderElementsOf(
            events.stream().map(e -> e.getUid().orElseThrow().getValue()).toList());
  }

  @Test
  void oneProductsFeedAndNoOtherPersonsProduct() {
    Team shop = team();
    Team billing = team();
    Api both = shop.person("both-" + shop.product, List.of("developer"));
    admin.put(
        "/api/v1/products/" + billing.product + "/members/both-" + shop.product,
        Map.of("roles", List.of("support")));
    Instant soon = Instant.now().plus(3, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS);
    String s = io.tollgate.support.ReleaseDriver.plan(shop, soon, soon.plus(1, ChronoUnit.HOURS));
    String b =
        io.tollgate.support.ReleaseDriver.plan(billing, soon, soon.plus(1, ChronoUnit.HOURS));
    String url = feedUrl(both);

    assertThat(uids(fetch(url).body())).contains(s + "@tollgate", b + "@tollgate");
    assertThat(uids(fetch(url + "&product=" + billing.product).body()))
        .containsExactly(b + "@tollgate");
    String shopOnly = feedUrl(shop.qa);
    Api.Response refused = fetch(shopOnly + "&product=" + billing.product);
    assertThat(refused.status()).isEqualTo(404);
    assertThat(refused.contentType()).startsWith("application/problem+json");
  }

  @Test
  void aNewTokenReplacesTheOldOneARevokedOneIs404AndOnlyTheHashIsStored() {
    Team t = team();
    String first = feedUrl(t.support);
    assertThat(fetch(first).status()).isEqualTo(200);
    assertThat(
            jdbc.sql("select count(*) from calendar_tokens where token_hash = ?")
                .param(token(first))
                .query(Long.class)
                .single())
        .as("the token itself is not stored")
        .isZero();
    assertThat(
            jdbc.sql("select count(*) from calendar_tokens where token_hash = ?")
                .param(io.tollgate.shared.SecretTokens.hash(token(first)))
                .query(Long.class)
                .single())
        .isOne();

    String second = feedUrl(t.support);
    assertThat(second).isNotEqualTo(first);
    Api.Response old = fetch(first);
    assertThat(old.status()).isEqualTo(404);
    assertThat(old.contentType()).startsWith("application/problem+json");
    assertThat(old.text("detail")).contains("revoked", "POST /api/v1/me/calendar-token");
    assertThat(fetch(second).status()).isEqualTo(200);

    Api.Response revoked = t.support.delete("/api/v1/me/calendar-token");
    assertThat(revoked.status()).as(revoked.toString()).isEqualTo(204);
    assertThat(fetch(second).status()).isEqualTo(404);
    assertThat(t.support.delete("/api/v1/me/calendar-token").status())
        .as("revoking again changes nothing")
        .isEqualTo(204);
    assertThat(fetch("http://x/api/v1/calendar.ics?token=").status()).isEqualTo(404);
    assertThat(fetch("http://x/api/v1/calendar.ics?token=tgcal_guess").status()).isEqualTo(404);

    auditChained();
    List<String> audited =
        jdbc.sql("select action from audit_events where subject = ? order by seq")
            .param("user/" + t.usernames.get("support"))
            .query(String.class)
            .list();
    assertThat(audited)
        .containsSubsequence(
            "calendar-token.issued", "calendar-token.issued", "calendar-token.revoked");
  }

  @Test
  void aScopedTokenCannotMakeAFeedOfAllTheUsersProducts() {
    Team t = team();
    Api scoped = t.scoped("release-manager", Map.of("products", List.of(t.product)));
    Api.Response r = scoped.post("/api/v1/me/calendar-token");
    assertThat(r.status()).as(r.toString()).isEqualTo(403);
    assertThat(
            t.scoped("qa-lead", Map.of("readOnly", true))
                .delete("/api/v1/me/calendar-token")
                .status())
        .isEqualTo(403);
  }

  @Test
  void aDisabledPersonsFeedIsGone() {
    Team t = team();
    String url = feedUrl(t.devops);
    assertThat(fetch(url).status()).isEqualTo(200);
    Api.Response disabled =
        admin.post("/api/v1/users/" + t.usernames.get("devops") + "/disable", Map.of());
    assertThat(disabled.status()).as(disabled.toString()).isEqualTo(200);
    assertThat(fetch(url).status()).isEqualTo(404);
  }

  private static List<String> uids(String ics) {
    return IcsDocuments.parse(ics).<VEvent>getComponents("VEVENT").stream()
        .map(e -> e.getUid().orElseThrow().getValue())
        .toList();
  }
}
