package io.tollgate.bench;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Times pages as a signed-in person opens them, one after the other (the issue 13 bench of a large
 * history: the board, a product's release list, the calendar month and the insights page). Signs
 * in with the login form, warms each page up, then reads it {@code --requests} times and prints,
 * per page, the median and 90th percentile in milliseconds and the size of the answer.
 *
 * <pre>
 * java -cp tollgate-bench.jar io.tollgate.bench.PagesBench --base-url http://127.0.0.1:8080 \
 *     --user rita --password '...' --label 1000 / /products/hist-01 /calendar /insights
 * </pre>
 *
 * Prints one line per page: {@code label path median_ms p90_ms bytes status}.
 */
public final class PagesBench {
  private static final Pattern CSRF = Pattern.compile("name=\"csrf-token\" content=\"([^\"]+)\"");

  private PagesBench() {}

  public static void main(String[] args) throws Exception {
    String base = "http://127.0.0.1:8080";
    String user = null;
    String password = null;
    String label = "-";
    int warmup = 20;
    int requests = 40;
    List<String> paths = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--base-url" -> base = args[++i];
        case "--user" -> user = args[++i];
        case "--password" -> password = args[++i];
        case "--label" -> label = args[++i];
        case "--warmup" -> warmup = Integer.parseInt(args[++i]);
        case "--requests" -> requests = Integer.parseInt(args[++i]);
        default -> paths.add(args[i]);
      }
    }
    if (user == null || password == null || paths.isEmpty()) {
      System.err.println("usage: PagesBench --user U --password P [--base-url URL] [--label L]"
          + " [--warmup N] [--requests N] PATH...");
      System.exit(2);
    }
    HttpClient client =
        HttpClient.newBuilder()
            .cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    signIn(client, base, user, password);
    for (String path : paths) {
      for (int i = 0; i < warmup; i++) get(client, base + path);
      long[] nanos = new long[requests];
      int bytes = 0;
      int status = 0;
      for (int i = 0; i < requests; i++) {
        long start = System.nanoTime();
        HttpResponse<byte[]> r = get(client, base + path);
        nanos[i] = System.nanoTime() - start;
        bytes = r.body().length;
        status = r.statusCode();
      }
      Arrays.sort(nanos);
      System.out.printf(
          "%s %s %.1f %.1f %d %d%n",
          label,
          path,
          nanos[requests / 2] / 1e6,
          nanos[(int) Math.ceil(requests * 0.9) - 1] / 1e6,
          bytes,
          status);
    }
  }

  private static void signIn(HttpClient client, String base, String user, String password)
      throws IOException, InterruptedException {
    String login = new String(get(client, base + "/login").body(), StandardCharsets.UTF_8);
    Matcher m = CSRF.matcher(login);
    if (!m.find()) throw new IllegalStateException("no CSRF token on /login");
    String form =
        "username=" + enc(user) + "&password=" + enc(password) + "&_csrf=" + enc(m.group(1));
    HttpResponse<String> r =
        client.send(
            HttpRequest.newBuilder(URI.create(base + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    String location = r.headers().firstValue("Location").orElse("");
    if (r.statusCode() != 302 || location.contains("error")) {
      throw new IllegalStateException("sign-in as " + user + " failed: " + r.statusCode());
    }
  }

  private static HttpResponse<byte[]> get(HttpClient client, String url) {
    try {
      return client.send(
          HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60)).GET().build(),
          HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
