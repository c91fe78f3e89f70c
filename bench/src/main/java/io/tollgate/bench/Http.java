package io.tollgate.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A thin, blocking HTTP/1.1 client; every call is timed.
 *
 * <p>It uses {@link HttpURLConnection} with keep-alive: the calling thread writes the request and
 * reads the answer itself, with no hand-off to a selector or executor thread. On a 2-core machine
 * that the driver shares with the server, those hand-offs (the JDK's {@code HttpClient} makes
 * several per call) cost the server CPU it would otherwise use, so the driver measured itself.
 */
final class Http {
  static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

  static {
    // keep one idle connection per client thread (the default keeps 5 and closes the rest), and
    // never resend a POST on a connection that turned out to be stale: a command is not idempotent
    System.setProperty("http.maxConnections", "1024");
    System.setProperty("sun.net.http.retryPost", "false");
    System.setProperty("http.keepAlive", "true");
  }

  /** The outcome of one call; status 0 means no HTTP response (I/O error or timeout). */
  record Response(int status, byte[] body, long nanos) {
    boolean ok() {
      return status >= 200 && status < 300;
    }

    String text() {
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  /** A prepared request, so that the hot loops do not rebuild it each time. */
  record Request(String method, URL url, String token, byte[] json, String accept) {}

  private final String baseUrl;

  Http(String baseUrl) {
    this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
  }

  Request get(String path, String token) {
    return new Request("GET", url(path), token, null, "application/json");
  }

  /** A GET of something other than JSON (the server's Prometheus metrics). */
  Request getText(String path, String token) {
    return new Request("GET", url(path), token, null, "text/plain, */*");
  }

  Request send(String method, String path, String token, String json) {
    return new Request(
        method,
        url(path),
        token,
        json == null ? null : json.getBytes(StandardCharsets.UTF_8),
        "application/json");
  }

  private URL url(String path) {
    try {
      return URI.create(baseUrl + path).toURL();
    } catch (IOException | IllegalArgumentException e) {
      throw new IllegalArgumentException("not a URL: " + baseUrl + path, e);
    }
  }

  Response call(Request request) {
    long start = System.nanoTime();
    HttpURLConnection c = null;
    try {
      c = (HttpURLConnection) request.url().openConnection();
      c.setRequestMethod(request.method());
      c.setConnectTimeout((int) Duration.ofSeconds(5).toMillis());
      c.setReadTimeout((int) REQUEST_TIMEOUT.toMillis());
      c.setInstanceFollowRedirects(false);
      c.setUseCaches(false);
      c.setRequestProperty("Accept", request.accept());
      if (request.token() != null) {
        c.setRequestProperty("Authorization", "Bearer " + request.token());
      }
      if (request.json() != null) {
        c.setDoOutput(true);
        c.setRequestProperty("Content-Type", "application/json");
        c.setFixedLengthStreamingMode(request.json().length);
        try (OutputStream out = c.getOutputStream()) {
          out.write(request.json());
        }
      } else if (!request.method().equals("GET")) {
        c.setDoOutput(true);
        c.setFixedLengthStreamingMode(0);
        c.getOutputStream().close();
      }
      int status = c.getResponseCode();
      // the whole body is read (and the stream closed) so the connection goes back to the pool
      InputStream in = status >= 400 ? c.getErrorStream() : c.getInputStream();
      byte[] body;
      if (in == null) {
        body = new byte[0];
      } else {
        try (in) {
          body = in.readAllBytes();
        }
      }
      return new Response(status, body, System.nanoTime() - start);
    } catch (IOException e) {
      if (c != null) {
        c.disconnect();
      }
      return new Response(0, describe(e), System.nanoTime() - start);
    }
  }

  private static byte[] describe(Exception e) {
    return (e.getClass().getSimpleName() + ": " + e.getMessage()).getBytes(StandardCharsets.UTF_8);
  }
}
