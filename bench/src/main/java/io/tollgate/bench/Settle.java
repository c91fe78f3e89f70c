package io.tollgate.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Brings a fresh server to steady state before anything is measured: all clients push releases
 * (nothing recorded) until the server's JIT compilers were busy for less than {@link
 * Conditions#JIT_WARM_SHARE} of the last window, or until the bound runs out.
 *
 * <p>Why: on a 2-core machine a freshly started server spends a core compiling for the first one to
 * three minutes under this load, so a few seconds of warm-up measure the compiler, not the server.
 * Settling on the server's own compilation metric, rather than a fixed time, keeps the run as short
 * as the machine allows.
 */
final class Settle {
  static final int WINDOW_SECONDS = 10;
  static final int MIN_SECONDS = 20;

  /** How the warm-up ended. */
  record Result(double seconds, long releases, boolean settled, Conditions lastWindow) {}

  private Settle() {}

  static Result run(Flow flow, Conditions.Probe probe, int clients, int maxSeconds, double rate) {
    if (maxSeconds <= 0) {
      return new Result(0, 0, false, null);
    }
    System.err.printf(
        "settle: %d clients push releases until the server's JIT is quiet (at most %d s)%n",
        clients, maxSeconds);
    AtomicBoolean stop = new AtomicBoolean();
    Pacer pacer = Pacer.of(rate);
    AtomicLong releases = new AtomicLong();
    ExecutorService pool = Phase.clientThreads("bench-settle", clients);
    List<java.util.concurrent.Future<?>> futures = new ArrayList<>();
    for (int i = 0; i < clients; i++) {
      futures.add(
          pool.submit(
              () -> {
                Stats ignored = new Stats();
                while (pacer.await(stop::get)) {
                  if (flow.oneRelease(ignored, () -> false, stop::get).closed()) {
                    releases.incrementAndGet();
                  }
                }
              }));
    }
    long start = System.nanoTime();
    Conditions.Snapshot last = probe.take();
    Conditions window = null;
    boolean settled = false;
    boolean metrics = true;
    long releasesBefore = 0;
    while (true) {
      long elapsed = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);
      long step = Math.min(WINDOW_SECONDS, maxSeconds - elapsed);
      if (step <= 0) {
        break;
      }
      sleep(step);
      Conditions.Snapshot now = probe.take();
      window = Conditions.between(last, now);
      last = now;
      long done = releases.get();
      elapsed = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);
      System.err.printf(
          Locale.ROOT,
          "settle %3d s: %5.1f releases/s; %s%n",
          elapsed,
          (done - releasesBefore) / window.seconds(),
          window.text());
      releasesBefore = done;
      if (Double.isNaN(window.jitSeconds())) {
        metrics = false;
        continue; // no metrics: the whole bound is the warm-up
      }
      if (elapsed >= MIN_SECONDS && window.serverWarm()) {
        settled = true;
        break;
      }
    }
    stop.set(true);
    for (var f : futures) {
      try {
        f.get(Http.REQUEST_TIMEOUT.toSeconds() + 5, TimeUnit.SECONDS);
      } catch (Exception e) {
        f.cancel(true);
      }
    }
    pool.shutdownNow();
    double seconds = (System.nanoTime() - start) / 1e9;
    if (!metrics) {
      System.err.printf(
          "settle: the server's JIT metrics could not be read; warmed up for %.0f s%n", seconds);
    } else if (!settled) {
      System.err.printf(
          "settle: the server's JIT was still busy after %.0f s; figures below are not steady"
              + " state%n",
          seconds);
    }
    return new Result(seconds, releases.get(), settled, window);
  }

  private static void sleep(long seconds) {
    try {
      TimeUnit.SECONDS.sleep(seconds);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
