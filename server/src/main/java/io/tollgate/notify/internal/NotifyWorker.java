package io.tollgate.notify.internal;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * One thread per node that writes the outbox from the audit log and hands due deliveries to the
 * senders, every {@code tollgate.notify.poll-interval} (default 100 ms) or at once when a send
 * ends. The outbox is read at most once an interval across all the nodes (unless a backlog fills
 * whole batches): a node finding it read less than an interval ago leaves it to the next turn. Off
 * with {@code tollgate.notify.enabled=false}. It runs beside the commands and never in their
 * transactions: a command never waits for a notification.
 */
@Component
class NotifyWorker implements SmartLifecycle {
  private static final Logger log = LoggerFactory.getLogger(NotifyWorker.class);
  private static final int BATCH = 500;

  private final Outbox outbox;
  private final Dispatcher dispatcher;
  private final Duration interval;
  private final boolean enabled;
  private final Object signal = new Object();
  private boolean woken;
  private volatile boolean running;
  private Thread thread;

  NotifyWorker(
      Outbox outbox,
      Dispatcher dispatcher,
      @Value("${tollgate.notify.poll-interval:PT0.1S}") Duration interval,
      @Value("${tollgate.notify.enabled:true}") boolean enabled) {
    this.outbox = outbox;
    this.dispatcher = dispatcher;
    this.interval = interval;
    this.enabled = enabled;
  }

  /** Asks the worker to look again now rather than after its interval. */
  void wake() {
    synchronized (signal) {
      woken = true;
      signal.notifyAll();
    }
  }

  @Override
  public synchronized void start() {
    if (!enabled || running) return;
    running = true;
    dispatcher.start(this::wake);
    thread = new Thread(this::loop, "notify-worker");
    thread.setDaemon(true);
    thread.start();
  }

  @Override
  public synchronized void stop() {
    running = false;
    if (thread != null) {
      thread.interrupt();
      try {
        thread.join(5000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      thread = null;
    }
    dispatcher.stop();
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  private void loop() {
    while (running) {
      try {
        // at most once an interval across all nodes (the outbox's cursor says when it last moved),
        // then at once again while a backlog fills whole batches
        if (outbox.drain(BATCH, interval) == BATCH) {
          while (running && outbox.drain(BATCH) == BATCH) {
            // a long backlog: keep reading
          }
        }
        dispatcher.dispatch();
      } catch (RuntimeException e) {
        if (running) log.warn("Notifications: {}", e.getMessage());
      }
      try {
        synchronized (signal) {
          if (!woken) signal.wait(Math.max(1, interval.toMillis()));
          woken = false;
        }
      } catch (InterruptedException e) {
        return;
      }
    }
  }
}
