package io.tollgate.automation;

import static io.tollgate.automation.AutomationFixtures.awaitDeployment;
import static io.tollgate.automation.AutomationFixtures.readyForStaging;
import static io.tollgate.automation.AutomationFixtures.start;
import static io.tollgate.support.ReleaseDriver.ok;
import static io.tollgate.support.ReleaseDriver.path;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tollgate.support.Api;
import io.tollgate.support.IntegrationTest;
import io.tollgate.support.Team;
import java.io.File;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The Prometheus check against a real Prometheus (Debian package {@code prometheus}) scraping a
 * metrics endpoint this test controls. Skipped when no {@code prometheus} is on the PATH, unless
 * {@code TOLLGATE_REQUIRE_PROMETHEUS=true} (as {@code .ci/run} sets), in which case it fails. Runs
 * alone with {@code -Dgroups=prometheus}.
 */
@Tag("prometheus")
class PrometheusCheckIntegrationTests extends IntegrationTest {
  @TempDir Path dir;

  static String prometheus() {
    for (String p : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      if (Files.isExecutable(Path.of(p, "prometheus"))) return Path.of(p, "prometheus").toString();
    }
    if ("true".equalsIgnoreCase(System.getenv("TOLLGATE_REQUIRE_PROMETHEUS"))) {
      throw new AssertionError(
          "prometheus is not on the PATH: install the Debian package prometheus");
    }
    return null;
  }

  @Test
  void aRealPrometheusDecidesTheCheck() throws Exception {
    String binary = prometheus();
    Assumptions.assumeTrue(binary != null, "no prometheus on the PATH");
    try (Endpoint metrics = new Endpoint()) {
      metrics.answer(
          n ->
              new Endpoint.Answer(
                  200,
                  "# TYPE shop_error_ratio gauge\nshop_error_ratio{service=\"shop\"} 0.002\n"));
      int port;
      try (ServerSocket s = new ServerSocket(0)) {
        port = s.getLocalPort();
      }
      URI target = URI.create(metrics.url("/"));
      Path config = dir.resolve("prometheus.yml");
      Files.writeString(
          config,
          "global:\n  scrape_interval: 1s\n  evaluation_interval: 1s\nscrape_configs:\n"
              + "  - job_name: shop\n    metrics_path: /metrics\n    static_configs:\n"
              + "      - targets: ['127.0.0.1:"
              + target.getPort()
              + "']\n");
      Process prometheus =
          new ProcessBuilder(
                  binary,
                  "--config.file=" + config,
                  "--storage.tsdb.path=" + dir.resolve("data"),
                  "--web.listen-address=127.0.0.1:" + port)
              .redirectErrorStream(true)
              .redirectOutput(dir.resolve("prometheus.log").toFile())
              .start();
      try {
        String base = "http://127.0.0.1:" + port;
        HttpClient client = HttpClient.newHttpClient();
        await()
            .atMost(Duration.ofSeconds(60))
            .ignoreExceptions()
            .until(
                () ->
                    client
                        .send(
                            HttpRequest.newBuilder(
                                    URI.create(base + "/api/v1/query?query=shop_error_ratio"))
                                .build(),
                            HttpResponse.BodyHandlers.ofString())
                        .body()
                        .contains("0.002"));

        Team t = team();
        Map<String, Object> below =
            Map.of(
                "kind",
                "prometheus",
                "url",
                base,
                "query",
                "shop_error_ratio",
                "op",
                "<",
                "threshold",
                0.01);
        Api.Response configured =
            t.devops.put(
                "/api/v1/products/" + t.product + "/environments/staging/automation",
                Map.of(
                    "executor",
                    Map.of("kind", "webhook", "url", "https://ci.example.com/x"),
                    "verification",
                    Map.of("checks", List.of(below), "soakSeconds", 1, "intervalSeconds", 1)));
        assertThat(configured.status()).as(configured.toString()).isEqualTo(200);
        String release = readyForStaging(t);
        ok(
            t.devops.post(
                path(release) + "/steps/deploy-staging/complete", Map.of("outcome", "succeeded")));
        JsonNode passed =
            awaitDeployment(
                t.qa,
                start(t.qa, release, "smoke-staging"),
                j -> "succeeded".equals(j.path("status").asString()));
        assertThat(passed.path("checks").get(0).path("value").asString())
            .startsWith("0.002 < 0.01");

        // the error ratio rises: a later scrape fails the check
        metrics.answer(
            n ->
                new Endpoint.Answer(
                    200,
                    "# TYPE shop_error_ratio gauge\nshop_error_ratio{service=\"shop\"} 0.2\n"));
        await()
            .atMost(Duration.ofSeconds(30))
            .ignoreExceptions()
            .until(
                () ->
                    client
                        .send(
                            HttpRequest.newBuilder(
                                    URI.create(base + "/api/v1/query?query=shop_error_ratio"))
                                .build(),
                            HttpResponse.BodyHandlers.ofString())
                        .body()
                        .contains("\"0.2\""));
        String again = readyForStaging(t);
        ok(
            t.devops.post(
                path(again) + "/steps/deploy-staging/complete", Map.of("outcome", "succeeded")));
        JsonNode failed =
            awaitDeployment(
                t.qa,
                start(t.qa, again, "smoke-staging"),
                j -> "failed".equals(j.path("status").asString()));
        assertThat(failed.path("message").asString()).contains("0.2 not < 0.01");
      } finally {
        prometheus.destroy();
        if (!prometheus.waitFor(10, TimeUnit.SECONDS)) prometheus.destroyForcibly();
      }
    }
  }
}
