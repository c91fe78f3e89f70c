package io.tollgate.notify.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tollgate.audit.AuditLog;
import io.tollgate.support.Api;
import io.tollgate.support.IntegrationTest;
import io.tollgate.support.Receiver;
import io.tollgate.support.ReleaseDriver;
import io.tollgate.support.Team;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Several nodes on one database (this server's own sender and two more, each with its own node id,
 * as another process would have) share the outbox: every message is sent once, never by two senders
 * at the same time, and in audit order per subscription.
 */
class TwoNodesIntegrationTests extends IntegrationTest {
  @Autowired DeliveryStore deliveries;
  @Autowired SubscriptionStore subscriptions;
  @Autowired AuditLog audit;
  @Autowired Messages messages;
  @Autowired List<ChannelSender> senders;
  @Autowired Clock clock;

  @Test
  void nodesSharingTheOutboxNeverSendOneMessageTwiceOrAtOnce() throws Exception {
    try (Receiver receiver = new Receiver()) {
      receiver.answer(
          r -> {
            try {
              Thread.sleep(30); // long enough for a second sender to overlap, if it could
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
            return 200;
          });
      Team t = team();
      List<String> hooks = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        String hook = "/node-" + i + "-" + t.product;
        Api.Response s =
            t.rm.post(
                "/api/v1/products/" + t.product + "/subscriptions",
                Map.of(
                    "events",
                    List.of("*"),
                    "channel",
                    Map.of("kind", "webhook", "url", receiver.url(hook))));
        assertThat(s.status()).as(s.toString()).isEqualTo(201);
        receiver.secret(hook, s.text("secret"));
        hooks.add(hook);
      }
      List<Dispatcher> others = List.of(node(), node());
      AtomicBoolean running = new AtomicBoolean(true);
      AtomicInteger sentByOthers = new AtomicInteger();
      List<Thread> loops = new ArrayList<>();
      for (Dispatcher d : others) {
        d.start(() -> {});
        Thread loop =
            new Thread(
                () -> {
                  while (running.get()) {
                    sentByOthers.addAndGet(d.dispatch());
                    java.util.concurrent.locks.LockSupport.parkNanos(2_000_000);
                  }
                });
        loop.start();
        loops.add(loop);
      }
      try {
        String id = ReleaseDriver.plan(t, "minor");
        ReleaseDriver.prepare(t, id);
        int events = 0;
        for (var e : t.rm.get("/api/v1/releases/" + id + "/audit").json()) {
          if (!io.tollgate.notify.NotificationTypes.of(
                  e.path("action").asString(),
                  k ->
                      e.path("details").path(k).isValueNode()
                          ? e.path("details").path(k).asString()
                          : null,
                  s -> s.startsWith("deploy-"))
              .isEmpty()) events++;
        }
        int expected = events;
        await()
            .atMost(Duration.ofSeconds(60))
            .until(() -> hooks.stream().allMatch(h -> receiver.to(h).size() >= expected));
      } finally {
        running.set(false);
        for (Thread loop : loops) loop.join();
        others.forEach(Dispatcher::stop);
      }
      assertThat(sentByOthers.get()).as("the other nodes took part").isPositive();
      assertThat(receiver.concurrentSends()).as("no message sent by two senders at once").isZero();
      for (String hook : hooks) {
        List<Receiver.Request> got = receiver.to(hook);
        Map<String, Integer> times = new HashMap<>();
        got.forEach(r -> times.merge(r.id(), 1, Integer::sum));
        assertThat(times.values()).as("each message once").containsOnly(1);
        assertThat(got).allMatch(Receiver.Request::verified);
        List<Long> seqs =
            got.stream().map(r -> r.json().path("data").path("seq").asLong()).toList();
        assertThat(seqs).as("in audit order").isSorted();
      }
    }
  }

  private Dispatcher node() {
    return new Dispatcher(
        deliveries,
        subscriptions,
        new BatchMessages(audit, messages), // a cache of each node's own
        senders,
        clock,
        2,
        Duration.ofSeconds(30),
        3,
        Duration.ofMillis(200),
        Duration.ofSeconds(1));
  }
}
