package io.tollgate.freeze;

import static io.tollgate.support.ReleaseDriver.ok;
import static io.tollgate.support.ReleaseDriver.path;
import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.support.Api;
import io.tollgate.support.IntegrationTest;
import io.tollgate.support.ReleaseDriver;
import io.tollgate.support.Team;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A production freeze refuses deploying to production (by hand; the automated path is in {@code
 * FreezeAutomationIntegrationTests}) with a blocker naming it, for its products only and only in
 * its occurrences; an emergency override lets one release through once a second release manager
 * approved it. Freezes made here cover the test's own product (a freeze of every product only in
 * the far future), so other tests sharing the database are not frozen.
 */
class FreezeIntegrationTests extends IntegrationTest {

  @Test
  void aFreezeRefusesAProductionDeployWithABlockerUntilItIsDeleted() {
    Team t = team();
    String id = readyForProduction(t);
    Instant now = Instant.now();
    String freeze =
        created(
            t.rm.post(
                "/api/v1/freezes",
                freeze(
                    "Quarter-end close",
                    now.minus(1, ChronoUnit.HOURS),
                    now.plus(2, ChronoUnit.HOURS),
                    null,
                    t.product)));

    Api.Response refused =
        t.devops.post(
            path(id) + "/steps/deploy-production/complete", Map.of("outcome", "succeeded"));
    assertThat(refused.status()).as(refused.toString()).isEqualTo(409);
    JsonNode blocker = refused.json().path("blockers").get(0);
    assertThat(blocker.path("kind").asString()).isEqualTo("freeze");
    assertThat(blocker.path("key").asString()).isEqualTo(freeze);
    assertThat(blocker.path("title").asString()).startsWith("Quarter-end close, until ");
    Api.Response started = t.devops.post(path(id) + "/steps/deploy-production/start");
    assertThat(started.status()).as(started.toString()).isEqualTo(409);
    assertThat(started.json().path("blockers").get(0).path("key").asString()).isEqualTo(freeze);
    // the staging deploy of another release is not production: not frozen
    String other = ReleaseDriver.plan(t, "patch");
    ok(t.rm.post(path(other) + "/steps/schedule-window/complete", Map.of("note", "now")));
    ok(t.devops.post(path(other) + "/steps/backup/complete", Map.of("note", "snap")));
    ok(t.qa.post(path(other) + "/steps/quality-gate/complete", Map.of("note", "ok")));
    ok(
        t.devops.post(
            path(other) + "/steps/deploy-staging/complete", Map.of("outcome", "succeeded")));

    assertThat(t.rm.delete("/api/v1/freezes/" + freeze).status()).isEqualTo(204);
    ok(
        t.devops.post(
            path(id) + "/steps/deploy-production/complete", Map.of("outcome", "succeeded")));
  }

  @Test
  void aRecurringFreezeMatchesTheOccurrenceThatCoversNowAndNoOther() {
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    Instant yesterday = now.minus(1, ChronoUnit.DAYS);

    // daily, yesterday from 30 minutes before this time to 30 minutes after: today's covers now
    Team covered = team();
    String coveredRelease = readyForProduction(covered);
    String daily =
        created(
            covered.rm.post(
                "/api/v1/freezes",
                freeze(
                    "Nightly batch",
                    yesterday.minus(30, ChronoUnit.MINUTES),
                    yesterday.plus(30, ChronoUnit.MINUTES),
                    "FREQ=DAILY",
                    covered.product)));
    Api.Response refused =
        covered.devops.post(
            path(coveredRelease) + "/steps/deploy-production/complete",
            Map.of("outcome", "succeeded"));
    assertThat(refused.status()).as(refused.toString()).isEqualTo(409);
    assertThat(refused.json().path("blockers").get(0).path("key").asString()).isEqualTo(daily);

    // the occurrences listed: yesterday's, today's and tomorrow's, an hour long each
    Api.Response listed =
        ok(
            covered.rm.get(
                "/api/v1/freezes?from="
                    + yesterday.minus(1, ChronoUnit.HOURS)
                    + "&to="
                    + now.plus(1, ChronoUnit.DAYS).plus(1, ChronoUnit.HOURS)));
    List<String> starts =
        listed
            .json()
            .path("occurrences")
            .valueStream()
            .filter(o -> o.path("freeze").asString().equals(daily))
            .map(o -> o.path("start").asString())
            .toList();
    assertThat(starts)
        .containsExactly(
            yesterday.minus(30, ChronoUnit.MINUTES).toString(),
            now.minus(30, ChronoUnit.MINUTES).toString(),
            now.plus(1, ChronoUnit.DAYS).minus(30, ChronoUnit.MINUTES).toString());

    // daily, but its occurrences start two hours after this time: none covers now
    Team later = team();
    String laterRelease = readyForProduction(later);
    created(
        later.rm.post(
            "/api/v1/freezes",
            freeze(
                "Evening freeze",
                yesterday.plus(2, ChronoUnit.HOURS),
                yesterday.plus(3, ChronoUnit.HOURS),
                "FREQ=DAILY",
                later.product)));
    ok(
        later.devops.post(
            path(laterRelease) + "/steps/deploy-production/complete",
            Map.of("outcome", "succeeded")));
  }

