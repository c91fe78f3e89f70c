package io.tollgate.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tollgate.support.IntegrationTest;
import io.tollgate.support.MailServer;
import io.tollgate.support.WebPage;
import io.tollgate.support.WebSession;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The admin's notifications page: where email goes, and a test message that arrives. */
class NotifyAdminPageIntegrationTests extends IntegrationTest {
  private static final String PASSWORD = "notify admin page password 1";

  @Test
  void theAdminSeesTheSmtpServerAndSendsATestMessage() {
    adminPassword(PASSWORD);
    WebSession browser = new WebSession(port);
    assertThat(browser.signIn("admin", PASSWORD)).isTrue();
    WebPage page = browser.get("/admin/notifications");
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.body()).contains("127.0.0.1:" + MailServer.port(), "tollgate@tollgate.test");

    String to = "test-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    WebPage sent = browser.post("/admin/notifications/test", "to", to);
    assertThat(sent.status()).isEqualTo(302);
    assertThat(browser.get(sent.location()).body()).contains("Sent a test message to " + to);
    await().atMost(Duration.ofSeconds(10)).until(() -> MailServer.to(to).size() == 1);

    WebPage bad = browser.post("/admin/notifications/test", "to", "not an address");
    assertThat(browser.get(bad.location()).body()).contains("is not an email address");
  }

  @Test
  void peopleOtherThanTheAdminAreRefused() {
    var t = team();
    assertThat(
            admin
                .put(
                    "/api/v1/users/" + t.usernames.get("release-manager") + "/password",
                    java.util.Map.of("password", PASSWORD))
                .status())
        .isEqualTo(204);
    WebSession rm = new WebSession(port);
    assertThat(rm.signIn(t.usernames.get("release-manager"), PASSWORD)).isTrue();
    assertThat(rm.get("/admin/notifications").status()).isEqualTo(403);
  }
}
