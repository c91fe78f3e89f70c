package io.tollgate.notify.web;

import io.tollgate.notify.Inbox;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Keeps the menu's unread count current on every open page: each stream gets the count when it
 * opens, then whenever it changes. Counts are read for the connected people only, twice a second
 * (an entry written on any node shows within that), and at once after a person reads entries here.
 */
@Component
class InboxLive {
  private final Inbox inbox;
  private final List<Listener> listeners = new CopyOnWriteArrayList<>();

  InboxLive(Inbox inbox) {
    this.inbox = inbox;
  }

  private static final class Listener {
    final SseEmitter emitter;
    final String username;
    volatile long sent = -1;

    Listener(SseEmitter emitter, String username) {
      this.emitter = emitter;
      this.username = username;
    }
  }

  SseEmitter subscribe(String username) {
    SseEmitter emitter = new SseEmitter(0L);
    Listener l = new Listener(emitter, username);
    listeners.add(l);
    emitter.onCompletion(() -> listeners.remove(l));
    emitter.onTimeout(() -> listeners.remove(l));
    emitter.onError(e -> listeners.remove(l));
    send(l, inbox.unread(username));
    return emitter;
  }

  /** The person read entries: tell their pages now. */
  void changed(String username) {
    long count = inbox.unread(username);
    for (Listener l : listeners) if (l.username.equals(username)) send(l, count);
  }

  @Scheduled(fixedDelay = 500)
  void refresh() {
    if (listeners.isEmpty()) return;
    Map<String, Long> counts = new HashMap<>();
    for (Listener l : listeners) {
      long count;
      try {
        count = counts.computeIfAbsent(l.username, inbox::unread);
      } catch (RuntimeException e) {
        return; // the database is away (shutting down); try again next time
      }
      if (count != l.sent) send(l, count);
    }
  }

  @Scheduled(fixedDelay = 20_000)
  void keepAlive() {
    for (Listener l : listeners) {
      try {
        l.emitter.send(SseEmitter.event().comment("keep-alive"));
      } catch (IOException | IllegalStateException e) {
        listeners.remove(l);
      }
    }
  }

  @EventListener(ContextClosedEvent.class)
  void close() {
    for (Listener l : listeners) {
      try {
        l.emitter.complete();
      } catch (RuntimeException ignored) {
        // already closed
      }
    }
    listeners.clear();
  }

  private void send(Listener l, long count) {
    try {
      l.emitter.send(SseEmitter.event().name("inbox").data(count == 0 ? "" : Long.toString(count)));
      l.sent = count;
    } catch (IOException | IllegalStateException e) {
      listeners.remove(l);
    }
  }
}
