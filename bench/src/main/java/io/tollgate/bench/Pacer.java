package io.tollgate.bench;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

/**
 * A fixed offered load: releases start at {@code rate} per second in all, on a schedule shared by
 * the clients (one start every 1/rate s, whoever is free takes the next slot), instead of each
 * client starting its next release as soon as its last one closed. A slot missed because every
 * client was busy is taken late, not dropped, so the achieved rate falls below the offered rate
 * only when the server cannot keep up; the report gives both. The commands of one release still go
 * one after the other, each sent when the previous one answered. {@link #CLOSED} paces nothing.
 */
final class Pacer {
  static final Pacer CLOSED = new Pacer(0);

  private final long intervalNanos;
  private final AtomicLong next;

  private Pacer(double rate) {
    this.intervalNanos = rate <= 0 ? 0 : Math.round(TimeUnit.SECONDS.toNanos(1) / rate);
    this.next = new AtomicLong(System.nanoTime());
  }

  /** Releases per second in all, from now; 0 or less: closed loop. */
  static Pacer of(double rate) {
    return rate <= 0 ? CLOSED : new Pacer(rate);
  }

  boolean paced() {
    return intervalNanos > 0;
  }

  /** Waits for this client's next start slot; answers false if {@code stop} said so meanwhile. */
  boolean await(BooleanSupplier stop) {
    if (intervalNanos == 0) return !stop.getAsBoolean();
    long slot = next.getAndAdd(intervalNanos);
    while (true) {
      if (stop.getAsBoolean()) return false;
      long wait = slot - System.nanoTime();
      if (wait <= 0) return true;
      try {
        // the pacing itself (an arrival schedule), bounded so that a stop is seen within 50 ms
        TimeUnit.NANOSECONDS.sleep(Math.min(wait, TimeUnit.MILLISECONDS.toNanos(50)));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
  }
}
