import com.sun.net.httpserver.HttpServer;
import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The crash test of issue 14 for a node: two server nodes on one PostgreSQL, 8 clients pushing
 * releases through both (each client sends its commands to the nodes in turn, as a round-robin
 * balancer would), and every product has a webhook subscription to a receiver in this process.
 * In the middle of the load node B is killed with SIGKILL; the clients go on through both (what
 * goes to B fails) for a few more seconds. Then, on node A:
 *
 * <ul>
 *   <li>every command whose 2xx answer a client received survived: each release's revision is at
 *       least the one it was answered with, whichever node answered;
 *   <li>the audit chain verifies;
 *   <li>no delivery is lost: every row of the outbox is delivered (node A takes over what B had
 *       leased once its lease ends) and the receiver got each one;
 *   <li>none is doubled beyond what the crash allows: a message B sent but could not record as
 *       sent goes again, with the same {@code webhook-id} (receivers drop repeats by it); so the
 *       repeats are at most a batch of each subscription whose lease was held when B died, and
 *       every other message arrived once.
 * </ul>
 *
 * Exits 1 when any of it fails. Runs from source: {@code java bench/crash/TwoNodeCrashTest.java
 * <server jar> <jdbc url> <user>} (a fresh database; psql must reach it as that user, to read the
 * outbox). .ci/run runs it after the single-node crash test.
 */
public class TwoNodeCrashTest {
  static final String ADMIN = "nodes-crash-admin-token-8c2e4a6f1b3d5e7a90";
  static final int CLIENTS = 8;
  static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  static final Pattern REVISION = Pattern.compile("\"revision\":(\\d+)");
  static final Pattern ID = Pattern.compile("\"id\":\"([0-9a-f-]{36})\"");
  static final Pattern TOKEN = Pattern.compile("\"token\":\"([^\"]+)\"");
  static final String LABEL = "[two-node crash]";
  // the rows of the test's webhook subscriptions (not the default ones, e.g. email to stakeholders,
  // which has no SMTP server here and goes dead at once)
  static final String WEBHOOKS =
      " where subscription_id in (select id from notify_subscriptions where not is_default)";

