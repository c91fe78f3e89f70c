package io.tollgate.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tollgate.support.Api;
import io.tollgate.support.IntegrationTest;
import io.tollgate.support.Receiver;
import io.tollgate.support.ReleaseDriver;
import io.tollgate.support.Team;
import io.tollgate.support.WebPage;
import io.tollgate.support.WebSession;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The notifications part of the product page, through real HTTP as a browser posts its forms: the
 * release manager lists, adds and removes subscriptions and retries a dead delivery; a developer
 * sees them without the forms and is refused when posting anyway; support keeps the customer list;
 * bad input comes back as a sentence naming the field, with nothing saved.
 */
class SubscriptionPagesIntegrationTests extends IntegrationTest {
  private static final String PASSWORD = "subscription pages password 1";
  private final Receiver receiver = new Receiver();

  @AfterEach
  void stop() {
    receiver.close();
  }

  @Test
  void theReleaseManagerSubscribesUnsubscribesAndSeesRefusalsOnThePage() {
    Team t = team();
    WebSession rm = signIn(t.usernames.get("release-manager"));
    String product = "/products/" + t.product;
    assertThat(rm.get(product).body()).contains("hx-get=\"" + product + "/notifications\"");
    WebPage fragment = rm.get(product + "/notifications");
    assertThat(fragment.status()).isEqualTo(200);
    assertThat(fragment.body())
        .contains("release.window-scheduled", "customers.release-announced", "the guide (default)")
        .contains("data-action=\"subscribe\"", "Remove");
    int before = subscriptions(t).size();

    String hook = receiver.url("/page-" + t.product);
    WebPage made =
        rm.post(
            product + "/notifications/subscriptions",
            "events",
            "release.*, incident.opened",
            "kind",
            "webhook",
            "url",
            hook);
    assertThat(made.status()).isEqualTo(302);
    assertThat(made.location()).endsWith(product + "#notifications");
    assertThat(follow(rm, made).body())
        .contains("Subscribed webhook to release.*, incident.opened.")
        .contains("Its webhook secret, shown this once: whsec_");
    assertThat(subscriptions(t)).hasSize(before + 1);
    assertThat(rm.get(product + "/notifications").body()).contains(hook);

    WebPage refused =
        rm.post(
            product + "/notifications/subscriptions",
            "events",
            "release.planned",
            "kind",
            "email",
            "to",
            "stakeholders\nops-at-example");
    assertThat(follow(rm, refused).body())
        .contains("Not subscribed. Recipients, entry 2:", "is not a recipient");
    WebPage badEvent =
        rm.post(
            product + "/notifications/subscriptions",
            "events",
            "release.shipped",
            "kind",
            "email",
            "to",
            "stakeholders");
    assertThat(follow(rm, badEvent).body()).contains("Not subscribed. Events, entry 1:");
    assertThat(subscriptions(t)).as("nothing half-saved").hasSize(before + 1);

    String webhookId =
        subscriptions(t).stream()
            .filter(s -> s.path("channel").path("kind").asString().equals("webhook"))
            .findFirst()
            .orElseThrow()
            .path("id")
            .asString();
    WebPage stakeholders =
        rm.post(
            product + "/notifications/stakeholders", "emails", "cfo@example.com\ncto@example.com");
    assertThat(follow(rm, stakeholders).body())
        .contains("The stakeholder list holds 2 address(es).");
    WebPage badStakeholder =
        rm.post(product + "/notifications/stakeholders", "emails", "cfo@example.com, nope");
    assertThat(follow(rm, badStakeholder).body())
        .contains("The stakeholder list is not saved. Stakeholder list, entry 2:");
    assertThat(t.qa.get("/api/v1/products/" + t.product + "/stakeholders").json().path("emails"))
        .hasSize(2);

    WebPage removed = rm.post(product + "/notifications/subscriptions/" + webhookId + "/delete");
    assertThat(follow(rm, removed).body()).contains("The subscription is removed.");
    assertThat(subscriptions(t)).hasSize(before);
  }

