package io.tollgate.ui;

import io.tollgate.audit.AuditEvent;
import io.tollgate.audit.AuditEventsAppended;
import io.tollgate.automation.DeploymentActivity;
import io.tollgate.shared.Actor;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Tells open pages that something changed. It tails the audit log by sequence number — the log
 * every change is written to in its own transaction — so a change made on any node reaches the
 * pages served by every node. Each page subscribes to topics: {@code board} (a change of a release
 * or product the person may read) and {@code release-<id>}. A stream tells its person only about
 * what they may read ({@link Access}), and only what changed ({@code release/<id>}, {@code
 * product/<key>}): no sequence number, which would count everyone's activity.
 */
@Component
class LiveUpdates {

  /** Whether a person may read a release or a product: checked for every event sent. */
  interface Access {
    boolean mayReadRelease(Actor who, String releaseId);

    boolean mayReadProduct(Actor who, String product);
  }

  private final List<Subscriber> subscribers = new CopyOnWriteArrayList<>();
  private final Access access;

  LiveUpdates(Access access) {
    this.access = access;
  }

  record Subscriber(SseEmitter emitter, Actor who, Set<String> topics) {}

  SseEmitter subscribe(Actor who, Set<String> topics) {
    SseEmitter emitter = new SseEmitter(0L);
    Subscriber subscriber = new Subscriber(emitter, who, topics);
    subscribers.add(subscriber);
    emitter.onCompletion(() -> subscribers.remove(subscriber));
    emitter.onTimeout(() -> subscribers.remove(subscriber));
    emitter.onError(e -> subscribers.remove(subscriber));
    try {
      emitter.send(SseEmitter.event().name("hello").data("subscribed").reconnectTime(1000));
    } catch (IOException e) {
      subscribers.remove(subscriber);
    }
    return emitter;
  }

  /**
   * Ends the open streams when the application stops: a graceful shutdown waits for active
   * requests, and a stream never ends by itself (its page may be long gone).
   */
  @EventListener(ContextClosedEvent.class)
  void closeStreams() {
    for (Subscriber s : subscribers) {
      try {
        s.emitter().complete();
      } catch (RuntimeException ignored) {
        // already closed
      }
    }
    subscribers.clear();
  }

  @EventListener
  void changed(AuditEventsAppended appended) {
    for (AuditEvent e : appended.events()) {
      if (e.release() != null) {
        Map<String, Boolean> readers = new HashMap<>();
        Predicate<Actor> may =
            who ->
                readers.computeIfAbsent(
                    who.username(), u -> access.mayReadRelease(who, e.release()));
        publish("release-" + e.release(), e.subject(), may);
        publish("board", e.subject(), may);
      } else if (e.subject().startsWith("product/") || e.subject().startsWith("environment/")) {
        String product = e.subject().substring(e.subject().indexOf('/') + 1).split("/")[0];
        Map<String, Boolean> readers = new HashMap<>();
        publish(
            "board",
            e.subject(),
            who ->
                readers.computeIfAbsent(who.username(), u -> access.mayReadProduct(who, product)));
      }
    }
  }

  /**
   * A deployment's log, checks or status changed (on any node): the pages of its release refresh
   * their deployment panel, on an event of its own ({@code deployment}), so a streaming log does
   * not reload the rest of the page. Step changes arrive as audit events, as always.
   */
  @EventListener
  void deploymentActivity(DeploymentActivity activity) {
    Map<String, Boolean> readers = new HashMap<>();
    send(
        "release-" + activity.release(),
        "deployment",
        "deployment/" + activity.deployment(),
        who ->
            readers.computeIfAbsent(
                who.username(), u -> access.mayReadRelease(who, activity.release())));
  }

  /**
   * A comment line every 20 s keeps idle streams open through proxies and finds the ones whose page
   * is gone, so they are dropped instead of kept forever.
   */
  @org.springframework.scheduling.annotation.Scheduled(fixedDelay = 20_000)
  void keepAlive() {
    for (Subscriber s : subscribers) {
      try {
        s.emitter().send(SseEmitter.event().comment("keep-alive"));
      } catch (IOException | IllegalStateException e) {
        subscribers.remove(s);
      }
    }
  }

  int subscriberCount() {
    return subscribers.size();
  }

  /** Sends {@code subject} (what changed, e.g. {@code release/<id>}) to the topic's readers. */
  private void publish(String topic, String subject, Predicate<Actor> mayRead) {
    send(topic, topic.startsWith("release-") ? "release" : topic, subject, mayRead);
  }

  private void send(String topic, String event, String subject, Predicate<Actor> mayRead) {
    for (Subscriber s : subscribers) {
      if (s.topics().contains(topic) && mayRead.test(s.who())) {
        try {
          s.emitter().send(SseEmitter.event().name(event).data(subject));
        } catch (IOException | IllegalStateException e) {
          subscribers.remove(s);
        }
      }
    }
  }
}
