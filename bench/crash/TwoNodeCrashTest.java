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
 * Beside them 4 clients take releases of other products to {@code deploy-staging} and start it,
 * staging being automated by a webhook pipeline in this process ({@link DeployLoad}, {@link
 * Pipeline}). In the middle of the load node B is killed with SIGKILL, while it waits for the
 * pipeline's answer to a deployment request if one comes within 5 s; the clients go on through
 * both (what goes to B fails) for a few more seconds. Then, on node A:
 *
 * <ul>
 *   <li>every command whose 2xx answer a client received survived: each release's revision is at
 *       least the one it was answered with, whichever node answered;
 *   <li>no delivery is lost: every row of the outbox is delivered (node A takes over what B had
 *       leased once its lease ends) and the receiver got each one;
 *   <li>none is doubled beyond what the crash allows: a message B sent but could not record as
 *       sent goes again, with the same {@code webhook-id} (receivers drop repeats by it); so the
 *       repeats are at most a batch of each subscription whose lease was held when B died, and
 *       every other message arrived once;
 *   <li>no automation job is lost or run twice beyond what the crash allows: every deployment in
 *       the database (each one answered 202 among them) ended {@code succeeded}, settled and
 *       followed up, its step {@code done} by {@code system}; one deployment per release; no row
 *       is left in {@code scheduled_tasks}; the pipeline got a request for each deployment, and a
 *       second one (same {@code webhook-id}) only for a deployment whose dispatch job node B held
 *       (picked) when it died, never a third;
 *   <li>the audit chain verifies (after the jobs completed their steps).
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
    // a dead node's automation jobs are run again after 4 s (db-scheduler takes no fewer than 4
    // missed heartbeats), not the default minute
    env.put("TOLLGATE_AUTOMATION_HEARTBEAT_INTERVAL", "PT1S");
    env.put("TOLLGATE_AUTOMATION_MISSED_HEARTBEATS", "4");
    env.put("TOLLGATE_AUTOMATION_POLLING_INTERVAL", "PT0.2S");

    try (Receiver receiver = new Receiver();
        Pipeline pipeline = new Pipeline()) {
      Node a = Node.start("a", jar, env, work);
      Node b = Node.start("b", jar, env, work);
      try {
        run(a, b, receiver, pipeline, url, user, loadMillis, work);
      } finally {
        a.stop();
        b.stop();
      }
    }
    try (var files = Files.walk(work)) {
      files.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
    }
  }

  static void run(Node a, Node b, Receiver receiver, Pipeline pipeline, String url, String user, long loadMillis,
      Path work) throws Exception {
    String[] bases = {a.base, b.base};
    pipeline.bases = bases;
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

    DeployLoad deploys = new DeployLoad(bases, rm, qa, pipeline);

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
    for (int i = 0; i < DeployLoad.CLIENTS; i++) {
      clients.add(deploys.client(i, stop, acknowledged, commands, byNode));
    }
    Thread.sleep(loadMillis);
    // B dies, if it comes within 5 s, while it waits for the pipeline's answer to a deployment
    boolean inFlight = pipeline.awaitInFlightFrom(b.base, 5000);
    pipeline.killed(b.base);
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
    deploys.atKill(url, user);
    long ackedAtKill = commands.get();
    Thread.sleep(4000); // the clients go on through both nodes; A answers, B refuses connections
    stop.set(true);
    for (Thread t : clients) t.join(15_000);
    System.out.printf("%s killed node B with SIGKILL after %d acknowledged commands (%s); %d in all (A %d, B %d) on %d releases%n",
        LABEL, ackedAtKill, inFlight ? "with a deployment request in flight" : "no deployment request of B's in flight",
        commands.get(), byNode[0].get(), byNode[1].get(), acknowledged.size());

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
    System.out.printf("%s %d of %d releases lost acknowledged commands%n", LABEL, lost, acknowledged.size());
    ok &= lost == 0 && byNode[0].get() > 0 && byNode[1].get() > 0;

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

    // the automation jobs: every deployment ends on A, none lost, none asked twice beyond the crash
    ok &= deploys.verify(a.base, url, user, pipeline);

    // the chain, with what the jobs did after the kill (steps completed by system)
    HttpResponse<String> verify = call(a.base, ADMIN, "GET", "/api/v1/audit/verify", null);
    boolean chainOk = verify.statusCode() == 200 && verify.body().contains("\"ok\":true");
    System.out.printf("%s audit verify: %s%n", LABEL, verify.body());
    ok &= chainOk;
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

/**
 * The automation part of the two-node crash test: products whose {@code staging} is deployed by a
 * webhook pipeline ({@link Pipeline}, in this process), and clients that take releases to their
 * deploy step and start it ({@code POST …/steps/deploy-staging/start}, 202 with the deployment),
 * each command through the nodes in turn, while the release load runs. What node B held when it was
 * killed is read at once; after the load every deployment must end and settle on node A.
 */
final class DeployLoad {
  static final int CLIENTS = 4;
  static final Pattern STATUS = Pattern.compile("\"status\":\"([a-z-]+)\"");
  static final Pattern STEP =
      Pattern.compile("\"key\":\"deploy-staging\"[^{}]*?\"status\":\"([a-z-]+)\"[^{}]*?\"by\":\"?([^\",]*)");
  final String[] bases;
  final String rm;
  final String qa;
  final String devops;
  final String[] products = new String[CLIENTS];
  /** every deployment a client got a 202 for → its release */
  final Map<String, String> started = new ConcurrentHashMap<>();
  final AtomicLong[] startedByNode = {new AtomicLong(), new AtomicLong()};
  /** the deployments whose dispatch job node B held (picked) when it was killed */
  final java.util.Set<String> heldByTheDead = ConcurrentHashMap.newKeySet();
  long jobsHeldByTheDead;

  /** Products with staging automation (configured through node B), the devops person. */
  DeployLoad(String[] bases, String rm, String qa, Pipeline pipeline) throws Exception {
    this.bases = bases;
    this.rm = rm;
    this.qa = qa;
    this.devops = TwoNodeCrashTest.issue(bases[0], "crash-devops", "devops");
    for (int i = 0; i < CLIENTS; i++) {
      products[i] = "crash-deploy-" + i;
      TwoNodeCrashTest.check(TwoNodeCrashTest.call(bases[0], TwoNodeCrashTest.ADMIN, "POST", "/api/v1/products",
          "{\"key\":\"" + products[i] + "\",\"name\":\"Crash deploy " + i + "\"}"), 201);
      for (String[] m : List.of(new String[] {"crash-rm", "release-manager"}, new String[] {"crash-qa", "qa-lead"},
          new String[] {"crash-devops", "devops"})) {
        TwoNodeCrashTest.check(TwoNodeCrashTest.call(bases[0], TwoNodeCrashTest.ADMIN, "PUT",
            "/api/v1/products/" + products[i] + "/members/" + m[0], "{\"roles\":[\"" + m[1] + "\"]}"), 200);
      }
      TwoNodeCrashTest.check(TwoNodeCrashTest.call(bases[1], devops, "PUT",
          "/api/v1/products/" + products[i] + "/environments/staging/automation",
          "{\"executor\":{\"kind\":\"webhook\",\"url\":\"" + pipeline.url() + "\",\"secret\":\"" + pipeline.secret + "\"}}"), 200);
    }
  }

  /**
   * Client {@code i}: plans a release, completes what comes before deploy-staging (each command's
   * answer counted as the release load's are), starts the deploy; every call to the next node.
   */
  Thread client(int i, AtomicBoolean stop, Map<String, Long> acknowledged, AtomicLong commands, AtomicLong[] byNode) {
    String product = products[i];
    Thread t = new Thread(() -> {
      int turn = i % 2;
      while (!stop.get()) {
        try {
          int n = turn++ % 2;
          HttpResponse<String> created = TwoNodeCrashTest.call(bases[n], rm, "POST", "/api/v1/products/" + product + "/releases", "{\"type\":\"minor\"}");
          if (created.statusCode() != 201) continue;
          String id = TwoNodeCrashTest.group(TwoNodeCrashTest.ID, created.body());
          TwoNodeCrashTest.ack(acknowledged, id, created.body(), commands, byNode[n]);
          String r = "/api/v1/releases/" + id;
          String[][] before = {{rm, "schedule-window", "booked"}, {devops, "backup", "snapshot"}, {qa, "quality-gate", "signed off"}};
          for (String[] s : before) {
            n = turn++ % 2;
            TwoNodeCrashTest.ack(acknowledged, id, TwoNodeCrashTest.call(bases[n], s[0], "POST", r + "/steps/" + s[1] + "/complete", "{\"note\":\"" + s[2] + "\"}"), commands, byNode[n]);
          }
          n = turn++ % 2;
          HttpResponse<String> start = TwoNodeCrashTest.call(bases[n], devops, "POST", r + "/steps/deploy-staging/start", null);
          if (start.statusCode() == 202) {
            started.put(TwoNodeCrashTest.group(TwoNodeCrashTest.ID, start.body()), id);
            startedByNode[n].incrementAndGet();
          }
        } catch (IOException | RuntimeException e) {
          // that node is gone (or going): nothing was acknowledged; on to the next release
        } catch (InterruptedException e) {
          return;
        }
      }
    }, "crash-deployer-" + i);
    t.start();
    return t;
  }

  /** Right after the kill: the jobs node B held, among them the dispatches it may have sent. */
  void atKill(String url, String user) throws Exception {
    String picked = "from scheduled_tasks where picked and picked_by = 'crash-node-b'";
    jobsHeldByTheDead = Long.parseLong(TwoNodeCrashTest.psql(url, user, "select count(*) " + picked));
    String dispatches = TwoNodeCrashTest.psql(url, user, "select task_instance " + picked + " and task_name = 'deployment-dispatch'");
    for (String instance : dispatches.lines().filter(l -> !l.isBlank()).toList()) {
      heldByTheDead.add(instance.substring(0, instance.lastIndexOf(':')));
    }
  }

  /**
   * On node A, once the jobs are done: every deployment (acknowledged or not) succeeded, settled,
   * followed up, its step done by {@code system}; one deployment per release; the pipeline was
   * asked for each; no job row is left; repeats only as the crash allows.
   */
  boolean verify(String a, String url, String user, Pipeline pipeline) throws Exception {
    String open = "select count(*) from automated_deployments where status <> 'succeeded' or not settled or not followed_up";
    long deadline = System.currentTimeMillis() + 60_000;
    while (!(TwoNodeCrashTest.psql(url, user, open).equals("0")
            && TwoNodeCrashTest.psql(url, user, "select count(*) from scheduled_tasks").equals("0"))
        && System.currentTimeMillis() < deadline) {
      Thread.sleep(500);
    }
    boolean ok = true;
    String unended = TwoNodeCrashTest.psql(url, user,
        "select id || ' ' || status || ' settled=' || settled || ' followed_up=' || followed_up"
            + " from automated_deployments where status <> 'succeeded' or not settled or not followed_up");
    String jobsLeft = TwoNodeCrashTest.psql(url, user,
        "select task_name || ' ' || task_instance || ' picked_by=' || coalesce(picked_by, '-') || ' at ' || execution_time from scheduled_tasks");
    for (String line : (unended + "\n" + jobsLeft).lines().filter(l -> !l.isBlank()).toList()) {
      System.out.printf("%s NOT DONE: %s%n", TwoNodeCrashTest.LABEL, line);
      ok = false;
    }
    // every deployment there is → its release (those whose 202 the kill lost among them)
    Map<String, String> inDatabase = new java.util.HashMap<>();
    for (String row : TwoNodeCrashTest.psql(url, user, "select id || ' ' || release_id from automated_deployments").lines().filter(l -> !l.isBlank()).toList()) {
      inDatabase.put(row.substring(0, row.indexOf(' ')), row.substring(row.indexOf(' ') + 1));
    }
    long doubled = Long.parseLong(TwoNodeCrashTest.psql(url, user,
        "select count(*) from (select release_id from automated_deployments group by release_id having count(*) > 1) r"));
    for (Map.Entry<String, String> e : started.entrySet()) {
      if (!e.getValue().equals(inDatabase.get(e.getKey()))) {
        System.out.printf("%s LOST: deployment %s was answered 202 and is not in the database%n", TwoNodeCrashTest.LABEL, e.getKey());
        ok = false;
      }
    }
    for (String d : inDatabase.keySet()) {
      HttpResponse<String> read = TwoNodeCrashTest.call(a, devops, "GET", "/api/v1/deployments/" + d, null);
      String status = read.statusCode() == 200 ? TwoNodeCrashTest.group(STATUS, read.body()) : "HTTP " + read.statusCode();
      Matcher step = STEP.matcher(TwoNodeCrashTest.call(a, rm, "GET", "/api/v1/releases/" + inDatabase.get(d), null).body());
      String stepState = step.find() ? step.group(1) + " by " + step.group(2) : "not found";
      if (!status.equals("succeeded") || !stepState.equals("done by system")) {
        System.out.printf("%s deployment %s: %s, its step %s%n", TwoNodeCrashTest.LABEL, d, status, stepState);
        ok = false;
      }
    }
    // the pipeline was asked for every deployment there is, and for no other
    long notAsked = inDatabase.keySet().stream().filter(d -> !pipeline.requests.containsKey(d)).count();
    long unknown = pipeline.requests.keySet().stream().filter(d -> !inDatabase.containsKey(d)).count();
    // a repeat (same webhook-id) only of a dispatch node B held when it died, and at most once
    long repeats = 0;
    long repeatsNotAllowed = 0;
    for (Map.Entry<String, AtomicInteger> e : pipeline.requests.entrySet()) {
      int n = e.getValue().get();
      repeats += n - 1;
      if (n > 2 || (n == 2 && !heldByTheDead.contains(e.getKey()))) {
        repeatsNotAllowed++;
        System.out.printf("%s DOUBLED: deployment %s was requested %d times (node B %s its dispatch)%n",
            TwoNodeCrashTest.LABEL, e.getKey(), n, heldByTheDead.contains(e.getKey()) ? "held" : "did not hold");
      }
    }
    System.out.printf("%s deployments: %d started with 202 (through A %d, B %d), %d in the database (%d whose answer the kill lost), %d releases with more than one;"
            + " all succeeded, settled and followed up: %s; node B held %d jobs when killed (%d dispatches)%n",
        TwoNodeCrashTest.LABEL, started.size(), startedByNode[0].get(), startedByNode[1].get(), inDatabase.size(),
        inDatabase.keySet().stream().filter(d -> !started.containsKey(d)).count(), doubled, ok, jobsHeldByTheDead, heldByTheDead.size());
    System.out.printf("%s pipeline: %d deployment.requested for %d deployments, %d repeats (allowed: one each for the %d dispatches node B held), %d not asked, %d unknown, %d bad signatures, %d callbacks refused%n",
        TwoNodeCrashTest.LABEL, repeats + pipeline.requests.size(), pipeline.requests.size(), repeats, heldByTheDead.size(),
        notAsked, unknown, pipeline.badSignatures.get(), pipeline.refused.size());
    pipeline.refused.forEach((d, why) -> System.out.printf("%s callback of %s refused: %s%n", TwoNodeCrashTest.LABEL, d, why));
    return ok && doubled == 0 && notAsked == 0 && unknown == 0 && repeatsNotAllowed == 0
        && pipeline.badSignatures.get() == 0 && pipeline.refused.isEmpty()
        && startedByNode[0].get() > 0 && startedByNode[1].get() > 0;
  }
}

/**
 * The team's pipeline: takes each {@code deployment.requested} (its Standard Webhooks signature
 * checked), counts it by {@code webhook-id}, answers 202 after a second (the test kills node B
 * while it waits for such an answer), then reports {@code succeeded} at once on the deployment's
 * callback with its token, through the nodes in turn (the next one when a node is gone). A request
 * whose sender was killed before the answer is not taken (as a receiver whose answer could not be
 * written): the job must be asked again, with the same {@code webhook-id}, by the node that takes
 * the dead node's jobs over.
 */
final class Pipeline implements AutoCloseable {
  static final Pattern DEPLOYMENT = Pattern.compile("\"deployment\":\"([0-9a-f-]{36})\"");
  static final Pattern CALLBACK_TOKEN = Pattern.compile("\"token\":\"([^\"]+)\"");
  /** the callback's address names the node that sent the request */
  static final Pattern CALLBACK_URL = Pattern.compile("\"url\":\"http://[^\"/]+:(\\d+)/");
  /** how long the pipeline takes to answer: node B is likely to die with a request in flight */
  static final long ANSWER_MILLIS = 1000;
  final String secret;
  final byte[] key = new byte[32];
  final HttpServer server;
  final java.util.concurrent.ExecutorService callbacks = java.util.concurrent.Executors.newFixedThreadPool(4);
  final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();
  final Map<String, String> refused = new ConcurrentHashMap<>();
  final AtomicInteger badSignatures = new AtomicInteger();
  final AtomicInteger turn = new AtomicInteger();
  /** requests not answered yet: webhook-id → the port of the node that sent it */
  final Map<String, String> inFlight = new ConcurrentHashMap<>();
  /** the ports of the nodes the test killed */
  final java.util.Set<String> dead = ConcurrentHashMap.newKeySet();
  volatile String[] bases;

  Pipeline() throws IOException {
    new SecureRandom().nextBytes(key);
    secret = "whsec_" + Base64.getEncoder().encodeToString(key);
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(16));
    server.createContext("/", exchange -> {
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      var h = exchange.getRequestHeaders();
      String id = h.getFirst("webhook-id");
      Matcher deployment = DEPLOYMENT.matcher(body);
      Matcher token = CALLBACK_TOKEN.matcher(body);
      if (id == null || !signed(id, h.getFirst("webhook-timestamp"), body, h.getFirst("webhook-signature"))
          || !deployment.find() || !deployment.group(1).equals(id) || !token.find()) {
        badSignatures.incrementAndGet();
        exchange.sendResponseHeaders(401, -1);
        exchange.close();
        return;
      }
      requests.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
      Matcher callback = CALLBACK_URL.matcher(body);
      String sender = callback.find() ? callback.group(1) : "";
      synchronized (inFlight) {
        inFlight.put(id, sender);
        inFlight.notifyAll();
      }
      try {
        Thread.sleep(ANSWER_MILLIS);
        if (dead.contains(sender)) {
          // no one waits for the answer: the job is not taken, the sender's retry will come
          exchange.close();
          return;
        }
        exchange.sendResponseHeaders(202, -1);
        exchange.close();
      } catch (InterruptedException e) {
        return;
      } finally {
        inFlight.remove(id);
      }
      String callbackToken = token.group(1);
      callbacks.execute(() -> report(id, callbackToken));
    });
    server.start();
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/deploy";
  }

  /** Waits (up to {@code millis}) until the node at {@code base} has a request in flight. */
  boolean awaitInFlightFrom(String base, long millis) throws InterruptedException {
    String port = port(base);
    long deadline = System.currentTimeMillis() + millis;
    synchronized (inFlight) { // the handler notifies on every request it holds
      while (!inFlight.containsValue(port)) {
        long left = deadline - System.currentTimeMillis();
        if (left <= 0) return false;
        inFlight.wait(left);
      }
    }
    return true;
  }

  boolean signed(String id, String timestamp, String body, String signatures) {
    if (timestamp == null || signatures == null) return false;
    try {
      javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
      mac.init(new javax.crypto.spec.SecretKeySpec(key, "HmacSHA256"));
      String expected = "v1," + Base64.getEncoder().encodeToString(
          mac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
      return List.of(signatures.split(" ")).contains(expected);
    } catch (java.security.GeneralSecurityException e) {
      return false;
    }
  }

  /** The node at {@code base} is killed: what it asked and is not answered yet is not taken. */
  void killed(String base) {
    dead.add(port(base));
  }

  static String port(String base) {
    return base.substring(base.lastIndexOf(':') + 1);
  }

  /** Reports succeeded; a node that does not answer: the next one, for up to a minute. */
  void report(String id, String token) {
    long deadline = System.currentTimeMillis() + 60_000;
    for (int n = turn.getAndIncrement(); System.currentTimeMillis() < deadline; n++) {
      try {
        HttpResponse<String> r = TwoNodeCrashTest.call(bases[n % 2], token, "POST",
            "/api/v1/deployments/" + id + "/status", "{\"status\":\"succeeded\"}");
        if (r.statusCode() == 200) return;
        if (r.statusCode() / 100 == 4) {
          refused.put(id, r.statusCode() + " " + r.body());
          return;
        }
      } catch (IOException e) {
        // that node is gone: the other one
      } catch (InterruptedException e) {
        return;
      }
      try {
        Thread.sleep(50); // as a pipeline waits before it tries again
      } catch (InterruptedException e) {
        return;
      }
    }
    refused.put(id, "no node took the report in a minute");
  }

  @Override
  public void close() {
    server.stop(0);
    callbacks.shutdownNow();
    ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
  }
}
