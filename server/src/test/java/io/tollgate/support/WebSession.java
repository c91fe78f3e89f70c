package io.tollgate.support;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A browser without a browser, for page tests over real HTTP: keeps the session cookie and sends
 * the CSRF token of the last page with each form, as a browser's form does.
 */
public final class WebSession {
  private final String base;
  private final HttpClient client;
  private String csrf;

  public WebSession(int port) {
    this.base = "http://127.0.0.1:" + port;
    this.client =
        HttpClient.newBuilder()
            .cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
  }

  private WebSession(String base, HttpClient client, String csrf) {
    this.base = base;
    this.client = client;
    this.csrf = csrf;
  }

  /**
   * The same browser (its cookies, so its session, and its CSRF token) talking to another server on
   * this host: another node of a cluster. The two share the cookies from then on.
   */
  public WebSession onPort(int otherPort) {
    return new WebSession("http://127.0.0.1:" + otherPort, client, csrf);
  }

  /** Signs in with the login form; true when the server accepted the password. */
  public boolean signIn(String username, String password) {
    get("/login");
    WebPage signedIn = post("/login", "username", username, "password", password);
    boolean ok = signedIn.status() == 302 && !signedIn.location().contains("error");
    csrf = null; // signing in issues a new CSRF token; the next page carries it
    return ok;
  }

  /** Opens a streaming GET (e.g. {@code /live}): its status and the body as it arrives. */
  public HttpResponse<java.io.InputStream> stream(String path) {
    try {
      return client.send(
          HttpRequest.newBuilder(URI.create(base + path))
              .header("Accept", "text/event-stream")
              .timeout(Duration.ofSeconds(10))
              .GET()
              .build(),
          HttpResponse.BodyHandlers.ofInputStream());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public WebPage get(String path) {
    WebPage page = send(HttpRequest.newBuilder(URI.create(base + path)).GET());
    if (page.status() == 200 && page.body().contains("name=\"csrf-token\"")) csrf = page.csrf();
    return page;
  }

  /** Posts a form; {@code fields} are name, value pairs, and a name may repeat. */
  public WebPage post(String path, String... fields) {
    List<String[]> pairs = new ArrayList<>();
    for (int i = 0; i < fields.length; i += 2) pairs.add(new String[] {fields[i], fields[i + 1]});
    return post(path, pairs, Map.of());
  }

  public WebPage post(String path, Map<String, String> form) {
    return post(path, form, Map.of());
  }

  /** Posts a form with extra headers (e.g. {@code HX-Request} as htmx sends it). */
  public WebPage post(String path, Map<String, String> form, Map<String, String> headers) {
    List<String[]> pairs = new ArrayList<>();
    form.forEach((k, v) -> pairs.add(new String[] {k, v}));
    return post(path, pairs, headers);
  }

  private WebPage post(String path, List<String[]> pairs, Map<String, String> headers) {
    if (csrf == null) get("/login");
    List<String> encoded = new ArrayList<>();
    for (String[] p : pairs) encoded.add(encode(p[0]) + "=" + encode(p[1]));
    encoded.add("_csrf=" + encode(csrf));
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base + path))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(String.join("&", encoded)));
    headers.forEach(request::header);
    WebPage page = send(request);
    if (page.status() != 302 && page.body().contains("name=\"csrf-token\"")) csrf = page.csrf();
    return page;
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  private WebPage send(HttpRequest.Builder request) {
    try {
      HttpResponse<String> r =
          client.send(
              request.timeout(Duration.ofSeconds(30)).build(),
              HttpResponse.BodyHandlers.ofString());
      String location = r.headers().firstValue("Location").orElse("");
      if (location.startsWith(base)) location = location.substring(base.length());
      return new WebPage(r.statusCode(), r.body(), location);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
