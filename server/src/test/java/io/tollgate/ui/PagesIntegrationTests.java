package io.tollgate.ui;

import static io.tollgate.support.ReleaseDriver.ok;
import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.support.Api;
import io.tollgate.support.IntegrationTest;
import io.tollgate.support.ReleaseDriver;
import io.tollgate.support.Team;
import io.tollgate.support.WebPage;
import io.tollgate.support.WebSession;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The board, product, account, admin and set-password pages over real HTTP, signed in with a
 * password and a session cookie as a browser is.
 */
class PagesIntegrationTests extends IntegrationTest {
  private static final String PASSWORD = "pages test password";

  @Test
  void boardShowsActiveReleasesWithTheirNextStepAndFiltersByProductAndWaitingOnMe() {
    Team a = team();
    Team b = team();
    String releaseA = ReleaseDriver.plan(a, "minor");
    String releaseB = ReleaseDriver.plan(b, "minor");
    String watcher = "watcher-" + suffix();
    a.person(watcher, List.of("developer"));
    member(b, watcher, "developer");
    WebSession w = signIn(watcher);

    WebPage board = w.get("/");
    assertThat(board.status()).isEqualTo(200);
    assertThat(board.body())
        .contains("data-testid=\"board\"")
        .contains("sse-connect=\"/live?board=true\"");
    assertThat(board.element("form", "id=\"board-filters\""))
        .contains("name=\"product\"")
        .contains("name=\"status\"")
        .contains("name=\"mine\"");
    String row = board.element("tr", "data-release=\"" + releaseA + "\"");
    assertThat(row)
        .contains("○ planned")
        .contains("Deployment window scheduled")
        .as("the role that owns the next step, and who holds it")
        .contains("release-manager")
        .contains(a.usernames.get("release-manager"))
        .contains("waited ");
    assertThat(board.body()).contains("data-release=\"" + releaseB + "\"");
    assertThat(board.element("table", "data-testid=\"env-grid\""))
        .contains("data-product=\"" + a.product + "\"")
        .contains("data-product=\"" + b.product + "\"");

    WebPage onlyA = w.get("/?product=" + a.product);
    assertThat(onlyA.body())
        .contains("data-release=\"" + releaseA + "\"")
        .doesNotContain("data-release=\"" + releaseB + "\"")
        .doesNotContain("data-product=\"" + b.product + "\"");
    WebPage live = w.get("/board/live?product=" + b.product);
    assertThat(live.body())
        .startsWith("<div id=\"board-live\"")
        .doesNotContain("<html")
        .contains("data-release=\"" + releaseB + "\"")
        .doesNotContain("data-release=\"" + releaseA + "\"");

    assertThat(w.get("/?mine=true").body())
        .as("a developer has nothing to do on a release just planned")
        .doesNotContain("data-release=\"" + releaseA + "\"");
    WebSession rm = signIn(a.usernames.get("release-manager"));
    WebPage mine = rm.get("/?mine=true");
    assertThat(mine.element("tr", "data-release=\"" + releaseA + "\"")).contains("waiting on you");
    assertThat(mine.element("div", "data-attention=\"mine\""))
        .contains("Waiting on you")
        .contains("Complete “Deployment window scheduled");
    assertThat(rm.get("/?status=preparing").body())
        .doesNotContain("data-release=\"" + releaseA + "\"");
  }

  @Test
  void boardShowsFailedReleasesAndOpenIncidentsFirst() {
    Team t = team();
    String id = ReleaseDriver.plan(t, "minor");
    ReleaseDriver.prepare(t, id);
    ReleaseDriver.go(t, id);
    ok(
        t.devops.post(
            ReleaseDriver.path(id) + "/steps/deploy-production/complete",
            Map.of("outcome", "failed")));
    WebSession rm = signIn(t.usernames.get("release-manager"));

    WebPage board = rm.get("/?product=" + t.product);
    assertThat(board.element("div", "data-attention=\"failed\"")).contains("✗ Failed");
    assertThat(board.element("div", "data-attention=\"incident\"")).contains("data-incident=\"");
    assertThat(board.element("tr", "data-release=\"" + id + "\"")).contains("✗ failed");
    assertThat(rm.get("/products/" + t.product + "/banner").body())
        .contains("Incident open on")
        .contains("data-incident=\"");
  }

