import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The crash test of issue 12 (finding 13): starts the packaged server, has 8 clients push releases
 * through it, kills the server with SIGKILL in the middle of the load, starts it again on the same
 * data and checks that every command whose answer a client received survived (each release's
 * revision is at least the one it was answered with) and that the audit chain verifies. Exits 1
 * when anything acknowledged was lost.
 *
 * <p>Runs from source, without a build: {@code java bench/crash/CrashTest.java <server jar> h2} or
 * {@code ... postgres <jdbc url> <user>}. .ci/run runs it on both databases.
 */
public class CrashTest {
  static final String ADMIN = "crash-admin-token-5d1f0c7e9b3a2468ace0";
  static final int CLIENTS = 8;
  static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  static final Pattern REVISION = Pattern.compile("\"revision\":(\\d+)");
  static final Pattern ID = Pattern.compile("\"id\":\"([0-9a-f-]{36})\"");
  static final Pattern TOKEN = Pattern.compile("\"token\":\"([^\"]+)\"");

  public static void main(String[] args) throws Exception {
    if (args.length < 2) {
      System.err.println("usage: CrashTest <server jar> h2 | postgres <jdbc url> <user>");
      System.exit(2);
    }
    String jar = args[0];
    long loadMillis = Long.parseLong(System.getenv().getOrDefault("CRASH_LOAD_SECONDS", "8")) * 1000;
    Path data = Files.createTempDirectory("tollgate-crash");
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Map<String, String> env = new java.util.HashMap<>();
    env.put("TOLLGATE_DATA_DIR", data.toString());
    env.put("TOLLGATE_PORT", String.valueOf(port));
    env.put("TOLLGATE_BOOTSTRAP_ADMIN_TOKEN", ADMIN);
    String h2Url = System.getenv("CRASH_H2_URL"); // e.g. to see it catch H2's delayed writes
    if (args[1].equals("h2") && h2Url != null) {
      env.put("TOLLGATE_DB_URL", h2Url.replace("{data}", data.toString()));
    }
    if (args[1].equals("postgres")) {
      env.put("TOLLGATE_DB_URL", args[2]);
      env.put("TOLLGATE_DB_USER", args[3]);
    }
    String base = "http://127.0.0.1:" + port;
    String label = "[crash " + args[1] + "]";

    Process server = start(jar, env, data, base);
    String[] products = new String[CLIENTS];
    String rm = issue(base, "crash-rm", "release-manager");
    String qa = issue(base, "crash-qa", "qa-lead");
    for (int i = 0; i < CLIENTS; i++) {
      products[i] = "crash-" + i;
      check(call(base, ADMIN, "POST", "/api/v1/products", "{\"key\":\"" + products[i] + "\",\"name\":\"Crash " + i + "\"}"), 201);
      for (String[] m : List.of(new String[] {"crash-rm", "release-manager"}, new String[] {"crash-qa", "qa-lead"})) {
        check(call(base, ADMIN, "PUT", "/api/v1/products/" + products[i] + "/members/" + m[0], "{\"roles\":[\"" + m[1] + "\"]}"), 200);
      }
    }

    Map<String, Long> acknowledged = new ConcurrentHashMap<>();
    AtomicBoolean killed = new AtomicBoolean();
    AtomicLong commands = new AtomicLong();
    List<Thread> clients = new ArrayList<>();
    for (int i = 0; i < CLIENTS; i++) {
      String product = products[i];
      Thread t =
          new Thread(
              () -> {
                while (!killed.get()) {
                  try {
                    HttpResponse<String> created = call(base, rm, "POST", "/api/v1/products/" + product + "/releases", "{\"type\":\"minor\"}");
                    if (created.statusCode() != 201) continue;
                    String id = group(ID, created.body());
                    ack(acknowledged, id, created.body());
                    commands.incrementAndGet();
                    String r = "/api/v1/releases/" + id;
                    ack(acknowledged, id, call(base, qa, "POST", r + "/requirements/acceptance-criteria/meet", "{\"evidence\":{\"url\":\"https://ci.example/1\"}}"));
                    ack(acknowledged, id, call(base, rm, "PUT", r + "/notes", "{\"summary\":\"crash test\",\"notableChanges\":[\"one\"]}"));
                    ack(acknowledged, id, call(base, rm, "POST", r + "/steps/schedule-window/complete", "{\"note\":\"booked\"}"));
                    commands.addAndGet(3);
                  } catch (IOException | RuntimeException e) {
                    // the server is gone (or going): nothing was acknowledged
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
    server.destroyForcibly(); // SIGKILL
    killed.set(true);
    server.waitFor();
    for (Thread t : clients) t.join(10_000);
    System.out.printf("%s killed the server with SIGKILL after %d acknowledged commands on %d releases%n", label, commands.get(), acknowledged.size());

    server = start(jar, env, data, base);
    int lost = 0;
    try {
      for (Map.Entry<String, Long> e : acknowledged.entrySet()) {
        HttpResponse<String> read = call(base, rm, "GET", "/api/v1/releases/" + e.getKey(), null);
        long revision = read.statusCode() == 200 ? Long.parseLong(group(REVISION, read.body())) : -1;
        if (revision < e.getValue()) {
          lost++;
          System.out.printf("%s LOST: release %s answered revision %d, after restart %d (%d)%n", label, e.getKey(), e.getValue(), revision, read.statusCode());
        }
      }
      HttpResponse<String> verify = call(base, ADMIN, "GET", "/api/v1/audit/verify", null);
      boolean chainOk = verify.statusCode() == 200 && verify.body().contains("\"ok\":true");
      System.out.printf("%s after restart: %d of %d releases lost acknowledged commands; audit verify: %s%n", label, lost, acknowledged.size(), verify.body());
      server.destroy();
      server.waitFor();
      if (lost > 0 || !chainOk || acknowledged.isEmpty()) {
        System.out.printf("%s FAILED; the server's log and data are in %s%n", label, data);
        System.exit(1);
      }
      try (var files = Files.walk(data)) {
        files.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
      }
    } finally {
      if (server.isAlive()) server.destroyForcibly().waitFor();
    }
  }

  static void ack(Map<String, Long> acknowledged, String id, HttpResponse<String> answer) {
    if (answer.statusCode() / 100 == 2) ack(acknowledged, id, answer.body());
  }

  static void ack(Map<String, Long> acknowledged, String id, String body) {
    long revision = Long.parseLong(group(REVISION, body));
    acknowledged.merge(id, revision, Math::max);
  }

  static Process start(String jar, Map<String, String> env, Path data, String base) throws Exception {
    ProcessBuilder pb =
        new ProcessBuilder("java", "-Xmx512m", "-XX:TieredStopAtLevel=1", "-jar", jar)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(data.resolve("server.log").toFile()));
    pb.environment().putAll(env);
    Process p = pb.start();
    long deadline = System.currentTimeMillis() + 120_000;
    while (System.currentTimeMillis() < deadline) {
      if (!p.isAlive()) throw new IllegalStateException("the server stopped; see " + data.resolve("server.log"));
      try {
        if (call(base, null, "GET", "/actuator/health/readiness", null).statusCode() == 200) return p;
      } catch (IOException e) {
        // not yet listening
      }
      Thread.sleep(200);
    }
    p.destroyForcibly();
    throw new IllegalStateException("the server did not start in 120 s; see " + data.resolve("server.log"));
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
