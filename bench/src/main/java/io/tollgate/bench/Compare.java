package io.tollgate.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Two reports of the same database, a baseline and a candidate, measured one after the other in one
 * {@code bench/compare.sh} run, side by side: each figure and the candidate's ratio to the
 * baseline. The ceiling ({@code GET /api/v1/ping}) is shown too: when it moved as much as the
 * releases, the machine changed, not the server.
 *
 * <pre>java -cp bench/target/tollgate-bench.jar io.tollgate.bench.Compare base.json new.json</pre>
 *
 * <p>With {@code --pairs b1 c1 b2 c2 ...} (bench/nodes.sh's {@code PAIRS}) it prints each pair's
 * ratio and their median instead.
 */
public final class Compare {
  private Compare() {}

  public static void main(String[] args) throws IOException {
    JsonMapper json = JsonMapper.builder().build();
    boolean pairsAsked = args.length > 0 && args[0].equals("--pairs");
    if (pairsAsked && (args.length < 3 || args.length % 2 == 0)) {
      System.err.println(
          "Compare --pairs takes reports two by two (baseline, then candidate), not "
              + (args.length - 1)
              + " file(s)");
      System.exit(2);
    }
    if (pairsAsked) {
      List<JsonNode[]> pairs = new ArrayList<>();
      for (int i = 1; i < args.length; i += 2) {
        Path base = Path.of(args[i]);
        Path cand = Path.of(args[i + 1]);
        if (Files.isRegularFile(base) && Files.isRegularFile(cand)) {
          pairs.add(
              new JsonNode[] {
                json.readTree(Files.readString(base)), json.readTree(Files.readString(cand))
              });
        } else {
          System.out.println("pair " + (i + 1) / 2 + ": a report is missing (the run failed)");
          pairs.add(null);
        }
      }
      System.out.print(pairs(pairs));
      return;
    }
    if (args.length != 2) {
      System.err.println(
          "usage: Compare <baseline report.json> <candidate report.json>\n"
              + "       Compare --pairs <baseline 1> <candidate 1> <baseline 2> <candidate 2> ...");
      System.exit(2);
    }
    JsonNode base = json.readTree(Files.readString(Path.of(args[0])));
    JsonNode cand = json.readTree(Files.readString(Path.of(args[1])));
    System.out.print(table(base, cand));
  }

  static String table(JsonNode base, JsonNode cand) {
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(Locale.ROOT, "%-34s %12s %12s %8s%n", "", "baseline", "candidate", "ratio"));
    row(out, "complete releases per second", releases(base), releases(cand));
    row(out, "ceiling: GET /ping per second", rate(base, "ping"), rate(cand, "ping"));
    row(out, "GET /releases/{id} per second", rate(base, "read"), rate(cand, "read"));
    row(out, "slowest command p99 (ms)", worstP99(base), worstP99(cand));
    row(
        out,
        "server CPU per release (ms)",
        perRelease(base, "serverCores"),
        perRelease(cand, "serverCores"));
    row(
        out,
        "  JIT compiling per release (ms)",
        perRelease(base, "jitSeconds"),
        perRelease(cand, "jitSeconds"));
    out.append(
        String.format(
            Locale.ROOT,
            "steady state: baseline %s, candidate %s%n",
            base.path("targets").path("steadyState").asBoolean(),
            cand.path("targets").path("steadyState").asBoolean()));
    return out.toString();
  }

  /**
   * Several pairs measured in one run: each pair's releases per second and ratio, and the median
   * ratio. The ceiling's ratio is shown beside it: a pair whose ceiling moved as much as its
   * releases measured the machine.
   */
  static String pairs(List<JsonNode[]> pairs) {
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            Locale.ROOT,
            "%-6s %12s %12s %8s %15s %8s%n",
            "pair",
            "baseline",
            "candidate",
            "ratio",
            "ceiling ratio",
            "steady"));
    List<Double> ratios = new ArrayList<>();
    List<Double> ceilings = new ArrayList<>();
    for (int i = 0; i < pairs.size(); i++) {
      JsonNode[] pair = pairs.get(i);
      if (pair == null) {
        continue;
      }
      double base = releases(pair[0]);
      double cand = releases(pair[1]);
      double ceiling =
          rate(pair[0], "ping") > 0 ? rate(pair[1], "ping") / rate(pair[0], "ping") : 0;
      if (base > 0) {
        ratios.add(cand / base);
        ceilings.add(ceiling);
      }
      out.append(
          String.format(
              Locale.ROOT,
              "%-6d %12.2f %12.2f %8.2f %15.2f %8s%n",
              i + 1,
              base,
              cand,
              base > 0 ? cand / base : Double.NaN,
              ceiling,
              steady(pair[0]) + "/" + steady(pair[1])));
    }
    out.append(
        ratios.isEmpty()
            ? "no pair measured both halves\n"
            : String.format(
                Locale.ROOT,
                "median of %d pairs: releases ratio %.2f, ceiling ratio %.2f%n",
                ratios.size(),
                median(ratios),
                median(ceilings)));
    return out.toString();
  }

  static double median(List<Double> values) {
    List<Double> sorted = values.stream().sorted().toList();
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }

  private static String steady(JsonNode r) {
    return r.path("targets").path("steadyState").asBoolean() ? "yes" : "no";
  }

  private static double releases(JsonNode r) {
    return r.path("phases").path("release").path("releasesPerSecond").asDouble();
  }

  /**
   * Milliseconds of a release-phase condition per release closed: {@code serverCores} (all nodes'
   * processes together) or {@code jitSeconds} (the compilers' elapsed time, all nodes together).
   * Two JVMs still compiling show up here as more JIT per release, not as slower code.
   */
  private static double perRelease(JsonNode r, String condition) {
    JsonNode release = r.path("phases").path("release");
    double closed = release.path("releasesClosed").asDouble();
    double seconds = release.path("conditions").path("seconds").asDouble();
    JsonNode measured = release.path("conditions").path(condition);
    if (closed <= 0 || !measured.isNumber()) {
      return Double.NaN;
    }
    double value = measured.doubleValue();
    double total = condition.equals("serverCores") ? value * seconds : value;
    return total * 1000.0 / closed;
  }

  private static double rate(JsonNode r, String phase) {
    return r.path("phases").path(phase).path("requestsPerSecond").asDouble();
  }

  private static double worstP99(JsonNode r) {
    return r.path("targets").path("commandP99").path("worstP99Ms").asDouble();
  }

  private static void row(StringBuilder out, String name, double base, double cand) {
    String ratio =
        base > 0 && !Double.isNaN(cand) ? String.format(Locale.ROOT, "%.2f", cand / base) : "-";
    out.append(String.format(Locale.ROOT, "%-34s %12.2f %12.2f %8s%n", name, base, cand, ratio));
  }
}