  @Test
  void theReleasePageDrawsEachStatusWithItsMarkAndTheDecisionPanelShowsTheFieldsItRestsOn() {
    Team t = team();
    String id = ReleaseDriver.plan(t, "minor");
    String r = ReleaseDriver.path(id);
    ok(
        t.qa.post(
            r + "/requirements/acceptance-criteria/meet",
            ReleaseDriver.evidence("https://tracker.example/epic/1")));
    ok(t.qa.put(r + "/notes", Map.of("knownIssues", List.of("Safari 15 shows a layout glitch"))));
    ok(t.rm.put(r + "/notes", Map.of("summary", "Gift cards at checkout")));
    WebSession rm = signIn(t.usernames.get("release-manager"));

    WebPage page = rm.get("/releases/" + id);

    assertThat(page.element("li", "data-requirement=\"acceptance-criteria\""))
        .contains("class=\"badge st-met\"")
        .contains("✓ met");
    assertThat(page.element("li", "data-requirement=\"ci-security\""))
        .contains("class=\"badge st-open\"")
        .contains("○ open");
    assertThat(page.element("li", "data-step=\"schedule-window\"")).contains("○ pending");
    assertThat(page.element("li", "data-step=\"deploy-staging\"")).contains("🔒 blocked");
    assertThat(page.element("li", "data-handoff=\"qa-to-rm\""))
        .contains("class=\"badge st-waiting\"")
        .contains("○ waiting");
    String decision = page.element("section", "id=\"decision\"");
    assertThat(decision)
        .as("the process marks known issues atDecision, and only them")
        .contains("data-decision-notes=\"knownIssues\"")
        .contains("Known issues (from QA Lead):")
        .contains("Safari 15 shows a layout glitch")
        .doesNotContain("data-decision-notes=\"summary\"")
        .doesNotContain("Gift cards at checkout")
        .as("the smoke tests the decision rests on")
        .contains("Run smoke tests in staging");
  }

  @Test
  void accountCreatesATokenShownOnceThatWorksAgainstTheApiAndCanBeRevoked() {
    Team t = team();
    String username = t.usernames.get("qa-lead");
    WebSession qa = signIn(username);

    WebPage created = qa.post("/account/tokens", "name", "my laptop");
    assertThat(created.status()).isEqualTo(302);
    assertThat(created.location()).endsWith("/account");
    WebPage shown = qa.get("/account");
    String token = shown.secret();
    assertThat(token).startsWith("tg_");
    assertThat(shown.body()).contains("data-action=\"create-token\"").contains("my laptop");
    Api api = admin.as(token);
    assertThat(api.get("/api/v1/me").text("username")).isEqualTo(username);

    WebPage again = qa.get("/account");
    assertThat(again.body()).as("the token is shown once").doesNotContain(token);
    String tokenId = tokenId(again, "my laptop");
    assertThat(again.body())
        .contains("data-action=\"revoke-token:" + tokenId + "\"")
        .contains("action=\"/account/tokens/" + tokenId + "/revoke\"");

    assertThat(qa.post("/account/tokens/" + tokenId + "/revoke").status()).isEqualTo(302);
    assertThat(api.get("/api/v1/me").status()).isEqualTo(401);
    assertThat(qa.get("/account").element("tr", "data-token=\"" + tokenId + "\""))
        .contains("⊘ revoked")
        .doesNotContain("/revoke");
  }

  @Test
  void anAdministratorIssuesAndRevokesSomeoneElsesTokenOnTheirPage() {
    Team t = team();
    String username = t.usernames.get("developer");
    WebSession admin = signIn("admin");

    assertThat(admin.post("/admin/users/" + username + "/tokens", "name", "pipeline").status())
        .isEqualTo(302);
    WebPage shown = admin.get("/admin/users/" + username);
    String token = shown.secret();
    assertThat(token).startsWith("tg_");
    Api api = this.admin.as(token);
    assertThat(api.get("/api/v1/me").text("username")).isEqualTo(username);

    WebPage again = admin.get("/admin/users/" + username);
    String tokenId = tokenId(again, "pipeline");
    assertThat(again.body())
        .contains("action=\"/admin/users/" + username + "/tokens/" + tokenId + "/revoke\"");
    assertThat(admin.post("/admin/users/" + username + "/tokens/" + tokenId + "/revoke").status())
        .isEqualTo(302);
    assertThat(api.get("/api/v1/me").status()).isEqualTo(401);
    assertThat(
            admin.get("/admin/users/" + username).element("tr", "data-token=\"" + tokenId + "\""))
        .contains("⊘ revoked");
  }

