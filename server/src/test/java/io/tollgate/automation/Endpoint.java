package io.tollgate.automation;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * A health endpoint or a Prometheus query API, as the test's own HTTP server: answers the n-th
 * request (from 1) with what the test says.
 */
final class Endpoint implements AutoCloseable {
  record Answer(int status, String body) {}

  private final HttpServer server;
  final AtomicInteger requests = new AtomicInteger();
  private volatile IntFunction<Answer> answer = n -> new Answer(200, "UP");

  Endpoint() {
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext(
        "/",
        exchange -> {
          Answer a = answer.apply(requests.incrementAndGet());
          byte[] body = a.body().getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(a.status(), body.length == 0 ? -1 : body.length);
          if (body.length > 0) exchange.getResponseBody().write(body);
          exchange.close();
        });
    server.start();
  }

  void answer(IntFunction<Answer> answer) {
    this.answer = answer;
  }

  String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  /** A Prometheus instant-query answer with one sample per value (none: no series). */
  static String vector(double... values) {
    StringBuilder result = new StringBuilder();
    for (int i = 0; i < values.length; i++) {
      if (i > 0) result.append(',');
      result
          .append("{\"metric\":{\"i\":\"")
          .append(i)
          .append("\"},\"value\":[1700000000.0,\"")
          .append(values[i])
          .append("\"]}");
    }
    return "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":["
        + result
        + "]}}";
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
