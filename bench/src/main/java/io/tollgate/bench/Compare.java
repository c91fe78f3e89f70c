package io.tollgate.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Two reports of the same database, a baseline and a candidate, measured one after the other in one
 * {@code bench/compare.sh} run, side by side: each figure and the candidate's ratio to the baseline.
 * The ceiling ({@code GET /api/v1/ping}) is shown too: when it moved as much as the releases, the
 * machine changed, not the server.
 *
 * <pre>java -cp bench/target/tollgate-bench.jar io.tollgate.bench.Compare base.json new.json</pre>
 */
public final class Compare {
  private Compare() {}

  public static void main(String[] args) throws IOException {
    if (args.length != 2) {
      System.err.println("usage: Compare <baseline report.json> <candidate report.json>");
      System.exit(2);
    }
    JsonMapper json = JsonMapper.builder().build();
    JsonNode base = json.readTree(Files.readString(Path.of(args[0])));
    JsonNode cand = json.readTree(Files.readString(Path.of(args[1])));
    System.out.print(table(base, cand));
  }

  static String table(JsonNode base, JsonNode cand) {
    StringBuilder out = new StringBuilder();
    out.append(String.format(Locale.ROOT, "%-34s %12s %12s %8s%n", "", "baseline", "candidate", "ratio"));
    row(out, "complete releases per second", releases(base), releases(cand));
    row(out, "ceiling: GET /ping per second", rate(base, "ping"), rate(cand, "ping"));
    row(out, "GET /releases/{id} per second", rate(base, "read"), rate(cand, "read"));
    row(out, "slowest command p99 (ms)", worstP99(base), worstP99(cand));
    out.append(
        String.format(
            Locale.ROOT,
            "steady state: baseline %s, candidate %s%n",
            base.path("targets").path("steadyState").asBoolean(),
            cand.path("targets").path("steadyState").asBoolean()));
    return out.toString();
  }

  private static double releases(JsonNode r) {
    return r.path("phases").path("release").path("releasesPerSecond").asDouble();
  }

  private static double rate(JsonNode r, String phase) {
    return r.path("phases").path(phase).path("requestsPerSecond").asDouble();
  }

  private static double worstP99(JsonNode r) {
    return r.path("targets").path("commandP99").path("worstP99Ms").asDouble();
  }

  private static void row(StringBuilder out, String name, double base, double cand) {
    String ratio = base > 0 ? String.format(Locale.ROOT, "%.2f", cand / base) : "-";
    out.append(
        String.format(Locale.ROOT, "%-34s %12.2f %12.2f %8s%n", name, base, cand, ratio));
  }
}
