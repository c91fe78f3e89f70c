package io.tollgate.bench;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The load driver's options: read from its command line ({@link #parse}), explained by {@link
 * #usage}.
 */
record Options(
    String baseUrl,
    String adminToken,
    int clients,
    int durationSeconds,
    int warmupSeconds,
    int settleSeconds,
    String label,
    Path out,
    double rate,
    Path markFile,
    java.util.List<String> metricsUrls) {

  static Options parse(String[] args) {
    Map<String, String> values = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (a.equals("--help") || a.equals("-h") || a.equals("help")) {
        return null;
      }
      if (!a.startsWith("--")) {
        throw new IllegalArgumentException("unexpected argument '" + a + "'");
      }
      String key;
      String value;
      int eq = a.indexOf('=');
      if (eq > 0) {
        key = a.substring(2, eq);
        value = a.substring(eq + 1);
      } else {
        key = a.substring(2);
        if (i + 1 >= args.length) {
          throw new IllegalArgumentException("--" + key + " needs a value");
        }
        value = args[++i];
      }
      values.put(key, value);
    }
    for (String key : values.keySet()) {
      if (!java.util.Set.of(
              "base-url",
              "admin-token",
              "clients",
              "duration",
              "warmup",
              "settle",
              "label",
              "out",
              "rate",
              "mark-file",
              "metrics-urls")
          .contains(key)) {
        throw new IllegalArgumentException("unknown option --" + key);
      }
    }
    String baseUrl = values.get("base-url");
    if (baseUrl == null || baseUrl.isBlank()) {
      throw new IllegalArgumentException("--base-url is required");
    }
    String adminToken = values.get("admin-token");
    if (adminToken == null || adminToken.isBlank()) {
      adminToken = System.getenv("TOLLGATE_BENCH_ADMIN_TOKEN");
    }
    if (adminToken == null || adminToken.isBlank()) {
      throw new IllegalArgumentException(
          "--admin-token (or the environment variable TOLLGATE_BENCH_ADMIN_TOKEN) is required");
    }
    int clients = number(values, "clients", 16, 1, 1024);
    int duration = number(values, "duration", 30, 1, 3600);
    int warmup = number(values, "warmup", 5, 0, 3600);
    int settle = number(values, "settle", LoadDriver.DEFAULT_SETTLE_SECONDS, 0, 3600);
    String label = values.getOrDefault("label", "");
    Path out = values.containsKey("out") ? Path.of(values.get("out")) : null;
    double rate;
    try {
      rate = Double.parseDouble(values.getOrDefault("rate", "0").trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--rate takes a number of releases per second");
    }
    if (!(rate >= 0 && rate <= 10_000)) {
      throw new IllegalArgumentException("--rate must be between 0 and 10000");
    }
    Path mark = values.containsKey("mark-file") ? Path.of(values.get("mark-file")) : null;
    java.util.List<String> metricsUrls =
        java.util.Arrays.stream(values.getOrDefault("metrics-urls", baseUrl).split("[,\\s]+"))
            .filter(u -> !u.isBlank())
            .toList();
    for (String u : metricsUrls) {
      if (!u.startsWith("http://") && !u.startsWith("https://")) {
        throw new IllegalArgumentException(
            "--metrics-urls takes server addresses such as http://127.0.0.1:8081, not '" + u + "'");
      }
    }
    if (metricsUrls.isEmpty()) {
      throw new IllegalArgumentException("--metrics-urls names no server");
    }
    return new Options(
        baseUrl,
        adminToken,
        clients,
        duration,
        warmup,
        settle,
        label,
        out,
        rate,
        mark,
        metricsUrls);
  }

  private static int number(Map<String, String> values, String key, int dflt, int min, int max) {
    String v = values.get(key);
    if (v == null) {
      return dflt;
    }
    int n;
    try {
      n = Integer.parseInt(v.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--" + key + " takes a whole number, not '" + v + "'");
    }
    if (n < min || n > max) {
      throw new IllegalArgumentException("--" + key + " must be between " + min + " and " + max);
    }
    return n;
  }

  static String usage() {
    return String.join(
        "\n",
        "usage: java -jar tollgate-bench.jar --base-url URL --admin-token TOKEN [options]",
        "  --base-url URL       the server, e.g. http://127.0.0.1:8080",
        "  --admin-token TOKEN  the bootstrap admin token (or env TOLLGATE_BENCH_ADMIN_TOKEN)",
        "  --clients N          concurrent clients (default 16)",
        "  --duration S         measured seconds per phase (default 30)",
        "  --warmup S           unrecorded warm-up seconds before each phase (default 5)",
        "  --settle S           at most this many seconds of releases before the phases, ending",
        "                       as soon as the server's JIT is quiet (default "
            + LoadDriver.DEFAULT_SETTLE_SECONDS
            + "; 0: none)",
        "  --rate R             releases started per second in all, by whichever client is",
        "                       free (the settle and the release phase); default 0: closed",
        "                       loop, each client starts its next release when its last closed",
        "  --mark-file FILE     created when the release phase starts measuring (NotifyLag)",
        "  --metrics-urls URLS  the servers whose CPU, JIT and GC the report gives, added up,",
        "                       comma- or space-separated (default: --base-url); behind a",
        "                       balancer, name every node: the settle waits for all their JITs",
        "  --label NAME         a name for the run in the report, e.g. the database",
        "  --out FILE           also write the report as JSON to FILE");
  }
}
