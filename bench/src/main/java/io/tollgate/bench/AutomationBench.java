package io.tollgate.bench;

import static io.tollgate.bench.Flow.json;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.HdrHistogram.Histogram;
import tools.jackson.databind.JsonNode;

/**
 * The cost of N concurrent automated deployments on one server: each release's {@code
 * deploy-staging} is started through a webhook executor whose receiver (this program) answers 202
 * at once and reports success on the callback only once all N deployments wait and a fixed delay
 * has passed. While they wait it reads the server's live threads and heap from {@code
 * /actuator/prometheus}; then it times every callback. The callback answers after the step was
 * completed (the server completes it before answering), so its latency is callback → step
 * completed.
 *
 * <pre>
 * java -cp bench/target/tollgate-bench.jar io.tollgate.bench.AutomationBench \
 *     --base-url http://127.0.0.1:8080 --admin-token … --n 1,100,1000 --delay-ms 2000
 * </pre>
 */
public final class AutomationBench {
  private AutomationBench() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> opts = new LinkedHashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2)
      opts.put(args[i].replaceFirst("^--", ""), args[i + 1]);
    String base = opts.getOrDefault("base-url", "http://127.0.0.1:8080");
    String admin = opts.getOrDefault("admin-token", System.getenv("TOLLGATE_BENCH_ADMIN_TOKEN"));
    long delayMs = Long.parseLong(opts.getOrDefault("delay-ms", "2000"));
    int clients = Integer.parseInt(opts.getOrDefault("clients", "16"));
    // the callbacks go this many at a time whatever N is, so every round times the same thing
    int callbackClients = Integer.parseInt(opts.getOrDefault("callback-clients", "1"));
    List<Integer> sizes = new ArrayList<>();
    for (String n : opts.getOrDefault("n", "1,100,1000").split(","))
      sizes.add(Integer.parseInt(n.strip()));
    if (admin == null || admin.isBlank()) {
      System.err.println("--admin-token (or TOLLGATE_BENCH_ADMIN_TOKEN) is required");
      System.exit(2);
    }
    Http http = new Http(base);
    ErrorSamples errors = new ErrorSamples();
    Flow flow = Flow.setUp(http, errors, admin);
    Receiver receiver = new Receiver();
    try {
      String secret = "whsec_" + java.util.Base64.getEncoder().encodeToString(new byte[32]);
      Http.Response configured =
          http.call(
              http.send(
                  "PUT",
                  "/api/v1/products/" + flow.product + "/environments/staging/automation",
                  flow.tokens.get(Flow.DEVOPS),
                  json(
                      Map.of(
                          "executor",
                          Map.of("kind", "webhook", "url", receiver.url(), "secret", secret)))));
      require(configured, "configure staging");
      System.out.printf(
          "%6s %12s %12s %12s %10s %10s %12s%n",
          "N", "cb p50 ms", "cb p99 ms", "cb max ms", "threads0", "threadsN", "heapN MB");
      for (int n : sizes) {
        Result r = round(http, flow, receiver, n, delayMs, clients, callbackClients, admin);
        System.out.printf(
            "%6d %12.2f %12.2f %12.2f %10.0f %10.0f %12.1f%n",
            n, r.p50, r.p99, r.max, r.threadsBefore, r.threadsWaiting, r.heapWaitingMb);
      }
      for (String e : errors.all()) System.out.println("error: " + e);
    } finally {
      receiver.close();
    }
  }

  record Result(
      double p50,
      double p99,
      double max,
      double threadsBefore,
      double threadsWaiting,
      double heapWaitingMb) {}

  static Result round(
      Http http,
      Flow flow,
      Receiver receiver,
      int n,
      long delayMs,
      int clients,
      int callbackClients,
      String admin)
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    ExecutorService callbacks = Executors.newFixedThreadPool(callbackClients);
    try {
      // N releases, each ready for deploy-staging
      List<String> releases = new java.util.concurrent.CopyOnWriteArrayList<>();
      run(
          pool,
          n,
          i -> {
            Http.Response planned =
                http.call(
                    http.send(
                        "POST",
                        "/api/v1/products/" + flow.product + "/releases",
                        flow.tokens.get(Flow.RELEASE_MANAGER),
                        json(Map.of("type", "patch"))));
            require(planned, "plan");
            String id = Flow.field(planned.body(), "id");
            complete(http, id, "schedule-window", flow.tokens.get(Flow.RELEASE_MANAGER));
            complete(http, id, "backup", flow.tokens.get(Flow.DEVOPS));
            complete(http, id, "quality-gate", flow.tokens.get(Flow.QA_LEAD));
            releases.add(id);
          });
      double threadsBefore = metric(http, admin, "jvm_threads_live_threads");
      receiver.expect(n);
      run(
          pool,
          n,
          i ->
              require(
                  http.call(
                      http.send(
                          "POST",
                          "/api/v1/releases/" + releases.get(i) + "/steps/deploy-staging/start",
                          flow.tokens.get(Flow.DEVOPS),
                          null)),
                  "start"));
      if (!receiver.allReceived.await(10, TimeUnit.MINUTES))
        throw new IllegalStateException("not all webhooks arrived");
      Thread.sleep(delayMs); // the pipeline's fixed delay: all N deployments wait meanwhile
      double threadsWaiting = metric(http, admin, "jvm_threads_live_threads");
      double heap = metric(http, admin, "jvm_memory_used_bytes{area=\"heap\"") / (1024 * 1024);
      Histogram latency = new Histogram(60_000_000_000L, 3);
      List<Receiver.Hook> hooks = receiver.drain();
      run(
          callbacks,
          hooks.size(),
          i -> {
            Receiver.Hook h = hooks.get(i);
            Http.Response r =
                http.call(
                    new Http.Request(
                        "POST",
                        java.net.URI.create(h.callbackUrl()).toURL(),
                        h.token(),
                        json(Map.of("status", "succeeded")).getBytes(StandardCharsets.UTF_8),
                        "application/json"));
            require(r, "callback");
            synchronized (latency) {
              latency.recordValue(r.nanos());
            }
          });
      return new Result(
          latency.getValueAtPercentile(50) / 1e6,
          latency.getValueAtPercentile(99) / 1e6,
          latency.getMaxValue() / 1e6,
          threadsBefore,
          threadsWaiting,
          heap);
    } finally {
      pool.shutdownNow();
      callbacks.shutdownNow();
    }
  }

  interface Task {
    void run(int i) throws Exception;
  }

  static void run(ExecutorService pool, int n, Task task) throws InterruptedException {
    CountDownLatch done = new CountDownLatch(n);
    AtomicInteger failed = new AtomicInteger();
    for (int i = 0; i < n; i++) {
      int index = i;
      pool.execute(
          () -> {
            try {
              task.run(index);
            } catch (Exception | Error e) {
              if (failed.getAndIncrement() == 0) e.printStackTrace();
            } finally {
              done.countDown();
            }
          });
    }
    done.await();
    if (failed.get() > 0)
      throw new IllegalStateException(failed.get() + " of " + n + " calls failed");
  }

  static void complete(Http http, String release, String step, String token) {
    require(
        http.call(
            http.send(
                "POST",
                "/api/v1/releases/" + release + "/steps/" + step + "/complete",
                token,
                json(Map.of("note", "bench")))),
        "complete " + step);
  }

  /** The sum of a metric's samples whose line starts with {@code prefix}. */
  static double metric(Http http, String admin, String prefix) {
    Http.Response r = http.call(http.getText("/actuator/prometheus", admin));
    double sum = 0;
    for (String line : r.text().split("\n")) {
      if (line.startsWith(prefix))
        sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
    }
    return sum;
  }

  static void require(Http.Response r, String what) {
    if (!r.ok()) throw new IllegalStateException(what + ": " + r.status() + " " + r.text());
  }

  /** The pipeline: takes each webhook at once (202) and keeps its callback for later. */
  static final class Receiver implements AutoCloseable {
    record Hook(String callbackUrl, String token) {}

    private final HttpServer server;
    private final java.util.concurrent.ExecutorService threads = Executors.newFixedThreadPool(4);
    private final ConcurrentLinkedQueue<Hook> hooks = new ConcurrentLinkedQueue<>();
    volatile CountDownLatch allReceived = new CountDownLatch(0);

    Receiver() throws IOException {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 1024);
      server.setExecutor(threads);
      server.createContext(
          "/deploy",
          exchange -> {
            JsonNode body = Flow.JSON.readTree(exchange.getRequestBody().readAllBytes());
            JsonNode callback = body.path("data").path("callback");
            hooks.add(new Hook(callback.path("url").asString(), callback.path("token").asString()));
            exchange.sendResponseHeaders(202, -1);
            exchange.close();
            allReceived.countDown();
          });
      server.start();
    }

    String url() {
      return "http://127.0.0.1:" + server.getAddress().getPort() + "/deploy";
    }

    void expect(int n) {
      hooks.clear();
      allReceived = new CountDownLatch(n);
    }

    List<Hook> drain() {
      List<Hook> all = new ArrayList<>(hooks);
      hooks.clear();
      return all;
    }

    @Override
    public void close() {
      server.stop(0);
      threads.shutdownNow(); // else its threads keep the driver's JVM alive after the report
    }
  }
}