  @Test
  void aFreezeOfAnotherProductDoesNotBlock() {
    Team frozen = team();
    Team free = team();
    String id = readyForProduction(free);
    Instant now = Instant.now();
    created(
        frozen.rm.post(
            "/api/v1/freezes",
            freeze(
                "Migration weekend",
                now.minus(1, ChronoUnit.HOURS),
                now.plus(1, ChronoUnit.HOURS),
                null,
                frozen.product)));
    ok(
        free.devops.post(
            path(id) + "/steps/deploy-production/complete", Map.of("outcome", "succeeded")));
    // and the freeze is not listed to the other product's people
    assertThat(
            free.rm
                .get("/api/v1/freezes")
                .json()
                .path("freezes")
                .valueStream()
                .map(f -> f.path("reason").asString()))
        .doesNotContain("Migration weekend");
  }

  @Test
  void anOverrideLetsTheReleaseThroughOnlyOnceASecondReleaseManagerApproved() {
    Team t = team();
    String id = readyForProduction(t);
    Instant now = Instant.now();
    String freeze =
        created(
            t.rm.post(
                "/api/v1/freezes",
                freeze(
                    "Black Friday",
                    now.minus(1, ChronoUnit.HOURS),
                    now.plus(3, ChronoUnit.HOURS),
                    null,
                    t.product)));

    Api.Response noReason = t.rm.post(path(id) + "/freeze-override", Map.of("reason", " "));
    assertThat(noReason.status()).as(noReason.toString()).isEqualTo(422);
    Api.Response notRm = t.devops.post(path(id) + "/freeze-override", Map.of("reason", "hotfix"));
    assertThat(notRm.status()).as(notRm.toString()).isEqualTo(403);

    Api.Response asked =
        t.rm.post(path(id) + "/freeze-override", Map.of("reason", "Payment outage hotfix"));
    assertThat(asked.status()).as(asked.toString()).isEqualTo(201);
    assertThat(asked.json().path("status").asString()).isEqualTo("pending");
    assertThat(asked.json().path("freeze").asString()).isEqualTo(freeze);
    String override = asked.text("id");
    String approve = "/api/v1/freeze-overrides/" + override + "/approve";

    // pending: still frozen
    assertThat(
            t.devops
                .post(
                    path(id) + "/steps/deploy-production/complete", Map.of("outcome", "succeeded"))
                .status())
        .isEqualTo(409);
    Api.Response self = t.rm.post(approve);
    assertThat(self.status()).as(self.toString()).isEqualTo(403);
    assertThat(self.json().path("detail").asString())
        .contains("second release manager must approve");
    Api.Response devops = t.devops.post(approve);
    assertThat(devops.status()).as(devops.toString()).isEqualTo(403);
    Api.Response outsider = team().rm.post(approve);
    assertThat(outsider.status()).as(outsider.toString()).isEqualTo(404);

    Api second = t.person("rm2-" + t.product, List.of("release-manager"));
    Api.Response approved = ok(second.post(approve));
    assertThat(approved.json().path("status").asString()).isEqualTo("approved");
    assertThat(second.post(approve).status()).isEqualTo(409);

    ok(
        t.devops.post(
            path(id) + "/steps/deploy-production/complete", Map.of("outcome", "succeeded")));

    JsonNode events = ok(t.rm.get(path(id) + "/audit")).json();
    List<String> types =
        (events.isArray() ? events : events.path("events"))
            .valueStream()
            .map(e -> e.path("type").asString())
            .toList();
    assertThat(types)
        .containsSubsequence(
            "freeze-override.requested", "freeze-override.approved", "freeze-override.used");

    JsonNode decisions = ok(t.rm.get(path(id))).json().path("decisions");
    JsonNode used = decisions.get(decisions.size() - 1).path("snapshot").path("overrides");
    assertThat(used.size()).as("the go decision's snapshot keeps the override: %s", used).isOne();
    assertThat(used.get(0).path("override").asString()).isEqualTo(override);
    assertThat(used.get(0).path("freeze").asString()).isEqualTo(freeze);
    assertThat(used.get(0).path("freezeReason").asString()).isEqualTo("Black Friday");
    assertThat(used.get(0).path("reason").asString()).isEqualTo("Payment outage hotfix");
    assertThat(used.get(0).path("requestedBy").asString())
        .isEqualTo(t.usernames.get("release-manager"));
    assertThat(used.get(0).path("approvedBy").asString()).isEqualTo("rm2-" + t.product);
    assertThat(used.get(0).path("step").asString()).isEqualTo("deploy-production");
    assertThat(used.get(0).path("usedBy").asString()).isEqualTo(t.usernames.get("devops"));
    assertThat(used.get(0).path("usedAt").isNull() || used.get(0).path("usedAt").isMissingNode())
        .isFalse();

    JsonNode pack = ok(t.rm.get(path(id) + "/evidence")).json();
    JsonNode packed = pack.path("decisions");
    assertThat(
            packed
                .get(packed.size() - 1)
                .path("snapshot")
                .path("overrides")
                .get(0)
                .path("approvedBy")
                .asString())
        .as("the evidence pack's decision snapshot too")
        .isEqualTo("rm2-" + t.product);
    JsonNode granted = pack.path("freezeOverrides").get(0);
    assertThat(granted.path("id").asString()).isEqualTo(override);
    assertThat(granted.path("requestedBy").asString())
        .isEqualTo(t.usernames.get("release-manager"));
    assertThat(granted.path("approvedBy").asString()).isEqualTo("rm2-" + t.product);
    assertThat(granted.path("usedAt").isMissingNode() || granted.path("usedAt").isNull()).isFalse();

    assertThat(
            ok(t.rm.get("/api/v1/insights?product=" + t.product)).json().path("overrides").asLong())
        .as("the insights count the override the deployment used")
        .isEqualTo(1);
  }

