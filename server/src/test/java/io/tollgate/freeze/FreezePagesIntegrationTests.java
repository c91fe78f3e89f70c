package io.tollgate.freeze;

import static io.tollgate.freeze.FreezeIntegrationTests.created;
import static io.tollgate.freeze.FreezeIntegrationTests.freeze;
import static io.tollgate.freeze.FreezeIntegrationTests.readyForProduction;
import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.support.Api;
import io.tollgate.support.IntegrationTest;
import io.tollgate.support.Team;
import io.tollgate.support.WebPage;
import io.tollgate.support.WebSession;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The freezes page, the banners ahead of a freeze, and the override buttons on the release page,
 * over real HTTP with a signed-in session as a browser has.
 */
class FreezePagesIntegrationTests extends IntegrationTest {
  private static final String PASSWORD = "freeze pages password";

  @Test
  void aReleaseManagerFreezesOnThePageAndTheBannerAndOverrideButtonsShow() {
    Team t = team();
    String release = readyForProduction(t);
    WebSession rm = signIn(t.usernames.get("release-manager"));

    WebPage list = rm.get("/freezes");
    assertThat(list.status()).isEqualTo(200);
    assertThat(list.body()).contains("data-action=\"create-freeze\"").contains(t.product);

    // a local date and time in the form's timezone, as the datetime-local input sends it
    Instant now = Instant.now().truncatedTo(ChronoUnit.MINUTES);
    WebPage made =
        rm.post(
            "/freezes",
            "reason",
            "Quarter-end close",
            "start",
            now.minus(1, ChronoUnit.HOURS).toString().replace("Z", ""),
            "end",
            now.plus(2, ChronoUnit.HOURS).toString().replace("Z", ""),
            "timezone",
            "UTC",
            "products",
            t.product);
    assertThat(made.status()).isEqualTo(302);
    WebPage after = rm.get("/freezes");
    assertThat(after.body()).contains("Production is frozen: Quarter-end close.");
    assertThat(after.element("table", "data-testid=\"freezes\""))
        .contains("Quarter-end close")
        .contains("❄ now, until");

    assertThat(rm.get("/freezes/banner").body())
        .contains("Production freeze from ")
        .contains(": Quarter-end close");
    assertThat(rm.get("/freezes/banner?product=" + t.product).body()).contains("Quarter-end close");
    assertThat(
            rm.get("/calendar?view=week&product=" + t.product)
                .element("div", "data-testid=\"calendar-freezes\""))
        .as("the calendar shows the freeze of its week")
        .contains("Quarter-end close")
        .contains("(" + t.product + ")");

    WebPage panel = rm.get("/releases/" + release + "/freeze");
    assertThat(panel.body())
        .contains("deploying to production is refused now")
        .contains("data-action=\"request-override\"");
    String freezeId =
        t.rm
            .get("/api/v1/freezes")
            .json()
            .path("freezes")
            .valueStream()
            .filter(f -> f.path("reason").asString().equals("Quarter-end close"))
            .findFirst()
            .orElseThrow()
            .path("id")
            .asString();
    assertThat(
            rm.post(
                    "/releases/" + release + "/freeze-override",
                    "reason",
                    "Payment outage",
                    "freeze",
                    freezeId)
                .status())
        .isEqualTo(302);
    // the requester sees it pending, without an approve button; a second release manager has one
    WebPage mine = rm.get("/releases/" + release + "/freeze");
    assertThat(mine.body()).contains("pending").doesNotContain("Approve override");
    Api second = t.person("rm2-" + t.product, List.of("release-manager"));
    assertThat(second).isNotNull();
    WebSession other = signIn("rm2-" + t.product);
    WebPage theirs = other.get("/releases/" + release + "/freeze");
    assertThat(theirs.body()).contains("Approve override");
    // devops' production step shows the freeze it waits for
    WebSession devops = signIn(t.usernames.get("devops"));
    assertThat(devops.get("/releases/" + release).element("ul", "data-testid=\"frozen\""))
        .contains("production is frozen: Quarter-end close, until");
  }

  @Test
  void aDeveloperSeesTheFreezesButNoFormAndNoDeleteButton() {
    Team t = team();
    Instant far = Instant.parse("2099-06-01T00:00:00Z");
    created(
        t.rm.post(
            "/api/v1/freezes",
            freeze("Summer shutdown", far, far.plus(7, ChronoUnit.DAYS), null, t.product)));
    WebSession dev = signIn(t.usernames.get("developer"));
    WebPage list = dev.get("/freezes");
    assertThat(list.body())
        .contains("Summer shutdown")
        .doesNotContain("create-freeze")
        .doesNotContain("delete-freeze");
  }

  private WebSession signIn(String username) {
    assertThat(
            admin
                .put("/api/v1/users/" + username + "/password", Map.of("password", PASSWORD))
                .status())
        .isEqualTo(204);
    WebSession browser = new WebSession(port);
    assertThat(browser.signIn(username, PASSWORD)).as("sign in as " + username).isTrue();
    return browser;
  }
}
