package io.tollgate.shared.outbound;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Duration;
import org.springframework.stereotype.Component;

/**
 * The one HTTP client Tollgate calls out with (webhooks, checks, channels): connect timeout 5 s, no
 * redirects (a redirect could lead past {@link OutboundUrls}), and requests that time out after
 * {@link #REQUEST_TIMEOUT} unless told otherwise. Its requests carry {@code User-Agent: Tollgate}.
 */
@Component
public class OutboundHttp {
  public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
  public static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

  private final HttpClient client =
      HttpClient.newBuilder()
          .connectTimeout(CONNECT_TIMEOUT)
          .followRedirects(HttpClient.Redirect.NEVER)
          .build();

  public HttpClient client() {
    return client;
  }

  /** A request builder for {@code uri} with the default timeout and Tollgate's user agent. */
  public HttpRequest.Builder request(URI uri) {
    return HttpRequest.newBuilder(uri).timeout(REQUEST_TIMEOUT).header("User-Agent", "Tollgate");
  }
}
