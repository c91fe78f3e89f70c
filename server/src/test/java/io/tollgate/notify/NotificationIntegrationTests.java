package io.tollgate.notify;

import static io.tollgate.support.ReleaseDriver.ok;
import static io.tollgate.support.ReleaseDriver.path;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tollgate.support.Api;
import io.tollgate.support.IntegrationTest;
import io.tollgate.support.Receiver;
import io.tollgate.support.ReleaseDriver;
import io.tollgate.support.Team;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Notifications through HTTP, as a customer sees them: a signed webhook receiver that verifies
 * every signature, chat receivers, failures, retries, dead letters, and commands that never wait.
 */
class NotificationIntegrationTests extends IntegrationTest {
  private final Receiver receiver = new Receiver();

  @AfterEach
  void stop() {
    receiver.close();
  }

  @Test
  void aWholeReleaseReachesASignedWebhookOncePerEventInAuditOrder() {
    Team t = team();
    String hook = "/all-" + t.product;
    Api.Response created = subscribe(t.rm, t.product, List.of("*"), webhook(hook));
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    String secret = created.text("secret");
    assertThat(secret).startsWith("whsec_");
    assertThat(created.json().path("channel").path("secret").asString()).isEqualTo(secret);
    receiver.secret(hook, secret);
    JsonNode listed =
        byId(
            t.rm.get("/api/v1/products/" + t.product + "/subscriptions").json(),
            created.text("id"));
    assertThat(listed.path("channel").path("secret").asString()).isEqualTo("…set");
    assertThat(listed.toString()).doesNotContain(secret.substring(6));

    String id = ReleaseDriver.plan(t, "minor");
    ReleaseDriver.release(t, id);
    ok(t.rm.post(path(id) + "/steps/announce/complete", Map.of("note", "mail sent")));
    ok(t.support.post(path(id) + "/steps/monitor-customers/complete", Map.of("note", "quiet")));

    List<String> expected = expectedMessages(t, id);
    await().atMost(Duration.ofSeconds(30)).until(() -> receiver.to(hook).size() >= expected.size());
    List<Receiver.Request> got = receiver.to(hook);
    assertThat(got).allMatch(Receiver.Request::verified, "every signature verifies");
    assertThat(got)
        .extracting(
            r ->
                r.json().path("data").path("seq").asLong() + " " + r.json().path("type").asString())
        .as("one message per event, in audit order")
        .containsExactlyElementsOf(expected);
    assertThat(expected)
        .anyMatch(e -> e.endsWith(" release.planned"))
        .anyMatch(e -> e.endsWith(" release.window-scheduled"))
        .anyMatch(e -> e.endsWith(" handoff.handed"))
        .anyMatch(e -> e.endsWith(" decision.recorded"))
        .anyMatch(e -> e.endsWith(" deployment.succeeded"))
        .anyMatch(e -> e.endsWith(" release.announced"))
        .anyMatch(e -> e.endsWith(" release.closed"));
    Receiver.Request first = got.get(0);
    JsonNode data = first.json().path("data");
    assertThat(data.path("product").asString()).isEqualTo(t.product);
    assertThat(data.path("release").asString()).isEqualTo(id);
    assertThat(data.path("version").asString()).isEqualTo("0.1.0");
    assertThat(data.path("actor").asString()).isEqualTo(t.usernames.get("release-manager"));
    assertThat(data.path("link").asString()).endsWith("/releases/" + id);
    assertThat(first.json().path("bodyVersion").asInt()).isEqualTo(2);
    assertThat(first.json().path("subject").asString()).contains("0.1.0", "release planned");
    assertThat(first.json().path("link").asString()).endsWith("/releases/" + id);
    assertThat(first.id())
        .isEqualTo("msg_" + created.text("id").replace("-", "") + "_" + data.path("seq").asLong());
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> deliveries(t, "delivered").size() == expected.size());
  }

  @Test
  void failedDeliveriesAreRetriedThenDeadThenRetriedByHand() {
    Team t = team();
    String flaky = "/flaky-" + t.product;
    String down = "/down-" + t.product;
    int[] flakyCalls = {0};
    receiver.answer(
        r -> {
          if (r.path().equals(down)) return 503;
          if (r.path().equals(flaky)) return ++flakyCalls[0] == 1 ? 500 : 200;
          return 200;
        });
    String downId =
        subscribe(t.rm, t.product, List.of("release.planned"), webhook(down)).text("id");
    subscribe(t.rm, t.product, List.of("release.planned"), webhook(flaky));
    ReleaseDriver.plan(t, "minor");

    await().atMost(Duration.ofSeconds(20)).until(() -> deliveries(t, "dead").size() == 1);
    JsonNode dead = deliveries(t, "dead").get(0);
    assertThat(dead.path("subscription").asString()).isEqualTo(downId);
    assertThat(dead.path("type").asString()).isEqualTo("release.planned");
    assertThat(dead.path("attempts").asInt()).isEqualTo(3);
    assertThat(dead.path("lastError").asString()).contains("503");
    assertThat(dead.path("nextAttemptAt").isNull()).isTrue();
    assertThat(receiver.to(down))
        .hasSize(3)
        .extracting(Receiver.Request::id)
        .containsOnly(receiver.to(down).get(0).id());
    await().atMost(Duration.ofSeconds(20)).until(() -> deliveries(t, "delivered").size() == 1);
    JsonNode recovered = deliveries(t, "delivered").get(0);
    assertThat(recovered.path("attempts").asInt()).as("failed once, then delivered").isEqualTo(2);
    assertThat(receiver.to(flaky)).hasSize(2);

    long deadId = dead.path("id").asLong();
    assertThat(t.developer.post("/api/v1/deliveries/" + deadId + "/retry").status()).isEqualTo(403);
    receiver.answer(r -> 200);
    Api.Response retried = t.rm.post("/api/v1/deliveries/" + deadId + "/retry");
    assertThat(retried.status()).as(retried.toString()).isEqualTo(202);
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> deliveries(t, "dead").isEmpty() && deliveries(t, "delivered").size() == 2);
    assertThat(receiver.to(down)).hasSize(4);
    assertThat(t.rm.post("/api/v1/deliveries/" + deadId + "/retry").status())
        .as("a delivered message is not retried")
        .isEqualTo(409);
  }

  @Test
  void aSlowReceiverTimesOutAndNoCommandWaitsForIt() throws Exception {
    Team t = team();
    String slow = "/slow-" + t.product;
    CountDownLatch hold = new CountDownLatch(1);
    receiver.answer(
        r -> {
          try {
            hold.await(20, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          return 200;
        });
    subscribe(t.rm, t.product, List.of("*"), webhook(slow));
    String id = ReleaseDriver.plan(t, "minor");
    await().atMost(Duration.ofSeconds(10)).until(() -> !receiver.to(slow).isEmpty());

    // the receiver holds its first message; commands go on
    ReleaseDriver.prepare(t, id);
    ReleaseDriver.go(t, id);
    assertThat(hold.getCount())
        .as("every command answered while the receiver held on")
        .isEqualTo(1);

    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                deliveries(t, "pending").stream()
                    .anyMatch(d -> d.path("lastError").asString("").contains("no answer")));
    hold.countDown();
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> deliveries(t, "pending").isEmpty() && deliveries(t, "dead").isEmpty());
  }

  @Test
  void invalidAddressesUrlsAndEventsAre422NamingTheField() {
    Team t = team();
    String subs = "/api/v1/products/" + t.product + "/subscriptions";
    assertField(
        t.rm.post(
            subs,
            Map.of(
                "events",
                List.of("*"),
                "channel",
                Map.of("kind", "webhook", "url", "ftp://files.example/x"))),
        "channel.url");
    assertField(
        t.rm.post(
            subs,
            Map.of("events", List.of("*"), "channel", Map.of("kind", "slack", "url", "not a url"))),
        "channel.url");
    assertField(
        t.rm.post(
            subs,
            Map.of(
                "events",
                List.of("*"),
                "channel",
                Map.of("kind", "email", "to", List.of("stakeholders", "ops at example")))),
        "channel.to[1]");
    assertField(
        t.rm.post(
            subs,
            Map.of(
                "events",
                List.of("*"),
                "channel",
                Map.of("kind", "email", "to", List.of("role:nobody")))),
        "channel.to[0]");
    assertField(
        t.rm.post(
            subs,
            Map.of(
                "events",
                List.of("*"),
                "channel",
                Map.of("kind", "email", "to", List.of("user:no-such-person")))),
        "channel.to[0]");
    assertField(
        t.rm.post(
            subs,
            Map.of(
                "events",
                List.of("release.shipped"),
                "channel",
                Map.of("kind", "email", "to", List.of("stakeholders")))),
        "events[0]");
    assertField(
        t.rm.post(
            subs,
            Map.of(
                "events",
                List.of("*"),
                "channel",
                Map.of("kind", "webhook", "url", receiver.url("/x"), "secret", "whsec_!!!"))),
        "channel.secret");
    assertField(
        t.rm.post(subs, Map.of("events", List.of("*"), "channel", Map.of("kind", "pager"))),
        "channel.kind");
    assertThat(t.rm.post(subs, Map.of("events", List.of("*"))).status()).isEqualTo(400);
    assertField(
        t.rm.put(
            "/api/v1/products/" + t.product + "/stakeholders",
            Map.of("emails", List.of("cfo@example.com", "nope"))),
        "emails[1]");

    Api.Response set =
        t.rm.put(
            "/api/v1/products/" + t.product + "/stakeholders",
            Map.of("emails", List.of("cfo@example.com", "cto@example.com")));
    assertThat(set.status()).as(set.toString()).isEqualTo(200);
    assertThat(
            t.qa
                .get("/api/v1/products/" + t.product + "/stakeholders")
                .json()
                .path("emails")
                .size())
        .isEqualTo(2);
    assertThat(
            t.qa
                .put("/api/v1/products/" + t.product + "/stakeholders", Map.of("emails", List.of()))
                .status())
        .isEqualTo(403);
  }

  @Test
  void aNewProductHasTheGuidesDefaultsVisibleAndEditable() {
    Team t = team();
    String subs = "/api/v1/products/" + t.product + "/subscriptions";
    JsonNode defaults = t.developer.get(subs).json();
    List<String> events = new ArrayList<>();
    defaults.forEach(
        s -> {
          assertThat(s.path("default").asBoolean()).isTrue();
          assertThat(s.path("channel").path("kind").asString()).isEqualTo("email");
          events.add(
              s.path("events").get(0).asString()
                  + " -> "
                  + s.path("channel").path("to").toString());
        });
    assertThat(events)
        .contains(
            "release.window-scheduled -> [\"stakeholders\"]",
            "incident.opened -> [\"stakeholders\",\"role:devops\"]");
    String first = defaults.get(0).path("id").asString();
    assertThat(t.developer.delete(subs + "/" + first).status()).isEqualTo(403);
    assertThat(t.rm.delete(subs + "/" + first).status()).isEqualTo(204);
    assertThat(t.rm.get(subs).json().size()).isEqualTo(defaults.size() - 1);
    assertThat(t.rm.delete(subs + "/" + first).status()).isEqualTo(404);
  }

  @Test
  void chatChannelsGetOneLineWithTheLink() {
    Team t = team();
    String slack = "/slack-" + t.product + "/T000/B000/XXXX";
    String teams = "/teams-" + t.product;
    Api.Response s =
        subscribe(
            t.rm,
            t.product,
            List.of("release.planned"),
            Map.of("kind", "slack", "url", receiver.url(slack)));
    assertThat(s.status()).as(s.toString()).isEqualTo(201);
    assertThat(s.json().path("channel").path("url").asString())
        .as("the URL's path is its token: never shown")
        .doesNotContain("XXXX");
    subscribe(
        t.rm, t.product, List.of("release.*"), Map.of("kind", "teams", "url", receiver.url(teams)));
    String id = ReleaseDriver.plan(t, "minor");
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> receiver.to(slack).size() == 1 && receiver.to(teams).size() == 1);
    String slackText = receiver.to(slack).get(0).json().path("text").asString();
    String teamsText = receiver.to(teams).get(0).json().path("text").asString();
    assertThat(slackText)
        .contains("0.1.0", "release planned", "/releases/" + id + "|Open in Tollgate>");
    assertThat(teamsText)
        .contains("0.1.0", "release planned", "[Open in Tollgate](", "/releases/" + id + ")");
  }

  @Test
  void emailsReachRolesStakeholdersAndAddressesSayingProductVersionAndWhatHappened()
      throws Exception {
    Team t = team();
    String cfo = "cfo-" + t.product + "@example.com";
    String ops = "ops-" + t.product + "@example.com";
    assertThat(
            t.rm
                .put(
                    "/api/v1/products/" + t.product + "/stakeholders",
                    Map.of("emails", List.of(cfo)))
                .status())
        .isEqualTo(200);
    subscribe(
        t.rm,
        t.product,
        List.of("release.planned"),
        Map.of("kind", "email", "to", List.of(ops, "user:" + t.usernames.get("qa-lead"))));
    String id = ReleaseDriver.plan(t, "minor");
    ReleaseDriver.prepare(t, id);
    ReleaseDriver.go(t, id);
    String devops = t.usernames.get("devops") + "@example.com";
    String qa = t.usernames.get("qa-lead") + "@example.com";
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                subjects(cfo).contains("release window scheduled")
                    && subjects(cfo).contains("decision: go")
                    && subjects(devops).contains("decision: go")
                    && subjects(ops).contains("release planned")
                    && subjects(qa).contains("release planned"));
    jakarta.mail.internet.MimeMessage decision =
        io.tollgate.support.MailServer.to(cfo).stream()
            .filter(m -> subjectOf(m).contains("decision: go"))
            .findFirst()
            .orElseThrow();
    String productName = t.rm.get("/api/v1/products/" + t.product).text("name");
    assertThat(decision.getSubject())
        .isEqualTo("[Tollgate] " + productName + " 0.1.0: decision: go");
    String raw = com.icegreen.greenmail.util.GreenMailUtil.getWholeMessage(decision);
    assertThat(raw).contains("text/plain", "text/html");
    assertThat(InboxIntegrationTests.plainText(decision)).contains("/releases/" + id);
    assertThat(subjects(qa))
        .as("qa-lead is not in the decision's audience")
        .doesNotContain("decision: go");
  }

  private static String subjects(String address) {
    StringBuilder b = new StringBuilder();
    io.tollgate.support.MailServer.to(address).forEach(m -> b.append(subjectOf(m)).append('\n'));
    return b.toString();
  }

  private static String subjectOf(jakarta.mail.internet.MimeMessage m) {
    try {
      return m.getSubject();
    } catch (jakarta.mail.MessagingException e) {
      throw new IllegalStateException(e);
    }
  }

  // --- helpers

  private Map<String, Object> webhook(String hookPath) {
    return Map.of("kind", "webhook", "url", receiver.url(hookPath));
  }

  static Api.Response subscribe(
      Api as, String product, List<String> events, Map<String, Object> channel) {
    return as.post(
        "/api/v1/products/" + product + "/subscriptions",
        Map.of("events", events, "channel", channel));
  }

  /** The deliveries of the test's own subscriptions (not the email defaults) with the status. */
  private static List<JsonNode> deliveries(Team t, String status) {
    Api.Response r = t.rm.get("/api/v1/products/" + t.product + "/deliveries?status=" + status);
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    JsonNode subs = t.rm.get("/api/v1/products/" + t.product + "/subscriptions").json();
    List<JsonNode> out = new ArrayList<>();
    r.json()
        .forEach(
            d -> {
              JsonNode s = byId(subs, d.path("subscription").asString());
              if (s != null && !s.path("channel").path("kind").asString().equals("email")) {
                out.add(d);
              }
            });
    return out;
  }

  private static JsonNode byId(JsonNode list, String id) {
    for (JsonNode n : list) if (n.path("id").asString().equals(id)) return n;
    return null;
  }

  /** "seq type" of every notification the release's audit log stands for, in order. */
  static List<String> expectedMessages(Team t, String releaseId) {
    JsonNode audit = t.rm.get("/api/v1/releases/" + releaseId + "/audit").json();
    List<String> out = new ArrayList<>();
    audit.forEach(
        e -> {
          JsonNode p = e.path("details");
          List<String> types =
              NotificationTypes.of(
                  e.path("action").asString(),
                  k -> p.path(k).isValueNode() ? p.path(k).asString() : null,
                  step -> step.startsWith("deploy-"));
          if (!types.isEmpty()) out.add(e.path("seq").asLong() + " " + types.get(0));
        });
    out.sort(
        java.util.Comparator.comparingLong(s -> Long.parseLong(s.substring(0, s.indexOf(' ')))));
    return out;
  }

  private static void assertField(Api.Response r, String field) {
    assertThat(r.status()).as(r.toString()).isEqualTo(422);
    assertThat(r.json().path("field").asString()).as(r.toString()).isEqualTo(field);
  }
}
