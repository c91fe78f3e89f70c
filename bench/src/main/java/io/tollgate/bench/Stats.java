package io.tollgate.bench;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * Latencies and errors per command, kept by one worker thread (no sharing while running) and merged
 * once the phase is over.
 */
final class Stats {
  /** One command: its latency histogram (microseconds) and its failures by HTTP status. */
  static final class Command {
    final Histogram latency = new Histogram(TimeUnit.SECONDS.toMicros(60), 3);
    final Map<Integer, Long> errorsByStatus = new TreeMap<>();
    long retries;

    long count() {
      return latency.getTotalCount();
    }

    long errors() {
      return errorsByStatus.values().stream().mapToLong(Long::longValue).sum();
    }

    double millisAt(double percentile) {
      return latency.getTotalCount() == 0 ? 0 : latency.getValueAtPercentile(percentile) / 1000.0;
    }

    double maxMillis() {
      return latency.getTotalCount() == 0 ? 0 : latency.getMaxValue() / 1000.0;
    }

    void add(Command other) {
      latency.add(other.latency);
      other.errorsByStatus.forEach((s, n) -> errorsByStatus.merge(s, n, Long::sum));
      retries += other.retries;
    }
  }

  private final Map<String, Command> commands = new LinkedHashMap<>();
  long releasesClosed;
  long releasesAborted;
  long releasesNotClosed;

  Command command(String name) {
    return commands.computeIfAbsent(name, n -> new Command());
  }

  Map<String, Command> commands() {
    return commands;
  }

  /** Every call is timed, failed ones too: a slow refusal is still a slow answer. */
  void record(String name, Http.Response r) {
    Command c = command(name);
    c.latency.recordValue(
        Math.max(
            0,
            Math.min(
                TimeUnit.NANOSECONDS.toMicros(r.nanos()), c.latency.getHighestTrackableValue())));
    if (!r.ok()) {
      c.errorsByStatus.merge(r.status(), 1L, Long::sum);
    }
  }

  /** A copy holding only the named command (for phases that alternate between endpoints). */
  Stats only(String name) {
    Stats s = new Stats();
    Command c = commands.get(name);
    if (c != null) {
      s.command(name).add(c);
    }
    return s;
  }

  void add(Stats other) {
    other.commands.forEach((name, c) -> command(name).add(c));
    releasesClosed += other.releasesClosed;
    releasesAborted += other.releasesAborted;
    releasesNotClosed += other.releasesNotClosed;
  }
}
