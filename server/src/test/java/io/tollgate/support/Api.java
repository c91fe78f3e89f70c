package io.tollgate.support;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A small HTTP client for the REST API, as an outside client would use it. */
public final class Api {
  private static final HttpClient CLIENT =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  static final JsonMapper JSON = JsonMapper.builder().build();

  private final String base;
  private final String token;

  public Api(int port, String token) {
    this.base = "http://127.0.0.1:" + port;
    this.token = token;
  }

  public Api as(String otherToken) {
    return new Api(Integer.parseInt(base.substring(base.lastIndexOf(':') + 1)), otherToken);
  }

  /** The same caller on another server (a second node). */
  public Api onPort(int port) {
    return new Api(port, token);
  }

  public Response get(String path) {
    return send(builder(path).GET());
  }

  public Response get(String path, String accept) {
    return send(builder(path).header("Accept", accept).GET());
  }

  public Response post(String path, Object body) {
    return send(json(builder(path), body, "POST"));
  }

  public Response post(String path) {
    return send(builder(path).POST(HttpRequest.BodyPublishers.noBody()));
  }

  public Response put(String path, Object body) {
    return send(json(builder(path), body, "PUT"));
  }

  public Response postWithIfMatch(String path, Object body, String ifMatch) {
    return send(json(builder(path).header("If-Match", ifMatch), body, "POST"));
  }

  public Response raw(String method, String path, String contentType, String body) {
    HttpRequest.Builder b = builder(path);
    if (contentType != null) b.header("Content-Type", contentType);
    return send(b.method(method, HttpRequest.BodyPublishers.ofString(body)));
  }

  /** Any call: {@code contentType}/{@code accept} may be null, {@code body} null for none. */
  public Response call(String method, String path, String contentType, String accept, String body) {
    HttpRequest.Builder b = builder(path);
    if (contentType != null) b.header("Content-Type", contentType);
    if (accept != null) b.header("Accept", accept);
    return send(
        b.method(
            method,
            body == null
                ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body)));
  }

  public Response delete(String path) {
    return send(builder(path).DELETE());
  }

  private HttpRequest.Builder builder(String path) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
    if (token != null) b.header("Authorization", "Bearer " + token);
    return b;
  }

  private static HttpRequest.Builder json(HttpRequest.Builder b, Object body, String method) {
    String text =
        body instanceof String s ? s : JSON.writeValueAsString(body == null ? Map.of() : body);
    return b.header("Content-Type", "application/json")
        .method(method, HttpRequest.BodyPublishers.ofString(text));
  }

  private static Response send(HttpRequest.Builder b) {
    try {
      HttpResponse<String> r = CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
      return new Response(
          r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), r.headers(), r.body());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** A response: status, content type and the body, parsed when it is JSON. */
  public record Response(
      int status, String contentType, java.net.http.HttpHeaders headers, String body) {
    public JsonNode json() {
      return JSON.readTree(body);
    }

    public String text(String field) {
      JsonNode n = json().path(field);
      return n.isMissingNode() || n.isNull() ? null : n.asString();
    }

    @Override
    public String toString() {
      return status + " " + body;
    }
  }
}
