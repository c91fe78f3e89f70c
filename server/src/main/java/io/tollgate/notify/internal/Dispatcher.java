package io.tollgate.notify.internal;

import io.tollgate.audit.AuditEvent;
import io.tollgate.audit.AuditLog;
import io.tollgate.notify.Backoff;
import io.tollgate.notify.Message;
import io.tollgate.notify.Subscription;
import io.tollgate.shared.Timestamps;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Sends due deliveries on a few threads ({@code tollgate.notify.senders}, default 4). A delivery is
 * claimed with a lease ({@code tollgate.notify.lease}, longer than a send may take) so no other
 * sender, on this node or another, sends it meanwhile; then sent, then its outcome recorded. A node
 * that dies mid-send leaves the lease to expire, and the delivery is sent again with the same
 * webhook-id (at least once). Failures wait per {@link Backoff}; the last one leaves it dead.
 */
@Component
public class Dispatcher {
  private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);

  private final DeliveryStore deliveries;
  private final SubscriptionStore subscriptions;
  private final AuditLog audit;
  private final Messages messages;
  private final List<ChannelSender> senders;
  private final Backoff backoff;
  private final Clock clock;
  private final Duration lease;
  private final String node = "node-" + UUID.randomUUID();
  private final int threads;
  private final Semaphore permits;
  private volatile ExecutorService pool;
  private volatile Runnable onDone = () -> {};

  Dispatcher(
      DeliveryStore deliveries,
      SubscriptionStore subscriptions,
      AuditLog audit,
      Messages messages,
      List<ChannelSender> senders,
      Clock clock,
      @Value("${tollgate.notify.senders:4}") int threads,
      @Value("${tollgate.notify.lease:PT2M}") Duration lease,
      @Value("${tollgate.notify.max-attempts:8}") int maxAttempts,
      @Value("${tollgate.notify.backoff-base:PT10S}") Duration backoffBase,
      @Value("${tollgate.notify.backoff-cap:PT1H}") Duration backoffCap) {
    this.deliveries = deliveries;
    this.subscriptions = subscriptions;
    this.audit = audit;
    this.messages = messages;
    this.senders = senders;
    this.clock = clock;
    this.lease = lease;
    this.threads = threads;
    this.permits = new Semaphore(threads);
    this.backoff = new Backoff(maxAttempts, backoffBase, backoffCap);
  }

  /** The message id of a delivery: the same for one event and one subscription, on every retry. */
  public static String messageId(String subscription, long seq) {
    return "msg_" + subscription.replace("-", "") + "_" + seq;
  }

  synchronized void start(Runnable onDone) {
    this.onDone = onDone;
    if (pool == null) {
      pool =
          Executors.newFixedThreadPool(
              threads,
              r -> {
                Thread t = new Thread(r, "notify-sender");
                t.setDaemon(true);
                return t;
              });
    }
  }

  synchronized void stop() {
    if (pool != null) {
      pool.shutdownNow();
      try {
        pool.awaitTermination(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      pool = null;
    }
  }

  /** Claims what is due and hands it to the sender threads; answers how many it started. */
  int dispatch() {
    ExecutorService running = pool;
    if (running == null || permits.availablePermits() == 0) return 0;
    Instant now = Timestamps.now(clock);
    int started = 0;
    for (DeliveryStore.Due d : deliveries.due(now, permits.availablePermits())) {
      if (!permits.tryAcquire()) break;
      if (!deliveries.claim(d.id(), node, now, now.plus(lease))) {
        permits.release();
        continue;
      }
      started++;
      try {
        running.execute(
            () -> {
              try {
                send(d);
              } finally {
                permits.release();
                onDone.run();
              }
            });
      } catch (java.util.concurrent.RejectedExecutionException stopping) {
        permits.release(); // the lease runs out; another sender takes it
      }
    }
    return started;
  }

  private void send(DeliveryStore.Due d) {
    int attempts = d.attempts() + 1;
    try {
      Optional<Subscription> subscription = subscriptions.find(d.subscription());
      if (subscription.isEmpty() || !subscriptions.isActive(d.subscription())) {
        throw new SendFailed("the subscription was deleted", true);
      }
      List<AuditEvent> events = audit.all(d.seq() - 1, 1);
      if (events.isEmpty() || events.get(0).seq() != d.seq()) {
        throw new SendFailed("audit event " + d.seq() + " is missing", true);
      }
      Message message;
      try {
        message = messages.render(events.get(0), d.type());
      } catch (Messages.NothingToSay nothing) {
        deliveries.delivered(d.id(), node, attempts, Timestamps.now(clock), nothing.getMessage());
        return;
      } catch (RuntimeException e) {
        throw new SendFailed("the message template failed: " + e.getMessage(), true);
      }
      Subscription s = subscription.get();
      ChannelSender sender =
          senders.stream()
              .filter(x -> x.sends(s.channel()))
              .findFirst()
              .orElseThrow(() -> new SendFailed("no sender for " + s.channel().kind(), true));
      sender.send(s, message, messageId(s.id(), d.seq()));
      deliveries.delivered(d.id(), node, attempts, Timestamps.now(clock), null);
    } catch (EmailSender.NobodyToTell nobody) {
      deliveries.delivered(d.id(), node, attempts, Timestamps.now(clock), nobody.getMessage());
    } catch (SendFailed f) {
      Instant next = f.permanent() ? null : backoff.nextAttempt(attempts, Timestamps.now(clock));
      record(d, attempts, f.getMessage(), next);
    } catch (RuntimeException e) {
      record(d, attempts, "unexpected: " + e, backoff.nextAttempt(attempts, Timestamps.now(clock)));
    }
  }

  private void record(DeliveryStore.Due d, int attempts, String error, Instant next) {
    try {
      deliveries.failed(d.id(), node, attempts, error, next);
    } catch (RuntimeException e) {
      log.warn("Could not record the outcome of delivery {}: {}", d.id(), e.getMessage());
    }
  }
}