  public static void main(String[] args) throws Exception {
    if (args.length < 3) {
      System.err.println("usage: TwoNodeCrashTest <server jar> <jdbc url> <user>");
      System.exit(2);
    }
    String jar = args[0];
    String url = args[1];
    String user = args[2];
    long loadMillis = Long.parseLong(System.getenv().getOrDefault("CRASH_LOAD_SECONDS", "8")) * 1000;
    Path work = Files.createTempDirectory("tollgate-two-node-crash");

    // the keys both nodes share, as several nodes must
    Path auditKey = work.resolve("audit-key.pem");
    byte[] pkcs8 = KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPrivate().getEncoded();
    Files.writeString(
        auditKey,
        "-----BEGIN PRIVATE KEY-----\n"
            + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(pkcs8)
            + "\n-----END PRIVATE KEY-----\n");
    Files.setPosixFilePermissions(auditKey, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
    byte[] secret = new byte[32];
    new SecureRandom().nextBytes(secret);

    Map<String, String> env = new java.util.HashMap<>();
    env.put("TOLLGATE_DB_URL", url);
    env.put("TOLLGATE_DB_USER", user);
    env.put("TOLLGATE_BOOTSTRAP_ADMIN_TOKEN", ADMIN);
    env.put("TOLLGATE_AUDIT_KEY_FILE", auditKey.toString());
    env.put("TOLLGATE_SECRET_KEY", Base64.getEncoder().encodeToString(secret));
    // what the dead node had claimed goes again after 5 s, not the default 2 minutes
    env.put("TOLLGATE_NOTIFY_LEASE", "PT5S");
    env.put("TOLLGATE_NOTIFY_BACKOFF_BASE", "PT0.5S");

    try (Receiver receiver = new Receiver()) {
      Node a = Node.start("a", jar, env, work);
      Node b = Node.start("b", jar, env, work);
      try {
        run(a, b, receiver, url, user, loadMillis, work);
      } finally {
        a.stop();
        b.stop();
      }
    }
    try (var files = Files.walk(work)) {
      files.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
    }
  }

  static void run(Node a, Node b, Receiver receiver, String url, String user, long loadMillis, Path work)
      throws Exception {
    String[] bases = {a.base, b.base};
    String[] products = new String[CLIENTS];
    String rm = issue(a.base, "crash-rm", "release-manager");
    String qa = issue(a.base, "crash-qa", "qa-lead");
    for (int i = 0; i < CLIENTS; i++) {
      products[i] = "crash-" + i;
      check(call(a.base, ADMIN, "POST", "/api/v1/products", "{\"key\":\"" + products[i] + "\",\"name\":\"Crash " + i + "\"}"), 201);
      for (String[] m : List.of(new String[] {"crash-rm", "release-manager"}, new String[] {"crash-qa", "qa-lead"})) {
        check(call(a.base, ADMIN, "PUT", "/api/v1/products/" + products[i] + "/members/" + m[0], "{\"roles\":[\"" + m[1] + "\"]}"), 200);
      }
      check(call(b.base, rm, "POST", "/api/v1/products/" + products[i] + "/subscriptions",
          "{\"events\":[\"*\"],\"channel\":{\"kind\":\"webhook\",\"url\":\"" + receiver.url("/" + products[i]) + "\"}}"), 201);
    }

    Map<String, Long> acknowledged = new ConcurrentHashMap<>();
    AtomicBoolean stop = new AtomicBoolean();
    AtomicLong commands = new AtomicLong();
    AtomicLong[] byNode = {new AtomicLong(), new AtomicLong()};
    List<Thread> clients = new ArrayList<>();
    for (int i = 0; i < CLIENTS; i++) {
      String product = products[i];
      int first = i % 2;
      Thread t =
          new Thread(
              () -> {
                int turn = first;
                while (!stop.get()) {
                  try {
                    int n = turn++ % 2;
                    HttpResponse<String> created = call(bases[n], rm, "POST", "/api/v1/products/" + product + "/releases", "{\"type\":\"minor\"}");
                    if (created.statusCode() != 201) continue;
                    String id = group(ID, created.body());
                    ack(acknowledged, id, created.body(), commands, byNode[n]);
                    String r = "/api/v1/releases/" + id;
                    n = turn++ % 2;
                    ack(acknowledged, id, call(bases[n], qa, "POST", r + "/requirements/acceptance-criteria/meet", "{\"evidence\":{\"url\":\"https://ci.example/1\"}}"), commands, byNode[n]);
                    n = turn++ % 2;
                    ack(acknowledged, id, call(bases[n], rm, "PUT", r + "/notes", "{\"summary\":\"crash test\",\"notableChanges\":[\"one\"]}"), commands, byNode[n]);
                    n = turn++ % 2;
                    ack(acknowledged, id, call(bases[n], rm, "POST", r + "/steps/schedule-window/complete", "{\"note\":\"booked\"}"), commands, byNode[n]);
                  } catch (IOException | RuntimeException e) {
                    // that node is gone (or going): nothing was acknowledged; on to the next release
                  } catch (InterruptedException e) {
                    return;
                  }
                }
              },
              "crash-client-" + i);
      t.start();
      clients.add(t);
    }
    Thread.sleep(loadMillis);
    b.process.destroyForcibly(); // SIGKILL
    b.process.waitFor();
    // what B held claimed when it died, the most that may be sent twice: a sender holds a
    // subscription's lease and sends at most a batch (100) of its oldest pending rows; counted for
    // every lease held at that moment, A's too (a bound, not an exact count)
    long claimedByTheDead = Long.parseLong(psql(url, user,
        "select coalesce(sum(least(100, (select count(*) from notify_deliveries d"
            + " where d.subscription_id = l.subscription_id and d.status = 'pending'))), 0)"
            + " from notify_leases l where l.claimed_until > now() and l.subscription_id in"
            + " (select id from notify_subscriptions where not is_default)"));
    long ackedAtKill = commands.get();
    Thread.sleep(4000); // the clients go on through both nodes; A answers, B refuses connections
    stop.set(true);
    for (Thread t : clients) t.join(15_000);
    System.out.printf("%s killed node B with SIGKILL after %d acknowledged commands; %d in all (A %d, B %d) on %d releases%n",
        LABEL, ackedAtKill, commands.get(), byNode[0].get(), byNode[1].get(), acknowledged.size());

    boolean ok = true;
    int lost = 0;
    for (Map.Entry<String, Long> e : acknowledged.entrySet()) {
      HttpResponse<String> read = call(a.base, rm, "GET", "/api/v1/releases/" + e.getKey(), null);
      long revision = read.statusCode() == 200 ? Long.parseLong(group(REVISION, read.body())) : -1;
      if (revision < e.getValue()) {
        lost++;
        System.out.printf("%s LOST: release %s answered revision %d, now %d (%d)%n", LABEL, e.getKey(), e.getValue(), revision, read.statusCode());
      }
    }
    HttpResponse<String> verify = call(a.base, ADMIN, "GET", "/api/v1/audit/verify", null);
    boolean chainOk = verify.statusCode() == 200 && verify.body().contains("\"ok\":true");
    System.out.printf("%s %d of %d releases lost acknowledged commands; audit verify: %s%n", LABEL, lost, acknowledged.size(), verify.body());
    ok &= lost == 0 && chainOk && byNode[0].get() > 0 && byNode[1].get() > 0;

    // the outbox: every row delivered (A takes B's claims over after the lease), each received
    long deadline = System.currentTimeMillis() + 90_000;
    String pending;
    while (!(pending = psql(url, user, "select count(*) from notify_deliveries" + WEBHOOKS + " and status <> 'delivered'")).equals("0")
        && System.currentTimeMillis() < deadline) {
      Thread.sleep(500);
    }
    long rows = Long.parseLong(psql(url, user, "select count(*) from notify_deliveries" + WEBHOOKS));
    long received = receiver.distinct();
    long repeats = receiver.total() - received;
    System.out.printf("%s outbox: %d rows, %s not delivered; receiver: %d distinct messages, %d repeats (at most %d allowed: a batch of each subscription whose lease was held when B was killed)%n",
        LABEL, rows, pending, received, repeats, claimedByTheDead);
    ok &= pending.equals("0") && received == rows && repeats <= claimedByTheDead && rows > 0;
    if (!ok) {
      System.out.printf("%s FAILED; the nodes' logs are in %s%n", LABEL, work);
      a.stop();
      System.exit(1);
    }
    System.out.printf("%s passed%n", LABEL);
  }

  /** A server node: its process and address. */
  record Node(String name, Process process, String base, Path log) {
    static Node start(String name, String jar, Map<String, String> env, Path work) throws Exception {
      int port;
      try (ServerSocket s = new ServerSocket(0)) {
        port = s.getLocalPort();
      }
      Path data = Files.createDirectories(work.resolve("node-" + name));
      Path log = work.resolve("node-" + name + ".log");
      ProcessBuilder pb =
          new ProcessBuilder("java", "-Xmx512m", "-XX:TieredStopAtLevel=1", "-jar", jar)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
      pb.environment().putAll(env);
      pb.environment().put("TOLLGATE_DATA_DIR", data.toString());
      pb.environment().put("TOLLGATE_PORT", String.valueOf(port));
      pb.environment().put("SERVER_ADDRESS", "127.0.0.1");
      pb.environment().put("TOLLGATE_AUTOMATION_NODE_NAME", "crash-node-" + name);
      Process p = pb.start();
      String base = "http://127.0.0.1:" + port;
      long deadline = System.currentTimeMillis() + 120_000;
      while (System.currentTimeMillis() < deadline) {
        if (!p.isAlive()) throw new IllegalStateException("node " + name + " stopped; see " + log);
        try {
          if (call(base, null, "GET", "/actuator/health/readiness", null).statusCode() == 200) {
            return new Node(name, p, base, log);
          }
        } catch (IOException e) {
          // not yet listening
        }
        Thread.sleep(200);
      }
      p.destroyForcibly();
      throw new IllegalStateException("node " + name + " did not start in 120 s; see " + log);
    }

    void stop() throws InterruptedException {
      if (!process.isAlive()) return;
      process.destroy();
      if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) process.destroyForcibly().waitFor();
    }
  }

