package io.tollgate.bench;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The results of one run: a plain-text table per phase, and the same figures as JSON. */
final class Report {
  final Options options;
  final Instant startedAt;
  final Map<String, Object> setup;
  final Settle.Result settle;
  final Phase.Result ping;
  final Phase.Result liveness;
  final Phase.Result read;
  final Phase.Result releases;
  final List<String> errorSamples;

  Report(
      Options options,
      Instant startedAt,
      Map<String, Object> setup,
      Settle.Result settle,
      Phase.Result ping,
      Phase.Result liveness,
      Phase.Result read,
      Phase.Result releases,
      List<String> errorSamples) {
    this.options = options;
    this.startedAt = startedAt;
    this.setup = setup;
    this.settle = settle;
    this.ping = ping;
    this.liveness = liveness;
    this.read = read;
    this.releases = releases;
    this.errorSamples = errorSamples;
  }

  /** Successful calls per second of a single-endpoint phase. */
  static double rate(Phase.Result r) {
    long ok = 0;
    for (Stats.Command c : r.stats().commands().values()) {
      ok += c.count() - c.errors();
    }
    return r.seconds() <= 0 ? 0 : ok / r.seconds();
  }

  double readRatio() {
    double ceiling = rate(ping);
    return ceiling <= 0 ? 0 : rate(read) / ceiling;
  }

  /** The command with the highest p99 in the release phase, or null if none ran. */
  Map.Entry<String, Stats.Command> worstCommand() {
    Map.Entry<String, Stats.Command> worst = null;
    for (Map.Entry<String, Stats.Command> e : releases.stats().commands().entrySet()) {
      if (worst == null || e.getValue().millisAt(99) > worst.getValue().millisAt(99)) {
        worst = e;
      }
    }
    return worst;
  }

  /** Every call of the release phase in one histogram: a p99 over thousands of calls, not ~300. */
  Stats.Command allCommands() {
    Stats.Command all = new Stats.Command();
    releases.stats().commands().values().forEach(all::add);
    return all;
  }

  boolean readTargetMet() {
    return readRatio() >= LoadDriver.READ_RATIO_TARGET;
  }

  boolean latencyTargetMet() {
    Map.Entry<String, Stats.Command> worst = worstCommand();
    return worst != null && worst.getValue().millisAt(99) < LoadDriver.COMMAND_P99_TARGET_MS;
  }

  long commandErrors() {
    return releases.stats().commands().values().stream().mapToLong(Stats.Command::errors).sum();
  }

  boolean happyPathClean() {
    Stats s = releases.stats();
    return Boolean.TRUE.equals(setup.get("firstReleaseClosed"))
        && s.releasesClosed > 0
        && s.releasesAborted == 0
        && s.releasesNotClosed == 0
        && commandErrors() == 0;
  }

  double releasesPerSecond() {
    return releases.seconds() <= 0 ? 0 : releases.stats().releasesClosed / releases.seconds();
  }

