package io.tollgate.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.support.Api;
import io.tollgate.support.IntegrationTest;
import io.tollgate.support.Team;
import io.tollgate.support.WebPage;
import io.tollgate.support.WebSession;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Signing in is throttled and audited; so is every refusal for lack of a role or permission. */
class SignInIntegrationTests extends IntegrationTest {
  private static final String PASSWORD = "sign in test password";

  @Test
  void twentyFiveWrongPasswordsLockTheAccountSoTheRightOneNoLongerSignsIn() {
    Team t = team();
    String qa = t.usernames.get("qa-lead");
    assertThat(
            admin.put("/api/v1/users/" + qa + "/password", Map.of("password", PASSWORD)).status())
        .isEqualTo(204);
    AuditTrail audit = AuditTrail.mark(admin);

    for (int i = 0; i < 25; i++) {
      assertThat(new WebSession(port).signIn(qa, "wrong password " + i)).isFalse();
    }
    WebSession person = new WebSession(port);
    assertThat(person.signIn(qa, PASSWORD))
        .as("locked out: the right password is refused")
        .isFalse();
    WebPage page = person.get("/login?error");
    assertThat(page.body())
        .contains("Too many failed sign-ins")
        .containsPattern("locked until \\d\\d:\\d\\d UTC \\(in \\d+ minutes?\\)");
    assertThat(person.get("/").location()).as("not signed in").contains("/login");

    assertThat(new WebSession(port).signIn(t.usernames.get("devops"), "wrong")).isFalse();
    assertThat(
            admin
                .put(
                    "/api/v1/users/" + t.usernames.get("devops") + "/password",
                    Map.of("password", PASSWORD))
                .status())
        .isEqualTo(204);
    assertThat(new WebSession(port).signIn(t.usernames.get("devops"), PASSWORD))
        .as("another account from the same address still signs in")
        .isTrue();

    List<String> types = audit.types("user/" + qa);
    assertThat(types.stream().filter("signin.failed"::equals).count()).isEqualTo(5);
    assertThat(types.stream().filter("signin.locked-out"::equals).count()).isEqualTo(21);
    assertThat(types).doesNotContain("signin.succeeded");
    JsonNode lockedOut =
        audit.since("user/" + qa).stream()
            .filter(e -> e.path("action").asString().equals("signin.locked-out"))
            .findFirst()
            .orElseThrow();
    assertThat(lockedOut.path("details").asString()).contains("\"until\"").contains("\"address\"");
    assertThat(audit.types("user/" + t.usernames.get("devops")))
        .containsSubsequence("signin.failed", "signin.succeeded");
  }

  @Test
  void aSuccessfulSignInIsAuditedWithItsMethodAndAddress() {
    Team t = team();
    String rm = t.usernames.get("release-manager");
    admin.put("/api/v1/users/" + rm + "/password", Map.of("password", PASSWORD));
    AuditTrail audit = AuditTrail.mark(admin);
    assertThat(new WebSession(port).signIn(rm, PASSWORD)).isTrue();
    List<JsonNode> events = audit.since("user/" + rm);
    assertThat(events).hasSize(1);
    assertThat(events.get(0).path("action").asString()).isEqualTo("signin.succeeded");
    assertThat(events.get(0).path("actor").asString()).isEqualTo(rm);
    assertThat(events.get(0).path("details").asString())
        .contains("\"method\":\"password\"")
        .contains("\"address\":\"127.0.0.1\"");
  }

  @Test
  void everyForbiddenAnswerIsAuditedWithThePathAndWhatWasMissing() {
    Team t = team();
    String dev = t.usernames.get("developer");
    AuditTrail audit = AuditTrail.mark(admin);

    Api.Response api =
        t.developer.put(
            "/api/v1/products/" + t.product + "/members/" + dev,
            Map.of("roles", List.of("qa-lead")));
    assertThat(api.status()).isEqualTo(403);
    assertThat(t.developer.get("/actuator/prometheus").status()).isEqualTo(403);
    admin.put("/api/v1/users/" + dev + "/password", Map.of("password", PASSWORD));
    WebSession web = new WebSession(port);
    assertThat(web.signIn(dev, PASSWORD)).isTrue();
    assertThat(web.get("/admin").status()).isEqualTo(403);

    List<JsonNode> denied =
        audit.since("user/" + dev).stream()
            .filter(e -> e.path("action").asString().equals("access.denied"))
            .toList();
    assertThat(denied).hasSize(3);
    assertThat(denied.get(0).path("details").asString())
        .contains("\"path\":\"/api/v1/products/" + t.product + "/members/" + dev + "\"")
        .contains("\"method\":\"PUT\"")
        .contains(api.text("detail").substring(0, 30));
    assertThat(denied.get(1).path("details").asString())
        .contains("/actuator/prometheus")
        .contains("system administrator");
    assertThat(denied.get(2).path("details").asString())
        .contains("\"path\":\"/admin\"")
        .contains("system administrator");
    assertThat(denied).allSatisfy(e -> assertThat(e.path("actor").asString()).isEqualTo(dev));
  }
}
