package io.tollgate.automation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tollgate.automation.AutomationConfig.HttpCheck;
import io.tollgate.automation.AutomationConfig.PrometheusCheck;
import io.tollgate.automation.AutomationRequest.CheckRequest;
import io.tollgate.shared.Invalid;
import java.util.List;
import org.junit.jupiter.api.Test;

class CheckLinesTests {

  @Test
  void readsEveryKindOfCheckTheApiTakes() {
    List<CheckRequest> checks =
        CheckLines.parse(
            """
            https://shop.example/health

            http https://shop.example/ready 204
            http https://shop.example/status 200 all systems go
            http https://shop.example/version build 42
            prometheus http://prom:9090 sum(rate(errors_total[5m])) by (job) < 0.01
            """);
    assertThat(checks)
        .containsExactly(
            new CheckRequest("http", "https://shop.example/health", null, null, null, null, null),
            new CheckRequest("http", "https://shop.example/ready", 204, null, null, null, null),
            new CheckRequest(
                "http", "https://shop.example/status", 200, "all systems go", null, null, null),
            new CheckRequest(
                "http", "https://shop.example/version", null, "build 42", null, null, null),
            new CheckRequest(
                "prometheus",
                "http://prom:9090",
                null,
                null,
                "sum(rate(errors_total[5m])) by (job)",
                "<",
                0.01));
  }

  @Test
  void namesTheCheckItCannotRead() {
    assertThatThrownBy(() -> CheckLines.parse("http https://a.example\nping https://b.example"))
        .isInstanceOf(Invalid.class)
        .hasMessageStartingWith("Check 2: starts with 'ping'");
    assertThatThrownBy(() -> CheckLines.parse("prometheus http://p:9090 up == 1"))
        .hasMessageContaining("Check 1: '==' is not a comparison");
    assertThatThrownBy(() -> CheckLines.parse("prometheus http://p:9090 up > one"))
        .hasMessageContaining("Check 1: the threshold 'one' is not a number");
    assertThatThrownBy(() -> CheckLines.parse("prometheus http://p:9090 up"))
        .hasMessageContaining("Check 1: a Prometheus check is 'prometheus <url> <query>");
    assertThatThrownBy(() -> CheckLines.parse("http"))
        .hasMessageContaining("Check 1: the URL is missing");
  }

  @Test
  void writesStoredChecksAsLinesItReadsBack() {
    String lines =
        CheckLines.format(
            List.of(
                new HttpCheck("https://a.example/health", 200, null),
                new HttpCheck("https://a.example/ready", 200, "UP"),
                new HttpCheck("https://a.example/gone", 410, null),
                new PrometheusCheck("http://p:9090", "sum(up) by (job)", ">=", 3),
                new PrometheusCheck("http://p:9090", "error_ratio", "<", 0.05)));
    assertThat(lines)
        .isEqualTo(
            """
            http https://a.example/health
            http https://a.example/ready 200 UP
            http https://a.example/gone 410
            prometheus http://p:9090 sum(up) by (job) >= 3
            prometheus http://p:9090 error_ratio < 0.05""");
    List<CheckRequest> back = CheckLines.parse(lines);
    assertThat(back.get(1).bodyContains()).isEqualTo("UP");
    assertThat(back.get(2).expectStatus()).isEqualTo(410);
    assertThat(back.get(3).query()).isEqualTo("sum(up) by (job)");
    assertThat(back.get(4).threshold()).isEqualTo(0.05);
  }

  @Test
  void putsTheApisFieldNamesInThePagesWords() {
    assertThat(CheckLines.readable("verification.checks[2].op: one of <, <=, >, >="))
        .isEqualTo("check 3, op: one of <, <=, >, >=");
    assertThat(CheckLines.readable("verification.checks[0].url must be an http or https URL"))
        .isEqualTo("check 1, url must be an http or https URL");
    assertThat(CheckLines.readable("executor.url is missing")).isEqualTo("executor.url is missing");
  }
}
