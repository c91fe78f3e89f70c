package io.tollgate.automation;

import com.sun.net.httpserver.HttpServer;
import io.tollgate.shared.outbound.StandardWebhooks;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A team's pipeline, as a test's own HTTP server: checks the Standard Webhooks signature of every
 * request it gets, answers with a chosen status, and may report back on the callback.
 */
final class PipelineReceiver implements AutoCloseable {
  static final JsonMapper JSON = JsonMapper.builder().build();

  /** One request the pipeline got. */
  record Received(String id, String timestamp, String signature, String body, boolean validSig) {
    JsonNode json() {
      return JSON.readTree(body);
    }

    String callbackUrl() {
      return json().path("data").path("callback").path("url").asString();
    }

    String token() {
      return json().path("data").path("callback").path("token").asString();
    }
  }

  final List<Received> received = new CopyOnWriteArrayList<>();
  private final HttpServer server;
  private volatile String secret;
  private volatile Function<Integer, Integer> answer = n -> 202;

  PipelineReceiver() {
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.setExecutor(Executors.newFixedThreadPool(4));
    server.createContext(
        "/deploy",
        exchange -> {
          String body =
              new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
          String id = exchange.getRequestHeaders().getFirst("webhook-id");
          String ts = exchange.getRequestHeaders().getFirst("webhook-timestamp");
          String sig = exchange.getRequestHeaders().getFirst("webhook-signature");
          boolean valid =
              secret != null
                  && id != null
                  && ts != null
                  && StandardWebhooks.ofSecret(secret).verify(id, Long.parseLong(ts), body, sig);
          received.add(new Received(id, ts, sig, body, valid));
          int status = valid ? answer.apply(received.size()) : 401;
          exchange.sendResponseHeaders(status, -1);
          exchange.close();
        });
    server.start();
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/deploy";
  }

  void secret(String secret) {
    this.secret = secret;
  }

  /** The status the n-th request (from 1) gets. */
  void answer(Function<Integer, Integer> answer) {
    this.answer = answer;
  }

  /** Reports on the callback of a request, as the pipeline would. */
  static Api callback(Received r, Map<String, Object> body) {
    return callback(r.callbackUrl(), r.token(), body);
  }

  static Api callback(String url, String token, Map<String, Object> body) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(url))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
    if (token != null) b.header("Authorization", "Bearer " + token);
    try {
      HttpResponse<String> r =
          HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
      return new Api(r.statusCode(), r.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** A callback's answer. */
  record Api(int status, String body) {
    JsonNode json() {
      return JSON.readTree(body);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