  @Test
  void aDeadDeliveryIsListedWithItsErrorAndRetriedFromThePage() {
    Team t = team();
    String down = "/down-" + t.product;
    receiver.answer(r -> r.path().equals(down) ? 503 : 200);
    Api.Response s =
        NotificationIntegrationTests.subscribe(
            t.rm,
            t.product,
            List.of("release.planned"),
            Map.of("kind", "webhook", "url", receiver.url(down)));
    assertThat(s.status()).as(s.toString()).isEqualTo(201);
    ReleaseDriver.plan(t, "minor");
    await().atMost(Duration.ofSeconds(20)).until(() -> dead(t).size() == 1);
    long id = dead(t).get(0).path("id").asLong();

    WebSession developer = signIn(t.usernames.get("developer"));
    String product = "/products/" + t.product;
    developer.get(product);
    String seen = developer.get(product + "/notifications").body();
    assertThat(seen)
        .contains("data-delivery=\"" + id + "\"", "release.planned", "503")
        .doesNotContain(
            "data-action=\"retry:", "data-action=\"subscribe\"", "data-action=\"stakeholders\"");
    WebPage notAllowed = developer.post(product + "/notifications/deliveries/" + id + "/retry");
    assertThat(follow(developer, notAllowed).body()).contains("Not retried.");
    assertThat(dead(t)).hasSize(1);

    WebSession rm = signIn(t.usernames.get("release-manager"));
    rm.get(product);
    assertThat(rm.get(product + "/notifications").body())
        .contains("data-action=\"retry:" + id + "\"");
    receiver.answer(r -> 200);
    WebPage retried = rm.post(product + "/notifications/deliveries/" + id + "/retry");
    assertThat(follow(rm, retried).body())
        .contains("Delivery " + id + " (release.planned) will be sent again.");
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                t.rm
                    .get("/api/v1/products/" + t.product + "/deliveries?status=delivered")
                    .json()
                    .valueStream()
                    .anyMatch(d -> d.path("id").asLong() == id));
    assertThat(rm.get(product + "/notifications").body())
        .doesNotContain("data-delivery=\"" + id + "\"");
  }

  @Test
  void supportKeepsTheCustomerListAndOutsidersSeeNothing() {
    Team t = team();
    WebSession support = signIn(t.usernames.get("support"));
    String product = "/products/" + t.product;
    support.get(product);
    assertThat(support.get(product + "/notifications").body())
        .contains("data-action=\"customers\"")
        .doesNotContain("data-action=\"subscribe\"");
    WebPage saved =
        support.post(
            product + "/notifications/customers", "emails", "a@example.com\nb@example.com");
    assertThat(follow(support, saved).body()).contains("The customer list holds 2 address(es).");
    WebPage bad =
        support.post(product + "/notifications/customers", "emails", "a@example.com nope");
    assertThat(follow(support, bad).body())
        .contains("The customer list is not saved. Customer list, entry 2:");
    assertThat(t.rm.get("/api/v1/products/" + t.product + "/customers").json().path("emails"))
        .hasSize(2);

    Team other = team();
    WebSession outsider = signIn(other.usernames.get("release-manager"));
    assertThat(outsider.get(product + "/notifications").status())
        .as("as the product page itself answers a non-member")
        .isEqualTo(outsider.get(product).status())
        .isEqualTo(403);
  }

  /** The page a form's redirect leads to (without its #fragment, as a browser asks for it). */
  private static WebPage follow(WebSession browser, WebPage redirect) {
    assertThat(redirect.status()).as(redirect.body()).isEqualTo(302);
    return browser.get(redirect.location().replaceFirst("#.*$", ""));
  }

  private List<JsonNode> subscriptions(Team t) {
    return t.rm
        .get("/api/v1/products/" + t.product + "/subscriptions")
        .json()
        .valueStream()
        .toList();
  }

  private List<JsonNode> dead(Team t) {
    return t.rm
        .get("/api/v1/products/" + t.product + "/deliveries?status=dead")
        .json()
        .valueStream()
        .filter(d -> !d.path("lastError").asString("").startsWith("nobody to send to"))
        .filter(d -> !d.path("lastError").asString("").startsWith("email is not set up"))
        .toList();
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
