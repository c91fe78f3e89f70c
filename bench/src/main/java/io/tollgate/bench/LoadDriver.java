package io.tollgate.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Load driver for a running Tollgate server: measures the server's ceiling on a trivial endpoint,
 * the read rate of one full release, and complete releases pushed through the API by several
 * concurrent clients; reports the last two as ratios against the first.
 *
 * <pre>
 * java -jar tollgate-bench.jar --base-url http://127.0.0.1:8080 --admin-token ... \
 *     [--clients 16] [--duration 30] [--warmup 5] [--settle 240] [--label h2] [--out result.json]
 * </pre>
 */
public final class LoadDriver {
  /** Target: GET /api/v1/releases/{id} at no less than this share of the /api/v1/ping rate. */
  static final double READ_RATIO_TARGET = 0.40;

  /** Target: every command's p99 below this many milliseconds. */
  static final double COMMAND_P99_TARGET_MS = 50.0;

  /** The ceiling and the read alternate in slices of this many seconds. */
  static final int SLICE_SECONDS = 2;

  static final String PING = "GET /api/v1/ping";
  static final String READ = "GET /api/v1/releases/{id}";
  static final String LIVENESS = "GET /actuator/health/liveness";

  /** Bound of the warm-up that brings a fresh server to steady state (see {@link Settle}). */
  static final int DEFAULT_SETTLE_SECONDS = 240;

  private LoadDriver() {}

  public static void main(String[] args) {
    Options options;
    try {
      options = Options.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("error: " + e.getMessage());
      System.err.println(Options.usage());
      System.exit(2);
      return;
    }
    if (options == null) {
      System.out.println(Options.usage());
      return;
    }
    watchdog(options);
    try {
      Report report = run(options);
      System.out.println(report.text());
      if (options.out() != null) {
        Path parent = options.out().toAbsolutePath().getParent();
        if (parent != null) {
          Files.createDirectories(parent);
        }
        Files.writeString(options.out(), report.json());
        System.err.println("wrote " + options.out());
      }
      System.exit(0);
    } catch (Flow.SetupFailed e) {
      System.err.println("setup failed: " + e.getMessage());
      System.exit(1);
    } catch (IOException e) {
      System.err.println("could not write the report: " + e);
      System.exit(1);
    }
  }

  static Report run(Options o) {
    Http http = new Http(o.baseUrl());
    ErrorSamples samples = new ErrorSamples();
    Instant startedAt = Instant.now();

    System.err.println("setup: product, five users (one per role), memberships and tokens");
    Flow flow = Flow.setUp(http, samples, o.adminToken());
    String token = flow.token(Flow.RELEASE_MANAGER);

    // One release pushed through alone first: checks the happy path, and is the one the read
    // phase reads (a closed release with its full history).
    Flow.Outcome first = flow.oneRelease(new Stats(), () -> false, () -> false);
    if (first.releaseId() == null) {
      throw new Flow.SetupFailed(
          "the first release could not be created; see the error above. " + samples.all());
    }
    System.err.println(
        "first release "
            + first.releaseId()
            + (first.closed() ? " closed" : " NOT closed: the happy path fails, see above"));

    int n = o.clients();
    int warm = o.warmupSeconds();
    int secs = o.durationSeconds();
    Conditions.Probe probe =
        new Conditions.Probe(
            o.metricsUrls().stream().map(u -> u.equals(o.baseUrl()) ? http : new Http(u)).toList(),
            o.adminToken());
    Settle.Result settled = Settle.run(flow, probe, n, o.settleSeconds(), o.rate());
    // the ceiling and the read it is compared with alternate in short slices: same background load
    String readPath = "/api/v1/releases/" + first.releaseId();
    List<Phase.Result> pingAndRead =
        Phase.run(
            "ping+read",
            List.of(PING, READ),
            probe,
            n,
            warm,
            secs,
            SLICE_SECONDS,
            reader(
                http,
                samples,
                List.of(PING, READ),
                List.of(http.get("/api/v1/ping", token), http.get(readPath, token))));
    Phase.Result ping = pingAndRead.get(0);
    Phase.Result read = pingAndRead.get(1);
    Phase.Result releases =
        Phase.run(
            "release",
            probe,
            n,
            warm,
            secs,
            () -> mark(o.markFile()),
            releaseClients(flow, Pacer.of(o.rate())));

    // last: it is informational, and the web chain it calls is still being compiled after it,
    // which would otherwise fall into the release phase's window
    Phase.Result liveness =
        Phase.run(
            "liveness",
            probe,
            n,
            Math.min(warm, 1),
            Math.max(1, secs / 2),
            reader(
                http,
                samples,
                List.of(LIVENESS),
                List.of(http.get("/actuator/health/liveness", null))));
    Map<String, Object> setup = new LinkedHashMap<>();
    setup.put("product", flow.product);
    setup.put("firstRelease", first.releaseId());
    setup.put("firstReleaseClosed", first.closed());
    return new Report(o, startedAt, setup, settled, ping, liveness, read, releases, samples.all());
  }

  /** Clients that push releases, each as soon as its last one closed, or at the pacer's rate. */
  private static Function<Phase, Stats> releaseClients(Flow flow, Pacer pacer) {
    return phase -> {
      Stats stats = new Stats();
      HappyPath.COMMAND_NAMES.forEach(stats::command);
      while (pacer.await(phase::done)) {
        flow.oneRelease(stats, phase::measuring, phase::done);
      }
      return stats;
    };
  }

  /** Creates the file (if given) that tells NotifyLag the release phase is being measured. */
  private static void mark(Path file) {
    if (file == null) return;
    try {
      Files.writeString(file, Instant.now() + "\n");
    } catch (IOException e) {
      System.err.println("could not write " + file + ": " + e);
    }
  }

  /** A client that sends the GET of the phase's current mode in a closed loop. */
  private static Function<Phase, Stats> reader(
      Http http, ErrorSamples samples, List<String> names, List<Http.Request> requests) {
    return phase -> {
      Stats stats = new Stats();
      names.forEach(stats::command);
      while (!phase.done()) {
        int mode = phase.mode();
        Http.Response r = http.call(requests.get(mode));
        if (phase.measuring() && phase.mode() == mode) {
          stats.record(names.get(mode), r);
        }
        if (!r.ok()) {
          samples.offer(names.get(mode), r);
        }
      }
      return stats;
    };
  }

  /**
   * The run is bounded: the settle bound, three warm-ups, four measured durations, setup, and some
   * slack.
   */
  private static void watchdog(Options o) {
    long bound = o.settleSeconds() + 3L * o.warmupSeconds() + 4L * o.durationSeconds() + 120;
    Thread t =
        new Thread(
            () -> {
              try {
                Thread.sleep(TimeUnit.SECONDS.toMillis(bound));
              } catch (InterruptedException e) {
                return;
              }
              System.err.println(
                  "error: the driver ran past its bound of " + bound + " s; stopping");
              Runtime.getRuntime().halt(3);
            },
            "bench-watchdog");
    t.setDaemon(true);
    t.start();
  }
}
