package io.tollgate.notify;

import static io.tollgate.notify.NotificationIntegrationTests.expectedMessages;
import static io.tollgate.notify.NotificationIntegrationTests.subscribe;
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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Several webhook subscriptions to the same events: a message is rendered once per event and shared
 * by the subscriptions (the senders read and render it once), yet each subscription gets its own
 * webhook-id and its own signature; and a batch's sends, recorded in one statement, keep each
 * subscription's order through a failure and its retry.
 */
class WebhookFanOutIntegrationTests extends IntegrationTest {
  private final Receiver receiver = new Receiver();

  @AfterEach
  void stop() {
    receiver.close();
  }

  private Map<String, Object> webhook(String hookPath) {
    return Map.of("kind", "webhook", "url", receiver.url(hookPath));
  }

  @Test
  void oneBodyPerEventReachesEachSubscriptionWithItsOwnIdAndSignature() {
    Team t = team();
    List<String> hooks = new ArrayList<>();
    List<String> ids = new ArrayList<>();
    List<String> secrets = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      String hook = "/fan-" + i + "-" + t.product;
      Api.Response created = subscribe(t.rm, t.product, List.of("*"), webhook(hook));
      assertThat(created.status()).as(created.toString()).isEqualTo(201);
      receiver.secret(hook, created.text("secret"));
      hooks.add(hook);
      ids.add(created.text("id"));
      secrets.add(created.text("secret"));
    }
    assertThat(new LinkedHashSet<>(secrets)).as("a secret of each").hasSize(3);

    String release = ReleaseDriver.plan(t, "minor");
    ReleaseDriver.release(t, release);
    List<String> expected = expectedMessages(t, release);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> hooks.stream().allMatch(h -> receiver.to(h).size() >= expected.size()));

    List<List<Receiver.Request>> got = hooks.stream().map(receiver::to).toList();
    for (int i = 0; i < 3; i++) {
      assertThat(got.get(i))
          .as("subscription %d: every signature verifies with its own secret", i)
          .allMatch(Receiver.Request::verified);
      assertThat(got.get(i))
          .extracting(
              r ->
                  r.json().path("data").path("seq").asLong()
                      + " "
                      + r.json().path("type").asString())
          .as("subscription %d: one message per event, in audit order", i)
          .containsExactlyElementsOf(expected);
      String prefix = "msg_" + ids.get(i).replace("-", "") + "_";
      assertThat(got.get(i))
          .allMatch(r -> r.id().equals(prefix + r.json().path("data").path("seq").asLong()));
    }
    for (int n = 0; n < expected.size(); n++) {
      Receiver.Request a = got.get(0).get(n);
      Receiver.Request b = got.get(1).get(n);
      Receiver.Request c = got.get(2).get(n);
      if (expected.get(n).endsWith(" handoff.handed")) continue; // a signed link of its own
      assertThat(List.of(b.body(), c.body())).as("the same body").containsOnly(a.body());
      assertThat(
              new LinkedHashSet<>(
                  List.of(
                      a.headers().get("webhook-signature"),
                      b.headers().get("webhook-signature"),
                      c.headers().get("webhook-signature"))))
          .as("but a signature of each subscription's own")
          .hasSize(3);
    }
  }

  @Test
  void aFailureHoldsBackTheSubscriptionsLaterMessagesUntilItsRetryAndTheOthersGoOn() {
    Team t = team();
    String flaky = "/flaky-" + t.product;
    String steady = "/steady-" + t.product;
    AtomicBoolean failed = new AtomicBoolean();
    receiver.answer(
        r -> {
          boolean third = r.json().path("type").asString().equals("release.window-scheduled");
          if (r.path().equals(flaky) && third && failed.compareAndSet(false, true)) return 503;
          return 200;
        });
    String flakyId = subscribe(t.rm, t.product, List.of("*"), webhook(flaky)).text("id");
    subscribe(t.rm, t.product, List.of("*"), webhook(steady));

    String release = ReleaseDriver.plan(t, "minor");
    ReleaseDriver.release(t, release);
    ok(t.rm.post(path(release) + "/steps/announce/complete", Map.of("note", "mail sent")));
    List<String> expected = expectedMessages(t, release);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                receiver.to(flaky).size() >= expected.size() + 1
                    && receiver.to(steady).size() >= expected.size());

    assertThat(failed).as("the window message failed once").isTrue();
    List<String> flakyGot =
        receiver.to(flaky).stream()
            .map(
                r ->
                    r.json().path("data").path("seq").asLong()
                        + " "
                        + r.json().path("type").asString())
            .toList();
    int failedAt =
        expected.indexOf(
            expected.stream()
                .filter(e -> e.endsWith(" release.window-scheduled"))
                .findFirst()
                .orElseThrow());
    List<String> inOrder = new ArrayList<>(expected);
    inOrder.add(failedAt, expected.get(failedAt));
    assertThat(flakyGot)
        .as("the failed message again, then the later ones: nothing overtook it")
        .containsExactlyElementsOf(inOrder);
    assertThat(receiver.to(steady))
        .extracting(
            r ->
                r.json().path("data").path("seq").asLong() + " " + r.json().path("type").asString())
        .containsExactlyElementsOf(expected);
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> delivered(t, flakyId).size() == expected.size());
    assertThat(delivered(t, flakyId))
        .as("the batch records each send with its attempts: two for the one that failed once")
        .allMatch(
            d ->
                d.path("attempts").asInt()
                    == (d.path("type").asString().equals("release.window-scheduled") ? 2 : 1));
  }

  private static List<JsonNode> delivered(Team t, String subscription) {
    Api.Response r = t.rm.get("/api/v1/products/" + t.product + "/deliveries?status=delivered");
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    List<JsonNode> out = new ArrayList<>();
    r.json()
        .forEach(
            d -> {
              if (d.path("subscription").asString().equals(subscription)) out.add(d);
            });
    return out;
  }
}