  @Test
  void badInputIsRefusedWith422AndNothingIsSaved() {
    Team t = team();
    Instant now = Instant.now();
    Instant later = now.plus(1, ChronoUnit.HOURS);
    long before = count();
    expect422(t.rm, freeze("Backwards", later, now, null, t.product), "end");
    expect422(t.rm, freeze("Bad rule", now, later, "FREQ=SOMETIMES", t.product), "does not parse");
    expect422(t.rm, freeze("Bad rule", now, later, "BYDAY=FR", t.product), "rrule");
    Map<String, Object> zone = freeze("Zone", now, later, null, t.product);
    zone.put("timezone", "Mars/Olympus_Mons");
    expect422(t.rm, zone, "Unknown timezone");
    expect422(t.rm, freeze("Nowhere", now, later, null, "no-such-product"), "Unknown product");
    expect422(t.rm, freeze("  ", now, later, null, t.product), "reason");
    assertThat(count()).isEqualTo(before);
    Api.Response range = t.rm.get("/api/v1/freezes?from=" + later + "&to=" + now);
    assertThat(range.status()).as(range.toString()).isEqualTo(422);
  }

  @Test
  void onlyTheAdminFreezesEveryProductAndAReleaseManagerOnlyTheirOwn() {
    Team t = team();
    Team other = team();
    Instant far = Instant.parse("2099-12-24T00:00:00Z");
    Instant farEnd = far.plus(Duration.ofDays(2));

    Map<String, Object> all = freeze("Holiday", far, farEnd, null, null);
    Api.Response rmAll = t.rm.post("/api/v1/freezes", all);
    assertThat(rmAll.status()).as(rmAll.toString()).isEqualTo(403);
    Api.Response foreign =
        other.rm.post("/api/v1/freezes", freeze("Theirs", far, farEnd, null, t.product));
    assertThat(foreign.status()).as(foreign.toString()).isEqualTo(403);
    Api.Response dev =
        t.developer.post("/api/v1/freezes", freeze("Dev", far, farEnd, null, t.product));
    assertThat(dev.status()).as(dev.toString()).isEqualTo(403);

    String own = created(t.rm.post("/api/v1/freezes", freeze("Own", far, farEnd, null, t.product)));
    assertThat(other.rm.delete("/api/v1/freezes/" + own).status()).isEqualTo(404);
    assertThat(t.developer.delete("/api/v1/freezes/" + own).status()).isEqualTo(403);

    String everything = created(admin.post("/api/v1/freezes", all));
    assertThat(t.rm.delete("/api/v1/freezes/" + everything).status()).isEqualTo(403);
    assertThat(
            other
                .developer
                .get("/api/v1/freezes")
                .json()
                .path("freezes")
                .valueStream()
                .map(f -> f.path("id").asString()))
        .contains(everything)
        .doesNotContain(own);
    assertThat(admin.delete("/api/v1/freezes/" + everything).status()).isEqualTo(204);
    assertThat(admin.delete("/api/v1/freezes/" + everything).status()).isEqualTo(404);
  }