  @Test
  void accountChangesTheOwnPasswordOnlyWithTheCurrentOne() {
    Team t = team();
    String username = t.usernames.get("support");
    WebSession support = signIn(username);

    support.post(
        "/account/password",
        "current",
        "not my password",
        "password",
        "a brand new password",
        "confirm",
        "a brand new password");
    assertThat(support.get("/account").element("section", "aria-labelledby=\"password-title\""))
        .contains("class=\"refusal\"")
        .contains("current password is wrong");
    assertThat(signInWith(username, "a brand new password")).isFalse();

    support.post(
        "/account/password",
        "current",
        PASSWORD,
        "password",
        "a brand new password",
        "confirm",
        "a brand new password");
    assertThat(support.get("/account").body()).contains("Your password is changed.");
    assertThat(signInWith(username, "a brand new password")).isTrue();
    assertThat(signInWith(username, PASSWORD)).isFalse();
  }

  @Test
  void aSetPasswordLinkWorksOnceAndRefusesReuse() {
    Team t = team();
    String username = t.usernames.get("developer");
    WebSession admin = signIn("admin");

    assertThat(admin.post("/admin/users/" + username + "/password-link").status()).isEqualTo(302);
    WebPage user = admin.get("/admin/users/" + username);
    String link = user.secret();
    assertThat(link).contains("/set-password/tg_");
    assertThat(admin.get("/admin/users/" + username).body())
        .as("the link is shown once")
        .doesNotContain(link);
    String path = URI.create(link).getPath();

    WebSession visitor = new WebSession(port);
    WebPage form = visitor.get(path);
    assertThat(form.status()).isEqualTo(200);
    assertThat(form.body()).contains(username).contains("name=\"confirm\"");
    WebPage mismatch =
        visitor.post(path, "password", "a long new password", "confirm", "another one entirely");
    assertThat(mismatch.status()).isEqualTo(409);
    assertThat(mismatch.body()).contains("The two passwords differ");
    WebPage set =
        visitor.post(path, "password", "a long new password", "confirm", "a long new password");
    assertThat(set.status()).isEqualTo(302);
    assertThat(set.location()).endsWith("/login?passwordSet");
    assertThat(signInWith(username, "a long new password")).isTrue();

    WebPage reused = new WebSession(port).get(path);
    assertThat(reused.status()).isEqualTo(409);
    assertThat(reused.body()).contains("used already").doesNotContain("name=\"confirm\"");
    WebPage reposted =
        visitor.post(
            path, "password", "an attacker's password", "confirm", "an attacker's password");
    assertThat(reposted.status()).isEqualTo(409);
    assertThat(signInWith(username, "an attacker's password")).isFalse();
    assertThat(new WebSession(port).get("/set-password/tg_unknown").status()).isEqualTo(404);
  }

  @Test
  void adminPagesAreForbiddenForEveryoneButTheAdmin() {
    Team t = team();
    WebSession rm = signIn(t.usernames.get("release-manager"));
    String intruder = "intruder-" + suffix();

    assertThat(rm.get("/admin").status()).isEqualTo(403);
    assertThat(rm.get("/admin/products").status()).isEqualTo(403);
    assertThat(rm.get("/admin/users/" + t.usernames.get("qa-lead")).status()).isEqualTo(403);
    assertThat(rm.post("/admin/users", "username", intruder, "displayName", "Intruder").status())
        .isEqualTo(403);
    assertThat(rm.post("/admin/users/" + t.usernames.get("qa-lead") + "/password-link").status())
        .isEqualTo(403);
    assertThat(admin.get("/api/v1/users/" + intruder).status()).isEqualTo(404);
    assertThat(rm.get("/").body()).doesNotContain("href=\"/admin\"");
  }

  @Test
  void theAdminCreatesAPersonSetsTheirPasswordAndCreatesAProduct() {
    WebSession admin = signIn("admin");
    String username = "newcomer-" + suffix();
    String product = "shop-" + suffix();

    WebPage created =
        admin.post("/admin/users", "username", username, "displayName", "New Comer", "email", "");
    assertThat(created.location()).endsWith("/admin/users/" + username);
    assertThat(admin.get("/admin").element("tr", "data-user=\"" + username + "\""))
        .contains("○ none");
    admin.post("/admin/users/" + username + "/password", "password", "first password 42");
    assertThat(signInWith(username, "first password 42")).isTrue();
    assertThat(admin.get("/admin").element("tr", "data-user=\"" + username + "\""))
        .contains("✓ set");

    WebPage refused = admin.post("/admin/users", "username", "Not Valid", "displayName", "X");
    assertThat(refused.location()).endsWith("/admin");
    assertThat(admin.get("/admin").body())
        .contains("not a valid username")
        .contains("value=\"Not Valid\"");

    WebPage made =
        admin.post(
            "/admin/products",
            "key",
            product,
            "name",
            "Shop",
            "process",
            "octoacme-standard",
            "environments",
            "qa, staging, production");
    assertThat(made.location()).endsWith("/products/" + product);
    WebPage page = admin.get("/products/" + product);
    assertThat(page.body())
        .contains("data-environment=\"qa\"")
        .contains("data-environment=\"production\"")
        .contains("data-action=\"add-member\"");
    admin.post(
        "/products/" + product + "/members",
        "username",
        username,
        "roles",
        "qa-lead",
        "roles",
        "developer",
        "adding",
        "true");
    assertThat(admin.get("/products/" + product).element("tr", "data-member=\"" + username + "\""))
        .contains("qa-lead")
        .contains("developer");
  }

