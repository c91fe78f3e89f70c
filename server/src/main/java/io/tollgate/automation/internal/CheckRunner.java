package io.tollgate.automation.internal;

import io.tollgate.automation.AutomationConfig;
import io.tollgate.automation.Verdicts;
import io.tollgate.shared.outbound.OutboundHttp;
import io.tollgate.shared.outbound.OutboundUrls;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs one check once: an HTTP GET against its expected status (and text), or a Prometheus instant
 * query ({@code /api/v1/query}) whose single value must hold against the threshold. A query with no
 * series, several series, or an error fails the check with that reason.
 */
@Component
class CheckRunner {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private final OutboundHttp http;
  private final OutboundUrls urls;

  CheckRunner(OutboundHttp http, OutboundUrls urls) {
    this.http = http;
    this.urls = urls;
  }

  /** One result: whether it held, and what was seen. */
  record Result(boolean ok, String value) {}

  Result run(AutomationConfig.Check check) {
    try {
      if (check instanceof AutomationConfig.HttpCheck h) return http(h);
      return prometheus((AutomationConfig.PrometheusCheck) check);
    } catch (IOException e) {
      return new Result(false, "unreachable: " + message(e));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Result(false, "interrupted");
    } catch (RuntimeException e) {
      return new Result(false, "error: " + message(e));
    }
  }

  private Result http(AutomationConfig.HttpCheck h) throws IOException, InterruptedException {
    URI uri = urls.check(h.url(), "url");
    HttpResponse<String> r =
        http.client().send(http.request(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
    boolean status = r.statusCode() == h.expectStatus();
    boolean text = h.bodyContains() == null || r.body().contains(h.bodyContains());
    String value =
        "HTTP "
            + r.statusCode()
            + (status ? "" : " (expected " + h.expectStatus() + ")")
            + (text ? "" : ", without \"" + h.bodyContains() + "\"");
    return new Result(status && text, value);
  }

  private Result prometheus(AutomationConfig.PrometheusCheck p)
      throws IOException, InterruptedException {
    String base = p.url().replaceAll("/+$", "");
    URI uri =
        urls.check(
            base + "/api/v1/query?query=" + URLEncoder.encode(p.query(), StandardCharsets.UTF_8),
            "url");
    HttpResponse<String> r =
        http.client().send(http.request(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
    JsonNode body;
    try {
      body = JSON.readTree(r.body());
    } catch (RuntimeException e) {
      return new Result(false, "Prometheus answered HTTP " + r.statusCode() + " without JSON");
    }
    if (!"success".equals(body.path("status").asString())) {
      return new Result(
          false,
          "Prometheus error: "
              + body.path("errorType").asString("HTTP " + r.statusCode())
              + " "
              + body.path("error").asString(""));
    }
    JsonNode data = body.path("data");
    JsonNode value;
    if ("scalar".equals(data.path("resultType").asString())) {
      value = data.path("result").path(1);
    } else {
      JsonNode series = data.path("result");
      if (series.size() == 0) return new Result(false, "no series for " + p.query());
      if (series.size() > 1) {
        return new Result(false, series.size() + " series for " + p.query() + "; expected one");
      }
      value = series.path(0).path("value").path(1);
    }
    double v;
    try {
      v = Double.parseDouble(value.asString());
    } catch (RuntimeException e) {
      return new Result(false, "not a number: " + value);
    }
    boolean ok = Verdicts.holds(v, p.op(), p.threshold());
    return new Result(ok, v + (ok ? " " : " not ") + p.op() + " " + p.threshold());
  }

  private static String message(Exception e) {
    String m = e.getMessage();
    return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
  }
}
