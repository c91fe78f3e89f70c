package io.tollgate.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.support.Api;
import io.tollgate.support.IntegrationTest;
import io.tollgate.support.Team;
import io.tollgate.support.WebPage;
import io.tollgate.support.WebSession;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Disabling users, changing and resetting passwords: tokens and sessions stop at once where they
 * should, and only there.
 */
class AccountSecurityIntegrationTests extends IntegrationTest {
  private static final String PASSWORD = "account security password";

  @Test
  void aDisabledUsersTokensAndSessionsStopAtOnceAndEnablingLetsThemSignInAgain() {
    Team t = team();
    String qa = t.usernames.get("qa-lead");
    setPassword(qa, PASSWORD);
    assertThat(t.qa.get("/api/v1/me").status()).as("the token is cached").isEqualTo(200);
    WebSession session = signedIn(qa, PASSWORD);
    AuditTrail audit = AuditTrail.mark(admin);

    Api.Response disabled = admin.post("/api/v1/users/" + qa + "/disable");
    assertThat(disabled.status()).as(disabled.toString()).isEqualTo(200);
    assertThat(disabled.json().path("disabled").asBoolean()).isTrue();

    assertThat(t.qa.get("/api/v1/me").status()).as("the token stops at once").isEqualTo(401);
    WebPage next = session.get("/");
    assertThat(next.status()).isEqualTo(302);
    assertThat(next.location()).as("the session ends at once").endsWith("/login?ended");
    assertThat(session.get("/").location()).as("and stays ended").contains("/login");
    assertThat(new WebSession(port).signIn(qa, PASSWORD)).isFalse();
    assertThat(admin.get("/api/v1/users/" + qa).json().path("disabled").asBoolean()).isTrue();
    assertThat(t.qa.post("/api/v1/users/" + qa + "/enable").status())
        .as("a disabled token cannot enable itself")
        .isEqualTo(401);
    assertThat(t.rm.post("/api/v1/users/" + qa + "/enable").status()).isEqualTo(403);
    assertThat(admin.post("/api/v1/users/admin/disable").status())
        .as("the administrator cannot lock themselves out")
        .isEqualTo(409);

    assertThat(admin.post("/api/v1/users/" + qa + "/enable").status()).isEqualTo(200);
    assertThat(t.qa.get("/api/v1/me").status()).isEqualTo(200);
    assertThat(new WebSession(port).signIn(qa, PASSWORD)).isTrue();
    assertThat(audit.types("user/" + qa))
        .containsSubsequence("user.disabled", "signin.failed", "user.enabled", "signin.succeeded");
  }

  @Test
  void theAdminPageDisablesAndEnablesAPerson() {
    Team t = team();
    String dev = t.usernames.get("developer");
    adminPassword(PASSWORD);
    WebSession adminWeb = signedIn("admin", PASSWORD);
    WebPage page = adminWeb.get("/admin/users/" + dev);
    assertThat(page.body()).contains("data-action=\"disable\"");

    assertThat(adminWeb.post("/admin/users/" + dev + "/disable").status()).isEqualTo(302);
    assertThat(adminWeb.get("/admin/users/" + dev).body())
        .contains("data-testid=\"disabled\"")
        .contains("data-action=\"enable\"");
    assertThat(t.developer.get("/api/v1/me").status()).isEqualTo(401);

    assertThat(adminWeb.post("/admin/users/" + dev + "/enable").status()).isEqualTo(302);
    assertThat(t.developer.get("/api/v1/me").status()).isEqualTo(200);
  }

  @Test
  void changingOnesOwnPasswordNeedsTheCurrentOneAndEndsOnlyTheOtherSessions() {
    Team t = team();
    String dev = t.usernames.get("developer");
    String path = "/api/v1/users/" + dev + "/password";
    setPassword(dev, PASSWORD);
    WebSession laptop = signedIn(dev, PASSWORD);
    WebSession phone = signedIn(dev, PASSWORD);
    AuditTrail audit = AuditTrail.mark(admin);

    Api.Response tokenAlone = t.developer.put(path, Map.of("password", "taken over by a token"));
    assertThat(tokenAlone.status()).as(tokenAlone.toString()).isEqualTo(400);
    assertThat(tokenAlone.text("detail")).contains("currentPassword");
    Api.Response wrong =
        t.developer.put(
            path, Map.of("password", "taken over by a token", "currentPassword", "a guess at it"));
    assertThat(wrong.status()).isEqualTo(403);
    assertThat(new WebSession(port).signIn(dev, "taken over by a token")).isFalse();
    assertThat(laptop.get("/").status()).as("refusals end no session").isEqualTo(200);

    laptop.get("/account");
    WebPage changed =
        laptop.post(
            "/account/password",
            "current",
            PASSWORD,
            "password",
            "my new laptop password",
            "confirm",
            "my new laptop password");
    assertThat(changed.location()).endsWith("/account");
    assertThat(laptop.get("/account").body()).contains("Your password is changed");
    assertThat(laptop.get("/").status())
        .as("the session it was changed in lives on")
        .isEqualTo(200);
    assertThat(phone.get("/").location()).as("the other session ends").endsWith("/login?ended");
    assertThat(new WebSession(port).signIn(dev, "my new laptop password")).isTrue();

    Api.Response byApi =
        t.developer.put(
            path,
            Map.of(
                "password",
                "changed through the api",
                "currentPassword",
                "my new laptop password"));
    assertThat(byApi.status()).as(byApi.toString()).isEqualTo(204);
    assertThat(laptop.get("/").location())
        .as("a change through the API keeps no web session")
        .endsWith("/login?ended");
    assertThat(audit.types("user/" + dev))
        .contains("access.denied", "password.changed")
        .doesNotContain("password.set");
  }

  @Test
  void aResetByTheAdminOrASetPasswordLinkEndsEverySession() {
    Team t = team();
    String support = t.usernames.get("support");
    setPassword(support, PASSWORD);
    WebSession one = signedIn(support, PASSWORD);
    WebSession two = signedIn(support, PASSWORD);

    setPassword(support, "reset by the administrator");
    assertThat(one.get("/").location()).endsWith("/login?ended");
    assertThat(two.get("/").location()).endsWith("/login?ended");

    WebSession three = signedIn(support, "reset by the administrator");
    adminPassword(PASSWORD);
    WebSession adminWeb = signedIn("admin", PASSWORD);
    adminWeb.get("/admin/users/" + support);
    adminWeb.post("/admin/users/" + support + "/password-link");
    String link = adminWeb.get("/admin/users/" + support).secret();
    String linkPath = link.substring(link.indexOf("/set-password/"));
    WebSession visitor = new WebSession(port);
    visitor.get(linkPath);
    WebPage set =
        visitor.post(
            linkPath, "password", "chosen with the link", "confirm", "chosen with the link");
    assertThat(set.location()).endsWith("/login?passwordSet");
    assertThat(three.get("/").location()).endsWith("/login?ended");
    assertThat(new WebSession(port).signIn(support, "chosen with the link")).isTrue();
  }

  private void setPassword(String username, String password) {
    Api.Response set =
        admin.put("/api/v1/users/" + username + "/password", Map.of("password", password));
    assertThat(set.status()).as(set.toString()).isEqualTo(204);
  }

  private WebSession signedIn(String username, String password) {
    WebSession session = new WebSession(port);
    assertThat(session.signIn(username, password)).as("sign in as " + username).isTrue();
    assertThat(session.get("/").status()).isEqualTo(200);
    return session;
  }
}
