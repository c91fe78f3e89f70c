package io.tollgate.bench;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What the server and the machine were doing during a measured window: the server's CPU, its JIT
 * compilation and GC pauses (from its own {@code /actuator/prometheus}, read with the admin token),
 * the driver's CPU, the share of CPU time the hypervisor stole from this machine and the share the
 * machine left idle ({@code /proc/stat}). A latency figure means little without them: a server
 * still compiling, or a machine whose CPU is being taken by a neighbour, answers slowly whatever
 * the code does; and a machine with idle CPU while clients wait points at a lock or a round trip,
 * not at work.
 *
 * <p>Any reading that cannot be taken (no Prometheus endpoint, not Linux) is NaN and is reported as
 * unknown; it never fails the run.
 */
record Conditions(
    double seconds,
    double serverCores,
    double driverCores,
    double stealShare,
    double idleShare,
    double jitSeconds,
    double gcPauseSeconds,
    double gcPauses,
    int servers) {

  /** Above this share of the window spent compiling, the server was not warm yet. */
  static final double JIT_WARM_SHARE = 0.10;

  /** Readings at one moment. */
  record Snapshot(
      long nanoTime,
      double serverCpuSeconds,
      double jitSeconds,
      double gcPauseSeconds,
      double gcPauses,
      double stealTicks,
      double idleTicks,
      double totalTicks,
      double driverCpuSeconds,
      int servers) {}

  /**
   * Takes snapshots of the servers (their metrics, summed: several nodes behind a balancer are read
   * each on its own address, since the balancer would always ask the same one) and of this machine.
   */
  static final class Probe {
    private final java.util.List<Http> servers;
    private final java.util.List<Http.Request> metrics;

    Probe(java.util.List<Http> servers, String adminToken) {
      if (servers.isEmpty()) throw new IllegalArgumentException("no server to read metrics from");
      this.servers = java.util.List.copyOf(servers);
      this.metrics =
          this.servers.stream().map(h -> h.getText("/actuator/prometheus", adminToken)).toList();
    }

    Snapshot take() {
      long now = System.nanoTime();
      Map<String, Double> m = scrape();
      double[] cpu = procStat();
      return new Snapshot(
          now,
          m.getOrDefault("process_cpu_time_ns_total", Double.NaN) / 1e9,
          m.getOrDefault("jvm_compilation_time_ms_total", Double.NaN) / 1e3,
          m.getOrDefault("jvm_gc_pause_seconds_sum", 0.0),
          m.getOrDefault("jvm_gc_pause_seconds_count", 0.0),
          cpu[0],
          cpu[2],
          cpu[1],
          driverCpuSeconds(),
          servers.size());
    }

    /**
     * The servers' metrics of interest, summed over their label sets and over the servers; empty if
     * any server's could not be read (a sum missing a node would understate it).
     */
    private Map<String, Double> scrape() {
      Map<String, Double> values = new LinkedHashMap<>();
      for (int i = 0; i < servers.size(); i++) {
        Http.Response r = servers.get(i).call(metrics.get(i));
        if (!r.ok()) {
          return new LinkedHashMap<>();
        }
        add(values, r);
      }
      return values;
    }

    private static void add(Map<String, Double> values, Http.Response r) {
      for (String line : new String(r.body(), StandardCharsets.UTF_8).split("\n")) {
        if (line.isEmpty() || line.charAt(0) == '#') {
          continue;
        }
        int end = line.indexOf('{');
        int space = line.lastIndexOf(' ');
        if (space <= 0) {
          continue;
        }
        String name = line.substring(0, end > 0 && end < space ? end : space);
        switch (name) {
          case "process_cpu_time_ns_total",
              "jvm_compilation_time_ms_total",
              "jvm_gc_pause_seconds_sum",
              "jvm_gc_pause_seconds_count" -> {
            try {
              values.merge(name, Double.parseDouble(line.substring(space + 1)), Double::sum);
            } catch (NumberFormatException ignored) {
              // a value we cannot read is left out, not guessed
            }
          }
          default -> {}
        }
      }
    }
  }

  /**
   * Steal, total and idle (idle and iowait) ticks of all CPUs from /proc/stat, or NaN where there
   * is none.
   */
  static double[] procStat() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/stat"))) {
        if (line.startsWith("cpu ")) {
          String[] f = line.trim().split("\\s+");
          double total = 0;
          // user nice system idle iowait irq softirq steal (guest time is already in user)
          for (int i = 1; i <= 8 && i < f.length; i++) {
            total += Double.parseDouble(f[i]);
          }
          return new double[] {
            f.length > 8 ? Double.parseDouble(f[8]) : Double.NaN,
            total,
            Double.parseDouble(f[4]) + (f.length > 5 ? Double.parseDouble(f[5]) : 0)
          };
        }
      }
    } catch (Exception e) {
      // not Linux, or no /proc: unknown
    }
    return new double[] {Double.NaN, Double.NaN, Double.NaN};
  }

  static double driverCpuSeconds() {
    if (ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.OperatingSystemMXBean os) {
      long nanos = os.getProcessCpuTime();
      return nanos < 0 ? Double.NaN : nanos / 1e9;
    }
    return Double.NaN;
  }

  static Conditions between(Snapshot a, Snapshot b) {
    double secs = (b.nanoTime() - a.nanoTime()) / 1e9;
    double ticks = b.totalTicks() - a.totalTicks();
    return new Conditions(
        secs,
        (b.serverCpuSeconds() - a.serverCpuSeconds()) / secs,
        (b.driverCpuSeconds() - a.driverCpuSeconds()) / secs,
        ticks > 0 ? (b.stealTicks() - a.stealTicks()) / ticks : Double.NaN,
        ticks > 0 ? (b.idleTicks() - a.idleTicks()) / ticks : Double.NaN,
        b.jitSeconds() - a.jitSeconds(),
        b.gcPauseSeconds() - a.gcPauseSeconds(),
        b.gcPauses() - a.gcPauses(),
        b.servers());
  }

  /**
   * The share of the window the server's JIT compilers were busy (NaN if unknown); with several
   * servers, all their compilers together, so "quiet" means every node is warm.
   */
  double jitShare() {
    return seconds <= 0 ? Double.NaN : jitSeconds / seconds;
  }

  /** Whether the server's JIT was quiet; false also when it could not be read. */
  boolean serverWarm() {
    return jitShare() <= JIT_WARM_SHARE;
  }

  boolean jitKnown() {
    return !Double.isNaN(jitSeconds);
  }

  String text() {
    return String.format(
        Locale.ROOT,
        "%s %s cores, driver %s cores, CPU stolen by the host %s, machine idle %s;"
            + " server JIT %s, GC pauses %s%s",
        servers > 1 ? "servers (" + servers + " nodes together)" : "server",
        num(serverCores, "%.2f"),
        num(driverCores, "%.2f"),
        percent(stealShare),
        percent(idleShare),
        Double.isNaN(jitSeconds)
            ? "unknown"
            : String.format(Locale.ROOT, "%.1f s in %.0f s", jitSeconds, seconds),
        String.format(Locale.ROOT, "%.0f (%.2f s)", gcPauses, gcPauseSeconds),
        serverWarm() || !jitKnown()
            ? ""
            : "  -- the server was still compiling: not a steady-state figure");
  }

  Map<String, Object> json() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("seconds", round(seconds));
    m.put("servers", servers);
    m.put("serverCores", round(serverCores));
    m.put("driverCores", round(driverCores));
    m.put("stealShare", round(stealShare));
    m.put("idleShare", round(idleShare));
    m.put("jitSeconds", round(jitSeconds));
    m.put("gcPauseSeconds", round(gcPauseSeconds));
    m.put("gcPauses", round(gcPauses));
    m.put("serverWarm", serverWarm());
    return m;
  }

  private static Double round(double v) {
    return Double.isNaN(v) ? null : Math.round(v * 1000.0) / 1000.0;
  }

  private static String percent(double share) {
    return Double.isNaN(share) ? "unknown" : String.format(Locale.ROOT, "%.0f %%", share * 100);
  }

  private static String num(double v, String format) {
    return Double.isNaN(v) ? "unknown" : String.format(Locale.ROOT, format, v);
  }
}
