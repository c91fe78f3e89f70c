package io.tollgate.bench;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Delivery lag of notifications while the release bench runs: subscribes {@code --subscriptions}
 * (default 10) webhook subscriptions to every event of the product the load driver creates
 * ({@code bench-…}, or {@code --product}), receives the messages on a loopback receiver, and
 * reports the lag from the event's audit time (the body's {@code timestamp}, taken just before the
 * commit) to its arrival, p50/p99/max, and messages per second. Run it beside {@code LoadDriver}
 * on the same machine (one clock):
 *
 * <pre>
 * java -cp bench/target/tollgate-bench.jar io.tollgate.bench.NotifyLag \
 *     --base-url http://127.0.0.1:8080 --duration 60 --out /tmp/lag.json
 * </pre>
 *
 * The admin token comes from {@code TOLLGATE_BENCH_ADMIN_TOKEN} (or {@code --admin-token}). It
 * measures for {@code --duration} seconds, or until the file {@code --stop-file} exists (how {@code
 * bench/notify-lag.sh} ends it when the load driver is done). With {@code --measure-file}, only
 * messages that arrive after that file exists count (the driver's {@code --mark-file}: its release
 * phase is being measured); the messages of the settle before it are counted apart.
 */
public final class NotifyLag {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private NotifyLag() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> opts = options(args);
    String base = opts.getOrDefault("base-url", "http://127.0.0.1:8080");
    String token = opts.getOrDefault("admin-token", System.getenv("TOLLGATE_BENCH_ADMIN_TOKEN"));
    if (token == null || token.isBlank()) {
      System.err.println("Give the admin token: TOLLGATE_BENCH_ADMIN_TOKEN or --admin-token");
      System.exit(2);
    }
    int subscriptions = Integer.parseInt(opts.getOrDefault("subscriptions", "10"));
    Duration duration = Duration.ofSeconds(Long.parseLong(opts.getOrDefault("duration", "60")));
    Duration wait = Duration.ofSeconds(Long.parseLong(opts.getOrDefault("wait", "300")));
    Http http = new Http(base);

    Histogram lag = new ConcurrentHistogram(TimeUnit.MINUTES.toMicros(10), 3);
    AtomicLong received = new AtomicLong();
    Map<String, Boolean> seen = new ConcurrentHashMap<>();
    AtomicLong duplicates = new AtomicLong();
    AtomicLong before = new AtomicLong();
    Path measureFile = opts.containsKey("measure-file") ? Path.of(opts.get("measure-file")) : null;
    java.util.concurrent.atomic.AtomicBoolean measuring =
        new java.util.concurrent.atomic.AtomicBoolean(measureFile == null);
    HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 200);
    java.util.concurrent.ExecutorService threads = Executors.newFixedThreadPool(4);
    receiver.setExecutor(threads);
    receiver.createContext(
        "/",
        exchange -> {
          Instant now = Instant.now();
          byte[] body = exchange.getRequestBody().readAllBytes();
          exchange.sendResponseHeaders(204, -1);
          exchange.close();
          String id = exchange.getRequestHeaders().getFirst("webhook-id");
          if (id != null && seen.putIfAbsent(id, Boolean.TRUE) != null) {
            duplicates.incrementAndGet();
            return;
          }
          try {
            JsonNode n = JSON.readTree(new String(body, StandardCharsets.UTF_8));
            Instant at = Instant.parse(n.path("timestamp").asString());
            if (!measuring.get()) {
              before.incrementAndGet();
              return;
            }
            lag.recordValue(Math.max(0, Duration.between(at, now).toNanos() / 1000));
            received.incrementAndGet();
          } catch (RuntimeException malformed) {
            System.err.println("unreadable message: " + malformed.getMessage());
          }
        });
    receiver.start();
    int port = receiver.getAddress().getPort();

    String product = opts.get("product");
    long deadline = System.nanoTime() + wait.toNanos();
    while (product == null) {
      Http.Response r = http.call(http.get("/api/v1/products", token));
      if (r.ok()) {
        for (JsonNode p : JSON.readTree(r.text())) {
          if (p.path("key").asString().startsWith("bench-")) product = p.path("key").asString();
        }
      }
      if (product == null) {
        if (System.nanoTime() > deadline) throw new IllegalStateException("no bench-… product");
        Thread.sleep(200); // polling for the load driver's setup, not synchronising a test
      }
    }
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < subscriptions; i++) {
      String json =
          JSON.writeValueAsString(
              Map.of(
                  "events",
                  List.of("*"),
                  "channel",
                  Map.of("kind", "webhook", "url", "http://127.0.0.1:" + port + "/hook-" + i)));
      Http.Response r =
          http.call(http.send("POST", "/api/v1/products/" + product + "/subscriptions", token, json));
      if (r.status() != 201) throw new IllegalStateException("subscribe: " + r.status() + " " + r.text());
      ids.add(JSON.readTree(r.text()).path("id").asString());
    }
    System.err.printf("notify-lag: %d subscriptions on %s, measuring %d s%n", subscriptions, product, duration.toSeconds());
    long start = System.nanoTime();
    if (measureFile != null) {
      System.err.printf("notify-lag: waiting for %s to start measuring%n", measureFile);
      while (!Files.exists(measureFile)) {
        if (System.nanoTime() - start > duration.toNanos()) {
          throw new IllegalStateException("no " + measureFile + " within the duration");
        }
        Thread.sleep(50); // polling for the load driver's release phase
      }
      measuring.set(true);
      start = System.nanoTime();
    }
    Path stopFile = opts.containsKey("stop-file") ? Path.of(opts.get("stop-file")) : null;
    long end = start + duration.toNanos();
    while (System.nanoTime() < end && (stopFile == null || !Files.exists(stopFile))) {
      Thread.sleep(Math.min(200, Math.max(1, (end - System.nanoTime()) / 1_000_000))); // the measured period
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    receiver.stop(0);
    threads.shutdownNow(); // else its threads keep the JVM alive after the report
    for (String id : ids) {
      http.call(http.send("DELETE", "/api/v1/products/" + product + "/subscriptions/" + id, token, null));
    }

    Map<String, Object> report = new LinkedHashMap<>();
    report.put("product", product);
    report.put("subscriptions", subscriptions);
    report.put("seconds", Math.round(seconds * 10) / 10.0);
    report.put("messages", received.get());
    report.put("messagesPerSecond", Math.round(received.get() / seconds * 10) / 10.0);
    report.put("duplicates", duplicates.get());
    if (measureFile != null) report.put("receivedBeforeMeasuring", before.get());
    report.put("lagMillisP50", lag.getValueAtPercentile(50) / 1000.0);
    report.put("lagMillisP99", lag.getValueAtPercentile(99) / 1000.0);
    report.put("lagMillisMax", lag.getMaxValue() / 1000.0);
    String text = JSON.writerWithDefaultPrettyPrinter().writeValueAsString(report);
    System.out.println(text);
    if (opts.containsKey("out")) Files.writeString(Path.of(opts.get("out")), text + "\n");
  }

  private static Map<String, String> options(String[] args) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      if (!args[i].startsWith("--")) throw new IllegalArgumentException("unexpected " + args[i]);
      m.put(args[i].substring(2), args[i + 1]);
    }
    return m;
  }
}
