package io.tollgate.notify.internal;

import io.tollgate.audit.AuditEvent;
import io.tollgate.notify.Backoff;
import io.tollgate.notify.Message;
import io.tollgate.notify.Subscription;
import io.tollgate.shared.Timestamps;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Sends due deliveries, a subscription's at a time: each sender thread ({@code
 * tollgate.notify.senders}, by default twice the processors: see {@link #senders}) takes a
 * subscription's lease ({@code tollgate.notify.lease}, longer than a batch may take) and its oldest
 * due rows, up to {@value #BATCH}, so no other sender, on this node or another, sends them
 * meanwhile; sends them one after the other, in audit order; then records the successful sends of
 * the batch in one statement. A subscription is sent by one sender at a time, and several
 * subscriptions at once. A node that dies mid-batch leaves the lease to expire, and the rows not
 * yet recorded are sent again with the same webhook-id (at least once). A failure waits per {@link
 * Backoff} and holds back the subscription's later rows until it is retried (the rest of the batch
 * waits for the next lease); the last one leaves it dead and the following rows go on.
 */
@Component
public class Dispatcher {
  private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);

  /** Rows per claim: at most this many of one subscription in one batch. */
  static final int BATCH = 100;

  private final DeliveryStore deliveries;
  private final SubscriptionStore subscriptions;
  private final BatchMessages messages;
  private final List<ChannelSender> senders;
  private final Backoff backoff;
  private final Clock clock;
  private final Duration lease;
  private final String node = "node-" + UUID.randomUUID();
  private final AtomicLong batches = new AtomicLong();
  private final int threads;
  private final Set<String> sending = ConcurrentHashMap.newKeySet();

  private volatile ExecutorService pool;
  private volatile Runnable onDone = () -> {};

  Dispatcher(
      DeliveryStore deliveries,
      SubscriptionStore subscriptions,
      BatchMessages messages,
      List<ChannelSender> senders,
      Clock clock,
      @Value("${tollgate.notify.senders:0}") int threads,
      @Value("${tollgate.notify.lease:PT2M}") Duration lease,
      @Value("${tollgate.notify.max-attempts:8}") int maxAttempts,
      @Value("${tollgate.notify.backoff-base:PT10S}") Duration backoffBase,
      @Value("${tollgate.notify.backoff-cap:PT1H}") Duration backoffCap) {
    this.deliveries = deliveries;
    this.subscriptions = subscriptions;
    this.messages = messages;
    this.senders = senders;
    this.clock = clock;
    this.lease = lease;
    this.threads = senders(threads, Runtime.getRuntime().availableProcessors());
    this.backoff = new Backoff(maxAttempts, backoffBase, backoffCap);
  }

  /**
   * How many subscriptions a node sends at once: as configured, or (0) twice the processors. Each
   * send mostly waits for its receiver, so a few threads per core keep up (bench/notify-lag.sh:
   * ~340 messages a second on two cores with four); many more make bursts in which every sender
   * runs at once and the commands arriving then wait for a core (with 16, all commands' p99 grew by
   * about a fifth).
   */
  static int senders(int configured, int processors) {
    return configured > 0 ? configured : 2 * Math.max(1, processors);
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

  /**
   * Claims a batch of each subscription that has rows due and that no sender of this node is
   * sending, as many subscriptions as there are idle sender threads, and hands each batch to a
   * thread; answers how many deliveries it claimed.
   */
  int dispatch() {
    ExecutorService running = pool;
    if (running == null || sending.size() >= threads) return 0;
    Instant now = Timestamps.now(clock);
    int claimed = 0;
    for (String subscription : deliveries.subscriptionsDue(now, threads * 4)) {
      if (sending.size() >= threads) break;
      if (!sending.add(subscription)) continue; // this node is sending its batch now
      String token = node + "-" + Long.toString(batches.incrementAndGet(), 36);
      DeliveryStore.Batch batch;
      try {
        batch = deliveries.claimBatch(subscription, token, now, now.plus(lease), BATCH);
      } catch (RuntimeException e) {
        sending.remove(subscription);
        throw e;
      }
      if (batch.isEmpty()) {
        sending.remove(subscription);
        continue;
      }
      claimed += batch.size();
      DeliveryStore.Batch claim = batch;
      try {
        running.execute(
            () -> {
              try {
                send(subscription, token, claim);
              } finally {
                sending.remove(subscription);
                // a full batch likely left more behind it: look again now; else at the next poll,
                // so that a subscription's rows gather into batches instead of leaving one by one
                if (claim.size() == BATCH) onDone.run();
              }
            });
      } catch (RejectedExecutionException stopping) {
        sending.remove(subscription); // stopping: the batch is the next sender's
        deliveries.finish(subscription, token);
      }
    }
    return claimed;
  }

  /** What became of one delivery of a batch. */
  private enum Outcome {
    /** sent: recorded with the batch */
    SENT,
    /** delivered with nothing to send: recorded; the batch goes on */
    RECORDED,
    /** failed for good: recorded dead with the batch ({@link DeadRows}); the batch goes on */
    DEAD,
    /**
     * failed, to be tried again later, or its outcome could not be recorded: still pending; the
     * subscription's later rows wait for it
     */
    WAIT
  }

  /**
   * Sends a claimed batch in order, then records its sends and the rows that died, moves the
   * subscription's frontier past the rows recorded from the batch's start on, and lets go of what
   * it did not send.
   */
  private void send(String id, String token, DeliveryStore.Batch batch) {
    long deadline = System.nanoTime() + lease.toNanos() / 2; // well inside the lease
    List<Long> sent = new ArrayList<>(batch.size());
    DeadRows dead = new DeadRows();
    int handled = 0;
    try {
      Optional<Subscription> subscription =
          subscriptions.find(id).filter(s -> subscriptions.isActive(id));
      Map<Long, AuditEvent> events =
          subscription.isPresent() ? messages.events(batch.rows()) : Map.<Long, AuditEvent>of();
      for (DeliveryStore.Due d : batch.rows()) {
        if (Thread.currentThread().isInterrupted() || System.nanoTime() > deadline) break;
        String[] error = new String[1];
        Outcome o = send(d, token, subscription, events.get(d.seq()), error);
        if (o == Outcome.WAIT) break;
        if (o == Outcome.SENT) sent.add(d.id());
        if (o == Outcome.DEAD) dead.add(handled, d.id(), error[0]);
        handled++;
      }
    } catch (RuntimeException e) {
      log.warn("Notifications: a batch of subscription {} stopped: {}", id, e.getMessage());
    } finally {
      try {
        deliveries.delivered(sent, token, Timestamps.now(clock));
        handled = dead.record(deliveries, token, handled, id);
        deliveries.finish(id, token, batch, handled); // the rows not handled are the next batch's
      } catch (RuntimeException e) {
        // the lease runs out and these are sent again (at least once)
        log.warn("Could not record the sends of subscription {}: {}", id, e.getMessage());
      }
    }
  }

  /**
   * Sends one row; a row that fails for good answers {@link Outcome#DEAD} with its error in {@code
   * error[0]}, for the batch to record.
   */
  private Outcome send(
      DeliveryStore.Due d,
      String token,
      Optional<Subscription> subscription,
      AuditEvent event,
      String[] error) {
    int attempts = d.attempts() + 1;
    try {
      if (subscription.isEmpty()) throw new SendFailed("the subscription was deleted", true);
      if (event == null || event.seq() != d.seq()) {
        throw new SendFailed("audit event " + d.seq() + " is missing", true);
      }
      Message message;
      try {
        message = messages.render(event, d.type());
      } catch (Messages.NothingToSay nothing) {
        deliveries.delivered(d.id(), token, attempts, Timestamps.now(clock), nothing.getMessage());
        return Outcome.RECORDED;
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
      return Outcome.SENT;
    } catch (EmailSender.NobodyToTell nobody) {
      deliveries.delivered(d.id(), token, attempts, Timestamps.now(clock), nobody.getMessage());
      return Outcome.RECORDED;
    } catch (SendFailed f) {
      Instant next = f.permanent() ? null : backoff.nextAttempt(attempts, Timestamps.now(clock));
      return record(d, token, attempts, f.getMessage(), next, error);
    } catch (RuntimeException e) {
      Instant next = backoff.nextAttempt(attempts, Timestamps.now(clock));
      return record(d, token, attempts, "unexpected: " + e, next, error);
    }
  }

  private Outcome record(
      DeliveryStore.Due d, String token, int attempts, String error, Instant next, String[] dead) {
    if (next == null) {
      dead[0] = error; // recorded with the batch
      return Outcome.DEAD;
    }
    try {
      if (!deliveries.failed(d.id(), token, attempts, error, next)) return Outcome.WAIT;
    } catch (RuntimeException e) {
      log.warn("Could not record the outcome of delivery {}: {}", d.id(), e.getMessage());
      return Outcome.WAIT; // still pending: the frontier stays before it
    }
    return Outcome.WAIT;
  }
}
