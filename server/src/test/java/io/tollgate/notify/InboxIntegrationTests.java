package io.tollgate.notify;

import static io.tollgate.support.ReleaseDriver.ok;
import static io.tollgate.support.ReleaseDriver.path;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tollgate.notify.internal.HandoffClocks;
import io.tollgate.support.Api;
import io.tollgate.support.IntegrationTest;
import io.tollgate.support.MailServer;
import io.tollgate.support.ReleaseDriver;
import io.tollgate.support.Team;
import io.tollgate.support.WebPage;
import io.tollgate.support.WebSession;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * The notifications menu: "your turn" reaches the receiving role's people (not the one who acted),
 * opening it leads to the release, or says it is no longer current once someone acknowledged; a
 * muted product stays out of a person's menu and mail.
 */
class InboxIntegrationTests extends IntegrationTest {
  private static final String PASSWORD = "inbox pages password 1";
  @Autowired HandoffClocks clocks;
  @Autowired io.tollgate.notify.internal.SignedLinks links;

  @Test
  void yourTurnWaitsOnTheReceiversAndGoesStaleOnceAcknowledged() {
    Team t = team();
    String id = ReleaseDriver.plan(t, "minor");
    ReleaseDriver.prepare(t, id);
    await().atMost(Duration.ofSeconds(10)).until(() -> unread(t.rm) == 1);
    JsonNode entry = t.rm.get("/api/v1/me/notifications").json().path("items").get(0);
    assertThat(entry.path("type").asString()).isEqualTo("handoff.handed");
    assertThat(entry.path("handoff").asString()).isEqualTo("qa-to-rm");
    assertThat(entry.path("link").asString()).isEqualTo("/releases/" + id);
    assertThat(entry.path("title").asString()).contains(t.product, "0.1.0", "your turn");
    assertThat(unread(t.qa)).as("nobody is told of their own act").isZero();

    WebSession rm = signIn(t.usernames.get("release-manager"));
    WebPage open = rm.get("/notifications/" + entry.path("id").asLong());
    assertThat(open.status()).isEqualTo(302);
    assertThat(open.location()).isEqualTo("/releases/" + id);
    assertThat(unread(t.rm)).isZero();

    WebSession qa = signIn(t.usernames.get("qa-lead"));
    assertThat(qa.get("/notifications/" + entry.path("id").asLong()).status())
        .as("someone else's entry")
        .isEqualTo(404);

    ok(t.rm.post(path(id) + "/handoffs/qa-to-rm/acknowledge", Map.of()));
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () -> clocks.find(id, "qa-to-rm").map(c -> c.acknowledgedAt() != null).orElse(false));
    WebPage stale = rm.get("/notifications/" + entry.path("id").asLong());
    assertThat(stale.status()).isEqualTo(200);
    assertThat(stale.body())
        .contains("no longer current", t.usernames.get("release-manager") + " acknowledged");
  }

  @Test
  void aMutedProductStaysOutOfTheMenuAndTheMail() {
    Team t = team();
    Api.Response muted =
        t.devops.put(
            "/api/v1/me/notification-preferences",
            Map.of("emailOff", List.of(), "mutedProducts", List.of(t.product)));
    assertThat(muted.status()).as(muted.toString()).isEqualTo(200);
    assertThat(
            t.devops
                .put(
                    "/api/v1/me/notification-preferences",
                    Map.of("emailOff", List.of("nothing.*"), "mutedProducts", List.of()))
                .status())
        .isEqualTo(422);
    String id = ReleaseDriver.plan(t, "minor");
    ReleaseDriver.prepare(t, id);
    ReleaseDriver.go(t, id); // decision → devops by email (default); rm-to-devops → devops' menu
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () -> {
              JsonNode d =
                  t.rm.get("/api/v1/products/" + t.product + "/deliveries?status=delivered").json();
              for (JsonNode x : d)
                if (x.path("type").asString().equals("decision.recorded")) return true;
              return false;
            });
    await().atMost(Duration.ofSeconds(10)).until(() -> clocks.find(id, "rm-to-devops").isPresent());
    assertThat(unread(t.devops)).isZero();
    String devops = t.usernames.get("devops") + "@example.com";
    assertThat(MailServer.to(devops)).isEmpty();
  }

  @Test
  void yourTurnEmailsCarryASignedSingleUseLinkThatLeadsThroughSignIn() throws Exception {
    Team t = team();
    String id = ReleaseDriver.plan(t, "minor");
    ReleaseDriver.prepare(t, id);
    String rmAddress = t.usernames.get("release-manager") + "@example.com";
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                MailServer.to(rmAddress).stream().anyMatch(m -> subject(m).contains("your turn")));
    jakarta.mail.internet.MimeMessage mail =
        MailServer.to(rmAddress).stream()
            .filter(m -> subject(m).contains("your turn"))
            .findFirst()
            .orElseThrow();
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("https?://[^/\\s]+(/go/[A-Za-z0-9_-]+)")
            .matcher(plainText(mail));
    assertThat(m.find()).as(plainText(mail)).isTrue();
    String go = m.group(1);

    WebPage anonymous = new WebSession(port).get(go);
    assertThat(anonymous.status()).isEqualTo(302);
    assertThat(anonymous.location()).as("leads through sign-in").contains("/login");

    WebSession rm = signIn(t.usernames.get("release-manager"));
    WebPage first = rm.get(go);
    assertThat(first.status()).isEqualTo(302);
    assertThat(first.location()).isEqualTo("/releases/" + id);
    WebPage again = rm.get(go);
    assertThat(again.status()).isEqualTo(200);
    assertThat(again.body()).contains("used this link already");
    assertThat(rm.get(go.substring(0, go.length() - 3) + "AAA").status())
        .as("an altered token")
        .isEqualTo(404);
    String expired =
        links.token(id, "qa-to-rm", 1, java.time.Instant.now().minus(Duration.ofDays(8)));
    assertThat(rm.get("/go/" + expired).body()).contains("expired");

    ok(t.rm.post(path(id) + "/handoffs/qa-to-rm/acknowledge", Map.of()));
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () -> clocks.find(id, "qa-to-rm").map(c -> c.acknowledgedAt() != null).orElse(false));
    WebSession qa = signIn(t.usernames.get("qa-lead"));
    assertThat(qa.get(go).body())
        .as("a message no longer current says so")
        .contains("no longer current");
  }

  private static String subject(jakarta.mail.internet.MimeMessage m) {
    try {
      return m.getSubject();
    } catch (jakarta.mail.MessagingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The text/plain part of a message, decoded. */
  static String plainText(jakarta.mail.Part part) throws Exception {
    if (part.isMimeType("text/plain")) return (String) part.getContent();
    if (part.getContent() instanceof jakarta.mail.Multipart mp) {
      for (int i = 0; i < mp.getCount(); i++) {
        String found = plainText(mp.getBodyPart(i));
        if (found != null) return found;
      }
    }
    return null;
  }

  private long unread(Api who) {
    return who.get("/api/v1/me/notifications").json().path("unread").asLong();
  }

  private WebSession signIn(String username) {
    assertThat(
            admin
                .put("/api/v1/users/" + username + "/password", Map.of("password", PASSWORD))
                .status())
        .isEqualTo(204);
    WebSession s = new WebSession(port);
    assertThat(s.signIn(username, PASSWORD)).isTrue();
    return s;
  }
}
