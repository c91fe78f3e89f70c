package io.tollgate.cli;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The REST API of one Tollgate server, called with a bearer token. Answers are JSON trees; an error
 * status becomes an {@link ApiException} with the server's problem detail, an unreachable server a
 * {@link CliException} with exit code {@link ExitCodes#SERVER}.
 */
final class ApiClient {
  static final String JSON = "application/json";
  private final URI base;
  private final String token;
  private final JsonMapper json;
  private final Duration timeout;
  private final HttpClient http;

  ApiClient(URI base, String token, JsonMapper json, Duration timeout) {
    this.base = base;
    this.token = token;
    this.json = json;
    this.timeout = timeout;
    this.http =
        HttpClient.newBuilder()
            .version(
                "https".equals(base.getScheme())
                    ? HttpClient.Version.HTTP_2
                    : HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(Math.max(1, Math.min(10, timeout.toSeconds()))))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  /**
   * The server's root from what a person typed: {@code localhost:8080}, {@code
   * https://tollgate.example/} and {@code https://tollgate.example/api/v1} all name the same.
   */
  static URI baseUri(String url) {
    String u = url.trim();
    if (!u.contains("://")) u = "http://" + u;
    while (u.endsWith("/")) u = u.substring(0, u.length() - 1);
    if (u.endsWith("/api/v1")) u = u.substring(0, u.length() - "/api/v1".length());
    try {
      URI uri = URI.create(u);
      if (uri.getHost() == null
          || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
        throw new IllegalArgumentException("not an http(s) URL");
      }
      return uri;
    } catch (IllegalArgumentException e) {
      throw new CliException(
          ExitCodes.USAGE, "Not a server URL: " + url + " (" + e.getMessage() + ")");
    }
  }

  URI base() {
    return base;
  }

  /** One path segment, percent-encoded. */
  static String seg(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }

  JsonNode get(String path) {
    return tree(send("GET", path, JSON, null, null));
  }

  /** A GET answered as text in the given media type (release notes as Markdown or HTML). */
  String getText(String path, String accept) {
    return send("GET", path, accept, null, null).body();
  }

  JsonNode post(String path, Object body) {
    return tree(send("POST", path, JSON, JSON, bytes(body)));
  }

  JsonNode put(String path, Object body) {
    return tree(send("PUT", path, JSON, JSON, bytes(body)));
  }

  JsonNode patch(String path, Object body) {
    return tree(send("PATCH", path, JSON, JSON, bytes(body)));
  }

  /** A POST of a body that is not JSON (a JUnit XML report). */
  JsonNode postRaw(String path, byte[] body, String contentType) {
    return tree(send("POST", path, JSON, contentType, body));
  }

  private byte[] bytes(Object body) {
    return body == null ? new byte[0] : json.writeValueAsBytes(body);
  }

  private JsonNode tree(HttpResponse<String> response) {
    String body = response.body();
    if (body == null || body.isBlank()) return json.createObjectNode();
    try {
      return json.readTree(body);
    } catch (JacksonException e) {
      throw new CliException(
          ExitCodes.SERVER,
          "The server's answer to this call is not JSON (HTTP "
              + response.statusCode()
              + "): "
              + abbreviate(body));
    }
  }

  private HttpResponse<String> send(
      String method, String path, String accept, String contentType, byte[] body) {
    URI uri = URI.create(base + path);
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri)
            .timeout(timeout)
            .header("Accept", accept + ", application/problem+json")
            .header("User-Agent", "tollgate-cli/" + Tollgate.version());
    if (token != null) request.header("Authorization", "Bearer " + token);
    if (contentType != null) request.header("Content-Type", contentType);
    request.method(
        method,
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofByteArray(body));
    HttpResponse<String> response;
    try {
      response =
          http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (HttpConnectTimeoutException | ConnectException e) {
      throw new CliException(
          ExitCodes.SERVER, "Cannot reach the server at " + base + " (" + describe(e) + ")", e);
    } catch (HttpTimeoutException e) {
      throw new CliException(
          ExitCodes.SERVER,
          "The server at " + base + " did not answer within " + timeout.toSeconds() + " s",
          e);
    } catch (IOException e) {
      throw new CliException(
          ExitCodes.SERVER, "Cannot talk to the server at " + base + " (" + describe(e) + ")", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CliException(ExitCodes.SERVER, "Interrupted", e);
    }
    int status = response.statusCode();
    if (status >= 200 && status < 300) return response;
    JsonNode problem = problem(response);
    String detail = problem.path("detail").asString("");
    if (detail.isBlank()) detail = problem.path("title").asString("");
    throw new ApiException(status, problem, detail.isBlank() ? "HTTP " + status : detail);
  }

  /** The answer's problem detail; one made up from the status and body when it has none. */
  private JsonNode problem(HttpResponse<String> response) {
    String body = response.body() == null ? "" : response.body();
    String type = response.headers().firstValue("Content-Type").orElse("");
    if (type.contains("json") && !body.isBlank()) {
      try {
        JsonNode node = json.readTree(body);
        if (node.isObject()) return node;
      } catch (JacksonException e) {
        // not JSON after all: described below
      }
    }
    ObjectNode made = json.createObjectNode();
    made.put("status", response.statusCode());
    made.put("title", "HTTP " + response.statusCode());
    if (!body.isBlank()) made.put("detail", abbreviate(body));
    return made;
  }

  private static String describe(Exception e) {
    String m = e.getMessage();
    return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
  }

  private static String abbreviate(String s) {
    String t = s.strip();
    return t.length() <= 300 ? t : t.substring(0, 300) + "…";
  }
}