  /** Webhook receiver: counts each message by its webhook-id, answers 204. */
  static final class Receiver implements AutoCloseable {
    final HttpServer server;
    final Map<String, AtomicInteger> byId = new ConcurrentHashMap<>();

    Receiver() throws IOException {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(8));
      server.createContext("/", exchange -> {
        exchange.getRequestBody().readAllBytes();
        String id = exchange.getRequestHeaders().getFirst("webhook-id");
        if (id != null) byId.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
        exchange.sendResponseHeaders(204, -1);
        exchange.close();
      });
      server.start();
    }

    String url(String path) {
      return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    long distinct() {
      return byId.size();
    }

    long total() {
      return byId.values().stream().mapToLong(AtomicInteger::get).sum();
    }

    @Override
    public void close() {
      server.stop(0);
      ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
  }

  static String psql(String jdbcUrl, String user, String sql) throws Exception {
    String hostPortDb = jdbcUrl.substring("jdbc:postgresql://".length());
    String hostPort = hostPortDb.substring(0, hostPortDb.indexOf('/'));
    String db = hostPortDb.substring(hostPortDb.indexOf('/') + 1).split("\\?")[0];
    String host = hostPort.contains(":") ? hostPort.substring(0, hostPort.indexOf(':')) : hostPort;
    String port = hostPort.contains(":") ? hostPort.substring(hostPort.indexOf(':') + 1) : "5432";
    Process p = new ProcessBuilder("psql", "-h", host, "-p", port, "-U", user, "-d", db, "-Atqc", sql)
        .redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    if (p.waitFor() != 0) throw new IllegalStateException("psql failed: " + out);
    return out;
  }

  static void ack(Map<String, Long> acknowledged, String id, HttpResponse<String> answer, AtomicLong commands, AtomicLong node) {
    if (answer.statusCode() / 100 == 2) ack(acknowledged, id, answer.body(), commands, node);
  }

  static void ack(Map<String, Long> acknowledged, String id, String body, AtomicLong commands, AtomicLong node) {
    long revision = Long.parseLong(group(REVISION, body));
    acknowledged.merge(id, revision, Math::max);
    commands.incrementAndGet();
    node.incrementAndGet();
  }

  static String issue(String base, String username, String role) throws Exception {
    check(call(base, ADMIN, "POST", "/api/v1/users", "{\"username\":\"" + username + "\",\"displayName\":\"" + role + "\"}"), 201);
    return group(TOKEN, check(call(base, ADMIN, "POST", "/api/v1/users/" + username + "/tokens", "{\"name\":\"crash\"}"), 201).body());
  }

  static HttpResponse<String> call(String base, String token, String method, String path, String body)
      throws IOException, InterruptedException {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10));
    if (token != null) b.header("Authorization", "Bearer " + token);
    if (body != null) b.header("Content-Type", "application/json");
    b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  static HttpResponse<String> check(HttpResponse<String> r, int status) {
    if (r.statusCode() != status) throw new IllegalStateException("expected " + status + ": " + r.statusCode() + " " + r.body());
    return r;
  }

  static String group(Pattern p, String text) {
    Matcher m = p.matcher(text);
    if (!m.find()) throw new IllegalStateException(p + " not in " + text);
    return m.group(1);
  }
}
