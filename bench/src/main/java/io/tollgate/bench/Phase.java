package io.tollgate.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * One bounded phase: N closed-loop clients run through a warm-up (not recorded) and then a measured
 * window; each keeps its own {@link Stats}, merged at the end.
 *
 * <p>A phase may alternate between several modes (for instance the ceiling endpoint and the
 * endpoint compared with it) in short slices, all clients switching together, so that both are
 * measured under the same background load even on a busy machine. A call is recorded only if its
 * mode was still current when it returned.
 */
final class Phase {
  private static final int WARMUP = 0;
  private static final int MEASURE = 1;
  private static final int DONE = 2;

  private volatile int state = WARMUP;
  private volatile int mode = 0;

  boolean measuring() {
    return state == MEASURE;
  }

  boolean done() {
    return state == DONE;
  }

  /** Which of the phase's modes the clients should be running now. */
  int mode() {
    return mode;
  }

  /** The merged statistics of one mode and the measured seconds spent in it. */
  record Result(
      String name, Stats stats, double seconds, int unfinishedClients, Conditions conditions) {}

  /** A phase with a single mode. */
  static Result run(
      String name,
      Conditions.Probe probe,
      int clients,
      int warmupSeconds,
      int durationSeconds,
      Function<Phase, Stats> client) {
    return run(name, probe, clients, warmupSeconds, durationSeconds, () -> {}, client);
  }

  /** A phase with a single mode; {@code onMeasure} runs when the measured window starts. */
  static Result run(
      String name,
      Conditions.Probe probe,
      int clients,
      int warmupSeconds,
      int durationSeconds,
      Runnable onMeasure,
      Function<Phase, Stats> client) {
    return run(
            name,
            List.of(name),
            probe,
            clients,
            warmupSeconds,
            durationSeconds,
            durationSeconds,
            onMeasure,
            client)
        .get(0);
  }

  static List<Result> run(
      String name,
      List<String> modes,
      Conditions.Probe probe,
      int clients,
      int warmupSeconds,
      int durationSeconds,
      int sliceSeconds,
      Function<Phase, Stats> client) {
    return run(
        name,
        modes,
        probe,
        clients,
        warmupSeconds,
        durationSeconds,
        sliceSeconds,
        () -> {},
        client);
  }

  /**
   * A phase that alternates between {@code modes} in slices of {@code sliceSeconds}, so that each
   * mode is measured for {@code durationSeconds} in all. The client records each mode's calls under
   * commands of its own; the result of mode i holds the commands recorded while in it. The
   * conditions (server CPU, JIT, GC, steal) are those of the whole measured window.
   */
  static List<Result> run(
      String name,
      List<String> modes,
      Conditions.Probe probe,
      int clients,
      int warmupSeconds,
      int durationSeconds,
      int sliceSeconds,
      Runnable onMeasure,
      Function<Phase, Stats> client) {
    Phase phase = new Phase();
    ExecutorService pool = clientThreads("bench-" + name, clients);
    System.err.printf(
        "phase %s: %d clients, warm-up %d s, measuring %d s%s%n",
        name,
        clients,
        warmupSeconds,
        durationSeconds,
        modes.size() > 1 ? " each, alternating every " + sliceSeconds + " s" : "");
    List<Future<Stats>> futures = new ArrayList<>();
    for (int i = 0; i < clients; i++) {
      futures.add(pool.submit(() -> client.apply(phase)));
    }
    // warm-up: every mode gets its share
    long warmupMillis = TimeUnit.SECONDS.toMillis(warmupSeconds);
    for (int m = 0; m < modes.size(); m++) {
      phase.mode = m;
      sleep(warmupMillis / modes.size());
    }

    long[] nanosPerMode = new long[modes.size()];
    long slice = TimeUnit.SECONDS.toNanos(Math.max(1, Math.min(sliceSeconds, durationSeconds)));
    long perMode = TimeUnit.SECONDS.toNanos(durationSeconds);
    phase.mode = 0;
    Conditions.Snapshot before = probe.take();
    phase.state = MEASURE;
    onMeasure.run();
    int m = 0;
    while (true) {
      long want = Math.min(slice, perMode - nanosPerMode[m]);
      if (want > 0) {
        phase.mode = m;
        long start = System.nanoTime();
        sleepNanos(want);
        nanosPerMode[m] += System.nanoTime() - start;
      }
      boolean finished = true;
      for (long n : nanosPerMode) {
        finished &= n >= perMode;
      }
      if (finished) {
        break;
      }
      m = (m + 1) % modes.size();
    }
    phase.state = DONE;
    Conditions conditions = Conditions.between(before, probe.take());

    List<Stats> perClient = new ArrayList<>();
    int unfinished = 0;
    long deadline =
        System.nanoTime() + Http.REQUEST_TIMEOUT.toNanos() + TimeUnit.SECONDS.toNanos(5);
    for (Future<Stats> f : futures) {
      try {
        perClient.add(f.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS));
      } catch (TimeoutException e) {
        unfinished++;
        f.cancel(true);
      } catch (ExecutionException e) {
        unfinished++;
        System.err.println("phase " + name + ": a client failed: " + e.getCause());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        unfinished++;
      }
    }
    pool.shutdownNow();
    if (unfinished > 0) {
      System.err.printf("phase %s: %d clients did not finish in time%n", name, unfinished);
    }

    Stats merged = new Stats();
    perClient.forEach(merged::add);
    List<Result> results = new ArrayList<>();
    for (int i = 0; i < modes.size(); i++) {
      Stats own = modes.size() == 1 ? merged : merged.only(modes.get(i));
      results.add(new Result(modes.get(i), own, nanosPerMode[i] / 1e9, unfinished, conditions));
    }
    return results;
  }

  private static void sleep(long millis) {
    sleepNanos(TimeUnit.MILLISECONDS.toNanos(millis));
  }

  private static void sleepNanos(long nanos) {
    try {
      TimeUnit.NANOSECONDS.sleep(nanos);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** One daemon thread per client, named {@code prefix-1}, {@code prefix-2}, … */
  static ExecutorService clientThreads(String prefix, int clients) {
    AtomicInteger ids = new AtomicInteger();
    return Executors.newFixedThreadPool(
        clients,
        r -> {
          Thread t = new Thread(r, prefix + "-" + ids.incrementAndGet());
          t.setDaemon(true);
          return t;
        });
  }
}
