package io.tollgate.support;

import com.sun.net.httpserver.HttpServer;
import io.tollgate.shared.outbound.StandardWebhooks;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A webhook or chat receiver on loopback, as a customer runs one: records every request; on a path
 * given a secret, verifies every Standard Webhooks signature (a request whose signature does not
 * verify is recorded as such and answered 401). What it answers is set by {@link #answer}; it also
 * counts requests in flight per webhook-id, to catch two senders sending one message at once.
 */
public final class Receiver implements AutoCloseable {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** One request as received. */
  public record Request(String path, Map<String, String> headers, String body, boolean verified) {
    public JsonNode json() {
      return JSON.readTree(body);
    }

    public String id() {
      return headers.get("webhook-id");
    }
  }

  private final HttpServer server;
  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private final Map<String, AtomicInteger> inFlight = new ConcurrentHashMap<>();
  private final AtomicInteger concurrentSends = new AtomicInteger();
  private final Map<String, String> secrets = new ConcurrentHashMap<>();
  private volatile Function<Request, Integer> answer = r -> 200;

  public Receiver() {
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.setExecutor(Executors.newCachedThreadPool());
    server.createContext(
        "/",
        exchange -> {
          String body =
              new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
          Map<String, String> headers = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
          exchange.getRequestHeaders().forEach((k, v) -> headers.put(k, v.get(0)));
          boolean verified = verify(exchange.getRequestURI().getPath(), headers, body);
          Request request =
              new Request(exchange.getRequestURI().getPath(), headers, body, verified);
          String id = request.id() == null ? "" : request.id();
          AtomicInteger flying = inFlight.computeIfAbsent(id, k -> new AtomicInteger());
          if (flying.incrementAndGet() > 1 && !id.isEmpty()) concurrentSends.incrementAndGet();
          int status;
          try {
            requests.add(request);
            status = verified ? answer.apply(request) : 401;
          } catch (RuntimeException e) {
            status = 500;
          } finally {
            flying.decrementAndGet();
          }
          exchange.sendResponseHeaders(status, -1);
          exchange.close();
        });
    server.start();
  }

  /** Verifies the signatures of requests to this path with this secret from now on. */
  public Receiver secret(String path, String secret) {
    secrets.put(path, secret);
    return this;
  }

  /** What to answer (an HTTP status) to each request; may block to play a slow receiver. */
  public Receiver answer(Function<Request, Integer> answer) {
    this.answer = answer;
    return this;
  }

  public String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  public List<Request> requests() {
    return new ArrayList<>(requests);
  }

  /** The requests to one path. */
  public List<Request> to(String path) {
    return requests.stream().filter(r -> r.path().equals(path)).toList();
  }

  /** How often a message was being received while another copy of it was still in flight. */
  public int concurrentSends() {
    return concurrentSends.get();
  }

  private boolean verify(String path, Map<String, String> headers, String body) {
    String s = secrets.get(path);
    if (s == null) return true;
    String id = headers.get("webhook-id");
    String ts = headers.get("webhook-timestamp");
    String signature = headers.get("webhook-signature");
    if (id == null || ts == null || signature == null) return false;
    return StandardWebhooks.ofSecret(s).verify(id, Long.parseLong(ts), body, signature);
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
