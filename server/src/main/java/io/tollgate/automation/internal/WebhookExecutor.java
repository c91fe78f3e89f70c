package io.tollgate.automation.internal;

import io.tollgate.automation.AutomatedDeployment;
import io.tollgate.shared.outbound.OutboundHttp;
import io.tollgate.shared.outbound.OutboundUrls;
import io.tollgate.shared.outbound.StandardWebhooks;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The webhook executor: one Standard Webhooks–signed POST of {@code deployment.requested} to the
 * team's pipeline, whose {@code webhook-id} is the deployment id on every attempt. A 2xx answer
 * means the pipeline took the job and will report on the callback.
 */
@Component
class WebhookExecutor {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private final OutboundHttp http;
  private final OutboundUrls urls;
  private final Clock clock;

  WebhookExecutor(OutboundHttp http, OutboundUrls urls, Clock clock) {
    this.http = http;
    this.urls = urls;
    this.clock = clock;
  }

  /** How the pipeline answered: accepted (2xx), or why not. */
  record Answer(boolean accepted, String detail) {}

  Answer post(AutomatedDeployment d, String url, String secret, String callbackUrl, String token) {
    return send(url, secret, d.id(), body(d, callbackUrl, token), "deployment");
  }

  /**
   * Tells the pipeline that Tollgate cancelled a deployment it had asked for: {@code
   * deployment.cancelled}, signed like the request, with its own {@code webhook-id} ({@code
   * <deployment>.cancelled}, the same on every retry).
   */
  Answer cancelled(AutomatedDeployment d, String url, String secret) {
    return send(url, secret, cancelNoticeId(d.id()), cancelBody(d), "cancel");
  }

  static String cancelNoticeId(String deployment) {
    return deployment + ".cancelled";
  }

  private Answer send(String url, String secret, String webhookId, String body, String what) {
    long now = clock.instant().getEpochSecond();
    try {
      URI target = urls.check(url, "executor.url");
      HttpRequest.Builder request =
          http.request(target)
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString(body));
      StandardWebhooks.ofSecret(secret).headers(webhookId, now, body).forEach(request::header);
      HttpResponse<String> answer =
          http.client().send(request.build(), HttpResponse.BodyHandlers.ofString());
      int status = answer.statusCode();
      return status / 100 == 2
          ? new Answer(true, "The pipeline accepted the " + what + " (HTTP " + status + ").")
          : new Answer(false, "The pipeline answered HTTP " + status + snippet(answer.body()));
    } catch (IOException e) {
      return new Answer(false, "The pipeline at " + url + " could not be reached: " + reason(e));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Answer(false, "Interrupted while calling the pipeline");
    } catch (RuntimeException e) {
      return new Answer(false, "The pipeline could not be called: " + e.getMessage());
    }
  }

  static String body(AutomatedDeployment d, String callbackUrl, String token) {
    ObjectNode root = JSON.createObjectNode();
    root.put("type", "deployment.requested");
    root.put("timestamp", d.startedAt().toString());
    ObjectNode data = root.putObject("data");
    data.put("deployment", d.id());
    data.put("release", d.release());
    data.put("product", d.product());
    data.put("environment", d.environment());
    data.put("version", d.version());
    data.put("previousVersion", d.previousVersion());
    data.put("kind", d.kind().id());
    ObjectNode callback = data.putObject("callback");
    callback.put("url", callbackUrl);
    callback.put("token", token);
    return JSON.writeValueAsString(root);
  }

  static String cancelBody(AutomatedDeployment d) {
    ObjectNode root = JSON.createObjectNode();
    root.put("type", "deployment.cancelled");
    root.put("timestamp", (d.finishedAt() == null ? d.startedAt() : d.finishedAt()).toString());
    ObjectNode data = root.putObject("data");
    data.put("deployment", d.id());
    data.put("release", d.release());
    data.put("product", d.product());
    data.put("environment", d.environment());
    data.put("version", d.version());
    data.put("kind", d.kind().id());
    data.put("status", d.status().id());
    data.put("message", d.message());
    return JSON.writeValueAsString(root);
  }

  private static String snippet(String body) {
    if (body == null || body.isBlank()) return ".";
    String s = body.strip().replaceAll("\\s+", " ");
    return ": " + (s.length() > 200 ? s.substring(0, 200) + "…" : s);
  }

  private static String reason(Exception e) {
    String m = e.getMessage();
    return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
  }
}
