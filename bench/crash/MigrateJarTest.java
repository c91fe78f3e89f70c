import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Moving an installation from H2 to PostgreSQL with the packaged jar, as the README tells an
 * operator to (issue 14, point 4): starts the jar on H2 with the demo data, stops it, runs {@code
 * java -jar tollgate-server.jar migrate --to <jdbc url> --user <user> --data-dir <dir>}, then
 * starts the jar on PostgreSQL with the same data directory (its keys) and checks that every
 * release reads as it did on H2 (id, version, state and revision), that the audit chain verifies
 * with as many events as before, and that the server takes a new command. Also checks that the
 * command refuses, naming the reason and writing nothing, when run a second time (the target is no
 * longer empty). Exits 1 when anything differs.
 *
 * <p>Runs from source: {@code java bench/crash/MigrateJarTest.java <server jar> <jdbc url> <user>}
 * (a fresh, empty database). .ci/run runs it after the crash tests.
 */
public class MigrateJarTest {
  static final String ADMIN = "migrate-jar-admin-token-3b9e1d7c5a2f4086";
  static final String LABEL = "[migrate jar]";
  static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  static final Pattern RELEASE =
      Pattern.compile(
          "\\{\"id\":\"([0-9a-f-]{36})\".*?\"version\":\"([^\"]*)\".*?\"status\":\"([^\"]*)\".*?\"revision\":(\\d+)");
  static final Pattern CHECKED = Pattern.compile("\"checked\":(\\d+)");

  public static void main(String[] args) throws Exception {
    if (args.length < 3) {
      System.err.println("usage: MigrateJarTest <server jar> <jdbc url> <user>");
      System.exit(2);
    }
    String jar = args[0];
    String url = args[1];
    String user = args[2];
    Path data = Files.createTempDirectory("tollgate-migrate-jar");
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Map<String, String> env = new java.util.HashMap<>();
    env.put("TOLLGATE_DATA_DIR", data.toString());
    env.put("TOLLGATE_PORT", String.valueOf(port));
    env.put("TOLLGATE_BOOTSTRAP_ADMIN_TOKEN", ADMIN);
    env.put("TOLLGATE_DEMO", "true");
    String base = "http://127.0.0.1:" + port;
    List<String> failures = new ArrayList<>();

    Process server = start(jar, env, data, base);
    List<String> before;
    long eventsBefore;
    try {
      before = releases(base);
      eventsBefore = verified(base, failures, "on H2");
    } finally {
      server.destroy(); // SIGTERM: a stopped server, as the command requires
      server.waitFor();
    }
    System.out.printf("%s H2 with the demo data: %d releases, %d audit events%n", LABEL, before.size(), eventsBefore);
    if (before.isEmpty()) failures.add("the demo data has no releases");

    int status = migrate(jar, url, user, data, "first");
    if (status != 0) failures.add("migrate exited " + status + "; see " + data.resolve("migrate-first.log"));

    env.put("TOLLGATE_DB_URL", url);
    env.put("TOLLGATE_DB_USER", user);
    env.put("TOLLGATE_DEMO", "false");
    if (failures.isEmpty()) {
      server = start(jar, env, data, base);
      try {
        List<String> after = releases(base);
        if (!after.equals(before)) {
          failures.add("the releases differ after the move: " + before.size() + " on H2, " + after.size() + " on PostgreSQL");
        }
        long eventsAfter = verified(base, failures, "on PostgreSQL");
        if (eventsAfter != eventsBefore) {
          failures.add("the chain had " + eventsBefore + " events on H2 and " + eventsAfter + " on PostgreSQL");
        }
        // it goes on working: a new product is a new command, chained after the moved events
        HttpResponse<String> created =
            call(base, "POST", "/api/v1/products", "{\"key\":\"after-move\",\"name\":\"After the move\"}");
        if (created.statusCode() != 201) failures.add("a new product after the move: " + created.statusCode() + " " + created.body());
        if (verified(base, failures, "after a new command") <= eventsAfter) {
          failures.add("the new command added no audit event");
        }
        System.out.printf("%s PostgreSQL after the move: %d releases as on H2, %d audit events, chain intact%n", LABEL, after.size(), eventsAfter);
      } finally {
        server.destroy();
        server.waitFor();
      }
      // a second run must refuse: the target holds data now
      int again = migrate(jar, url, user, data, "second");
      String said = Files.readString(data.resolve("migrate-second.log"), StandardCharsets.UTF_8);
      if (again == 0) failures.add("a second migrate into the filled database succeeded");
      else if (!said.toLowerCase().contains("not empty")) failures.add("a second migrate refused without saying the target is not empty: " + said);
      else System.out.printf("%s a second run refused (exit %d): %s%n", LABEL, again, said.strip().lines().reduce((a, b) -> b).orElse(""));
    }

    if (!failures.isEmpty()) {
      failures.forEach(f -> System.out.printf("%s FAILED: %s%n", LABEL, f));
      System.out.printf("%s the logs and data are in %s%n", LABEL, data);
      System.exit(1);
    }
    try (var files = Files.walk(data)) {
      files.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
    }
    System.out.printf("%s passed%n", LABEL);
  }