  @Test
  void productPageShowsEnvironmentsMembersAndHistoryAndOnlyManagersMayChangeMembers() {
    Team t = team();
    String id = ReleaseDriver.plan(t, "minor");
    String version = t.rm.get(ReleaseDriver.path(id)).text("version");
    ReleaseDriver.prepare(t, id);
    WebSession rm = signIn(t.usernames.get("release-manager"));
    WebSession dev = signIn(t.usernames.get("developer"));
    String page = "/products/" + t.product;

    WebPage seen = dev.get(page);
    assertThat(seen.status()).isEqualTo(200);
    assertThat(seen.element("tr", "data-environment=\"staging\""))
        .contains("class=\"version\"")
        .contains(version);
    assertThat(seen.element("tr", "data-environment=\"production\"")).contains("none yet");
    assertThat(seen.element("tr", "data-member=\"" + t.usernames.get("qa-lead") + "\""))
        .contains("qa-lead");
    assertThat(seen.body())
        .contains("id=\"new-release\"")
        .contains("href=\"/products/" + t.product + "/releases/new\"")
        .contains("hx-get=\"/products/" + t.product + "/history?page=0\"")
        .as("only the admin and release managers see the member forms")
        .doesNotContain("data-action=\"add-member\"")
        .doesNotContain("data-action=\"member:");
    assertThat(dev.get("/products").body()).contains("data-product=\"" + t.product + "\"");

    WebPage history = dev.get(page + "/history");
    assertThat(history.body())
        .startsWith("<div id=\"release-history\"")
        .contains("data-release=\"" + id + "\"")
        .contains("href=\"/releases/" + id + "\"");
    assertThat(dev.get(page + "/history?status=closed").body())
        .doesNotContain("data-release=\"" + id + "\"");

    String developer = t.usernames.get("developer");
    dev.post(page + "/members", "username", developer, "roles", "release-manager");
    assertThat(dev.get(page).element("tr", "data-member=\"" + developer + "\""))
        .contains("class=\"refusal\"")
        .doesNotContain(">release-manager<");
    assertThat(rolesOf(t, developer)).isEqualTo("[\"developer\"]");

    assertThat(rm.get(page).body()).contains("data-action=\"member:" + developer + "\"");
    rm.post(page + "/members", "username", developer, "roles", "developer", "roles", "support");
    assertThat(rolesOf(t, developer)).isEqualTo("[\"developer\",\"support\"]");

    Team other = team();
    assertThat(dev.get("/products/" + other.product).status()).isEqualTo(403);
  }

  // ------------------------------------------------------------------ helpers

  private String rolesOf(Team t, String username) {
    return admin
        .get("/api/v1/products/" + t.product)
        .json()
        .path("members")
        .valueStream()
        .filter(m -> m.path("username").asString().equals(username))
        .findFirst()
        .map(m -> m.path("roles").toString())
        .orElse("");
  }

  private void member(Team t, String username, String role) {
    assertThat(
            admin
                .put(
                    "/api/v1/products/" + t.product + "/members/" + username,
                    Map.of("roles", List.of(role)))
                .status())
        .isEqualTo(200);
  }

  private static String tokenId(WebPage page, String name) {
    Matcher m =
        Pattern.compile("data-token=\"([^\"]+)\">\\s*<td>" + Pattern.quote(name) + "</td>")
            .matcher(page.body());
    assertThat(m.find()).as("token row " + name + " in " + page.body()).isTrue();
    return m.group(1);
  }

  private static String suffix() {
    return UUID.randomUUID().toString().substring(0, 8);
  }

  private WebSession signIn(String username) {
    if (username.equals("admin")) {
      adminPassword(PASSWORD);
    } else {
      assertThat(
              admin
                  .put("/api/v1/users/" + username + "/password", Map.of("password", PASSWORD))
                  .status())
          .isEqualTo(204);
    }
    WebSession browser = new WebSession(port);
    assertThat(browser.signIn(username, PASSWORD)).as("sign in as " + username).isTrue();
    return browser;
  }

  private boolean signInWith(String username, String password) {
    return new WebSession(port).signIn(username, password);
  }
}
