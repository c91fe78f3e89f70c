package io.tollgate.customer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tollgate.support.Api;
import io.tollgate.support.IntegrationTest;
import io.tollgate.support.Receiver;
import io.tollgate.support.ReleaseDriver;
import io.tollgate.support.Team;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Support records what customers report after a release; a critical issue becomes an incident in
 * one action; subscribers and the release manager's menu hear of it.
 */
class CustomerIssueIntegrationTests extends IntegrationTest {

  @Test
  void supportRecordsIssuesOnAReleasedReleaseAndEscalatesACriticalOne() {
    Team t = team();
    try (Receiver receiver = new Receiver()) {
      String hook = "/issues-" + t.product;
      Api.Response sub =
          t.rm.post(
              "/api/v1/products/" + t.product + "/subscriptions",
              Map.of(
                  "events",
                  List.of("customer-issue.reported"),
                  "channel",
                  Map.of("kind", "webhook", "url", receiver.url(hook))));
      receiver.secret(hook, sub.text("secret"));
      String id = ReleaseDriver.plan(t, "minor");
      String issues = "/api/v1/releases/" + id + "/customer-issues";
      Map<String, Object> body =
          Map.of(
              "summary",
              "Checkout fails for Safari users",
              "severity",
              "critical",
              "link",
              "https://support.example/t/42");
      assertThat(t.support.post(issues, body).status()).as("not released yet").isEqualTo(409);
      ReleaseDriver.release(t, id);

      assertThat(t.developer.post(issues, body).status()).isEqualTo(403);
      assertField(t.support.post(issues, Map.of("summary", "x", "severity", "urgent")), "severity");
      assertField(
          t.support.post(issues, Map.of("summary", "x", "severity", "low", "link", "ftp://x/y")),
          "link");
      assertThat(t.support.post(issues, Map.of("severity", "low")).status()).isEqualTo(400);

      Api.Response minor =
          t.support.post(issues, Map.of("summary", "Typo on the receipt", "severity", "low"));
      assertThat(minor.status()).as(minor.toString()).isEqualTo(201);
      Api.Response critical = t.support.post(issues, body);
      assertThat(critical.status()).as(critical.toString()).isEqualTo(201);
      assertThat(critical.text("reportedBy")).isEqualTo(t.usernames.get("support"));
      assertThat(t.developer.get(issues).json().size()).isEqualTo(2);

      assertThat(
              t.support.post("/api/v1/customer-issues/" + minor.text("id") + "/escalate").status())
          .as("only a critical issue")
          .isEqualTo(409);
      assertThat(t.qa.post("/api/v1/customer-issues/" + critical.text("id") + "/escalate").status())
          .isEqualTo(403);
      Api.Response incident =
          t.support.post("/api/v1/customer-issues/" + critical.text("id") + "/escalate");
      assertThat(incident.status()).as(incident.toString()).isEqualTo(201);
      assertThat(incident.text("severity")).isEqualTo("critical");
      assertThat(incident.text("summary")).contains("Checkout fails for Safari users");
      assertThat(t.rm.get("/api/v1/incidents/" + incident.text("id")).status()).isEqualTo(200);
      assertThat(
              t.support
                  .post("/api/v1/customer-issues/" + critical.text("id") + "/escalate")
                  .status())
          .as("once")
          .isEqualTo(409);
      assertThat(t.rm.get(issues).json().get(1).path("incident").asString())
          .isEqualTo(incident.text("id"));

      String supportName = t.usernames.get("support");
      assertThat(
              admin
                  .put(
                      "/api/v1/users/" + supportName + "/password",
                      Map.of("password", "issue pages password 1"))
                  .status())
          .isEqualTo(204);
      io.tollgate.support.WebSession browser = new io.tollgate.support.WebSession(port);
      assertThat(browser.signIn(supportName, "issue pages password 1")).isTrue();
      assertThat(browser.get("/releases/" + id).body())
          .as("the release page counts them")
          .contains("2 customer issues");
      assertThat(browser.get("/?product=" + t.product).body())
          .as("and so does the board")
          .contains("2 customer issues");

      await().atMost(Duration.ofSeconds(15)).until(() -> receiver.to(hook).size() == 2);
      assertThat(receiver.to(hook)).allMatch(Receiver.Request::verified);
      assertThat(receiver.to(hook).get(1).json().path("data").path("severity").asString())
          .isEqualTo("critical");
      await()
          .atMost(Duration.ofSeconds(10))
          .until(
              () ->
                  t.rm
                      .get("/api/v1/me/notifications")
                      .json()
                      .path("items")
                      .valueStream()
                      .anyMatch(e -> e.path("type").asString().equals("customer-issue.reported")));
    }
  }

  private static void assertField(Api.Response r, String field) {
    assertThat(r.status()).as(r.toString()).isEqualTo(422);
    assertThat(r.json().path("field").asString()).isEqualTo(field);
  }
}