  static int migrate(String jar, String url, String user, Path data, String name) throws Exception {
    Path log = data.resolve("migrate-" + name + ".log");
    Process p =
        new ProcessBuilder("java", "-jar", jar, "migrate", "--to", url, "--user", user, "--data-dir", data.toString())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    if (!p.waitFor(300, java.util.concurrent.TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IllegalStateException("migrate did not end in 300 s; see " + log);
    }
    System.out.printf("%s migrate (%s run) exited %d%n", LABEL, name, p.exitValue());
    return p.exitValue();
  }

  /** Every release as "id version state revision", in the API's order, over all pages. */
  static List<String> releases(String base) throws Exception {
    List<String> all = new ArrayList<>();
    HttpResponse<String> products = check(call(base, "GET", "/api/v1/products", null), 200);
    Matcher keys = Pattern.compile("\"key\":\"([^\"]+)\"").matcher(products.body());
    List<String> productKeys = new ArrayList<>();
    while (keys.find()) productKeys.add(keys.group(1));
    for (String key : productKeys) {
      for (int page = 0; ; page++) {
        String body = check(call(base, "GET", "/api/v1/products/" + key + "/releases?size=50&page=" + page, null), 200).body();
        Matcher m = RELEASE.matcher(body);
        int found = 0;
        while (m.find()) {
          all.add(m.group(1) + " " + m.group(2) + " " + m.group(3) + " " + m.group(4));
          found++;
        }
        if (found < 50) break;
      }
    }
    return all;
  }

  static long verified(String base, List<String> failures, String when) throws Exception {
    HttpResponse<String> verify = call(base, "GET", "/api/v1/audit/verify", null);
    if (verify.statusCode() != 200 || !verify.body().contains("\"ok\":true")) {
      failures.add("the audit chain does not verify " + when + ": " + verify.statusCode() + " " + verify.body());
      return -1;
    }
    Matcher m = CHECKED.matcher(verify.body());
    return m.find() ? Long.parseLong(m.group(1)) : -1;
  }

  static Process start(String jar, Map<String, String> env, Path data, String base) throws Exception {
    ProcessBuilder pb =
        new ProcessBuilder("java", "-Xmx512m", "-XX:TieredStopAtLevel=1", "-jar", jar)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(data.resolve("server.log").toFile()));
    pb.environment().putAll(env);
    Process p = pb.start();
    long deadline = System.currentTimeMillis() + 180_000;
    while (System.currentTimeMillis() < deadline) {
      if (!p.isAlive()) throw new IllegalStateException("the server stopped; see " + data.resolve("server.log"));
      try {
        if (call(base, "GET", "/actuator/health/readiness", null).statusCode() == 200) return p;
      } catch (IOException e) {
        // not yet listening
      }
      Thread.sleep(200);
    }
    p.destroyForcibly();
    throw new IllegalStateException("the server did not start in 180 s; see " + data.resolve("server.log"));
  }

  static HttpResponse<String> call(String base, String method, String path, String body)
      throws IOException, InterruptedException {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(base + path))
            .timeout(Duration.ofSeconds(30))
            .header("Authorization", "Bearer " + ADMIN);
    if (body != null) b.header("Content-Type", "application/json");
    b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  static HttpResponse<String> check(HttpResponse<String> r, int status) {
    if (r.statusCode() != status) throw new IllegalStateException("expected " + status + ": " + r.statusCode() + " " + r.body());
    return r;
  }
}