  @Test
  void aWindowInsideAFutureFreezeIsWarnedWhenPlanned() {
    Team t = team();
    Instant start = Instant.now().plus(Duration.ofDays(10)).truncatedTo(ChronoUnit.HOURS);
    created(
        t.rm.post(
            "/api/v1/freezes",
            freeze("Inventory count", start, start.plus(Duration.ofDays(1)), null, t.product)));
    Api.Response planned =
        t.rm.post(
            "/api/v1/products/" + t.product + "/releases",
            Map.of(
                "type",
                "minor",
                "window",
                Map.of(
                    "start",
                    start.plus(Duration.ofHours(2)).toString(),
                    "end",
                    start.plus(Duration.ofHours(3)).toString())));
    assertThat(planned.status()).as(planned.toString()).isEqualTo(201);
    assertThat(planned.json().path("warnings").get(0).asString()).contains("Inventory count");
    Api.Response clear =
        t.rm.post(
            "/api/v1/products/" + t.product + "/releases",
            Map.of(
                "type",
                "patch",
                "window",
                Map.of(
                    "start",
                    start.minus(Duration.ofDays(2)).toString(),
                    "end",
                    start.minus(Duration.ofDays(2)).plus(Duration.ofHours(1)).toString())));
    assertThat(clear.status()).as(clear.toString()).isEqualTo(201);
    assertThat(clear.json().path("warnings").isMissingNode()).isTrue();
  }

  private long count() {
    return jdbc.sql("select count(*) from freezes").query(Long.class).single();
  }

  private static void expect422(Api who, Map<String, Object> body, String says) {
    Api.Response r = who.post("/api/v1/freezes", body);
    assertThat(r.status()).as(r.toString()).isEqualTo(422);
    assertThat(r.body()).contains(says);
  }

  static String readyForProduction(Team t) {
    String id = ReleaseDriver.plan(t, "minor");
    ReleaseDriver.prepare(t, id);
    ReleaseDriver.go(t, id);
    return id;
  }

  static Map<String, Object> freeze(
      String reason, Instant start, Instant end, String rrule, String product) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("reason", reason);
    body.put("start", start.toString());
    body.put("end", end.toString());
    if (rrule != null) body.put("rrule", rrule);
    if (product != null) body.put("products", List.of(product));
    return body;
  }

  static String created(Api.Response r) {
    assertThat(r.status()).as(r.toString()).isEqualTo(201);
    return r.text("id");
  }
}