  String text() {
    StringBuilder out = new StringBuilder();
    String label = options.label().isBlank() ? "" : " [" + options.label() + "]";
    out.append(
        f(
            "== Tollgate bench%s: %s, %d clients, %d s measured per phase after %d s warm-up,"
                + " %d CPUs ==%n",
            label,
            options.baseUrl(),
            options.clients(),
            options.durationSeconds(),
            options.warmupSeconds(),
            Runtime.getRuntime().availableProcessors()));

    if (settle.seconds() > 0) {
      out.append(
          f(
              "%nSettle: %d releases in %.0f s before measuring; server JIT %s%n",
              settle.releases(),
              settle.seconds(),
              settle.settled()
                  ? "quiet at the end (steady state)"
                  : "NOT quiet at the end: the figures below include compilation"));
    }
    out.append(
        f(
            "%nCeiling: trivial endpoints (ping alternates with the read below in %d s slices)%n",
            LoadDriver.SLICE_SECONDS));
    rateTable(out, List.of(ping, liveness));
    conditions(out, ping, "ping+read");
    conditions(out, liveness, "liveness");

    out.append(f("%nRead: one closed release with its full history%n"));
    rateTable(out, List.of(read));
    out.append(
        f(
            "  read ratio (GET release req/s / GET ping req/s): %.3f   target >= %.2f: %s%n",
            readRatio(), LoadDriver.READ_RATIO_TARGET, verdict(readTargetMet())));

    Stats s = releases.stats();
    out.append(f("%nRelease: complete releases, planned to closed, each command as its role%n"));
    out.append(
        f(
            "  first release, pushed alone before the phases: %s%n",
            Boolean.TRUE.equals(setup.get("firstReleaseClosed"))
                ? "closed"
                : "NOT closed, see the errors"));
    out.append(
        f(
            "  %-44s %8s %7s %8s %8s %8s %8s%n",
            "command", "count", "errors", "retries", "p50 ms", "p99 ms", "max ms"));
    for (Map.Entry<String, Stats.Command> e : s.commands().entrySet()) {
      Stats.Command c = e.getValue();
      out.append(
          f(
              "  %-44s %8d %7d %8d %8.2f %8.2f %8.2f%s%n",
              e.getKey(),
              c.count(),
              c.errors(),
              c.retries,
              c.millisAt(50),
              c.millisAt(99),
              c.maxMillis(),
              c.errors() == 0 ? "" : "  errors by status " + c.errorsByStatus));
    }
    out.append(
        f(
            "  releases closed: %d in %.1f s = %.2f releases/s; aborted on an error: %d;"
                + " not closed at the end: %d%n",
            s.releasesClosed,
            releases.seconds(),
            releasesPerSecond(),
            s.releasesAborted,
            s.releasesNotClosed));
    out.append(
        options.rate() > 0
            ? f(
                "  offered load: %.2f releases/s started on a fixed schedule (--rate), %s%n",
                options.rate(),
                releasesPerSecond() >= options.rate() * 0.97
                    ? "sustained"
                    : "NOT sustained: the server fell behind")
            : f("  offered load: closed loop, each client as fast as the server answers%n"));
    Stats.Command all = allCommands();
    out.append(
        f(
            "  all commands together: %d calls, p50 %.2f ms, p99 %.2f ms, max %.2f ms%n",
            all.count(), all.millisAt(50), all.millisAt(99), all.maxMillis()));
    Map.Entry<String, Stats.Command> worst = worstCommand();
    out.append(
        f(
            "  every command p99 < %.0f ms: %s%s%n",
            LoadDriver.COMMAND_P99_TARGET_MS,
            verdict(latencyTargetMet()),
            worst == null
                ? " (no commands ran)"
                : f(" (highest: %s at %.2f ms)", worst.getKey(), worst.getValue().millisAt(99))));
    conditions(out, releases, "release");

    out.append(f("%nTargets%n"));
    out.append(
        f(
            "  GET /api/v1/releases/{id} >= %.0f%% of the /api/v1/ping ceiling: %s (%.1f%%)%n",
            LoadDriver.READ_RATIO_TARGET * 100, verdict(readTargetMet()), readRatio() * 100));
    out.append(
        f(
            "  every command p99 < %.0f ms at %d clients:           %s%n",
            LoadDriver.COMMAND_P99_TARGET_MS, options.clients(), verdict(latencyTargetMet())));
    out.append(
        f(
            "  happy path without errors:                       %s%n",
            happyPathClean() ? "yes" : "NO, see the errors"));
    out.append(
        f(
            "  measured on a warm server (JIT quiet):           %s%n",
            steadyState()
                ? "yes"
                : releases.conditions().jitKnown()
                    ? "NO, the server was still compiling"
                    : "unknown (the server's metrics could not be read)"));
    int unfinished =
        ping.unfinishedClients()
            + liveness.unfinishedClients()
            + read.unfinishedClients()
            + releases.unfinishedClients();
    if (unfinished > 0) {
      out.append(f("  clients that did not finish in time: %d%n", unfinished));
    }
    if (!errorSamples.isEmpty()) {
      out.append(f("%nFirst errors%n"));
      errorSamples.forEach(e -> out.append("  ").append(e).append(System.lineSeparator()));
    }
    return out.toString();
  }

  private static void conditions(StringBuilder out, Phase.Result r, String phase) {
    out.append(f("  during %s: %s%n", phase, r.conditions().text()));
  }

  /** Whether every measured window ran on a warm server (JIT quiet). */
  boolean steadyState() {
    return ping.conditions().serverWarm()
        && read.conditions().serverWarm()
        && releases.conditions().serverWarm();
  }

  private void rateTable(StringBuilder out, List<Phase.Result> results) {
    out.append(
        f(
            "  %-44s %10s %9s %7s %8s %8s %8s%n",
            "endpoint", "req/s", "count", "errors", "p50 ms", "p99 ms", "max ms"));
    for (Phase.Result r : results) {
      for (Map.Entry<String, Stats.Command> e : r.stats().commands().entrySet()) {
        Stats.Command c = e.getValue();
        out.append(
            f(
                "  %-44s %10.1f %9d %7d %8.2f %8.2f %8.2f%n",
                e.getKey(),
                rate(r),
                c.count(),
                c.errors(),
                c.millisAt(50),
                c.millisAt(99),
                c.maxMillis()));
      }
    }
  }

  /** The same figures as JSON ({@link ReportJson}). */
  String json() {
    return ReportJson.of(this);
  }

  private static String verdict(boolean met) {
    return met ? "MET" : "NOT MET";
  }

  private static String f(String format, Object... args) {
    return String.format(Locale.ROOT, format, args);
  }
}
