package io.tollgate.notify.internal;

import io.tollgate.shared.outbound.OutboundHttp;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * POSTs a JSON body to a receiver through the shared {@link OutboundHttp} client, with an answer
 * timeout ({@code tollgate.notify.timeout}, default 10 s); anything but a 2xx is a failed attempt,
 * said plainly.
 */
@Component
class HttpPost {
  private final OutboundHttp outbound;
  private final Duration timeout;

  HttpPost(OutboundHttp outbound, @Value("${tollgate.notify.timeout:PT10S}") Duration timeout) {
    this.outbound = outbound;
    this.timeout = timeout;
  }

  Duration timeout() {
    return timeout;
  }

  void post(String url, Map<String, String> headers, String body) throws SendFailed {
    URI uri = URI.create(url);
    HttpRequest.Builder b =
        outbound
            .request(uri)
            .timeout(timeout)
            // HTTP/1.1 with keep-alive: no h2c upgrade headers offered on every new connection
            .version(java.net.http.HttpClient.Version.HTTP_1_1)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    headers.forEach(b::header);
    HttpResponse<String> r;
    try {
      r = outbound.client().send(b.build(), HttpResponse.BodyHandlers.ofString());
    } catch (HttpConnectTimeoutException e) {
      throw SendFailed.retry("no connection to " + uri.getHost() + " within " + seconds());
    } catch (HttpTimeoutException e) {
      throw SendFailed.retry("no answer from " + uri.getHost() + " within " + seconds());
    } catch (IOException e) {
      throw SendFailed.retry(
          "cannot reach " + uri.getHost() + ": " + (e.getMessage() == null ? e : e.getMessage()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw SendFailed.retry("interrupted while sending to " + uri.getHost());
    }
    if (r.statusCode() / 100 != 2) {
      String answer = r.body() == null ? "" : r.body().strip();
      if (answer.length() > 200) answer = answer.substring(0, 200) + "…";
      throw SendFailed.retry(
          uri.getHost()
              + " answered HTTP "
              + r.statusCode()
              + (answer.isEmpty() ? "" : ": " + answer));
    }
  }

  private String seconds() {
    return timeout.toMillis() % 1000 == 0 ? timeout.toSeconds() + " s" : timeout.toMillis() + " ms";
  }
}
