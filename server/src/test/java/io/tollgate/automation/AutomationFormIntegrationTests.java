package io.tollgate.automation;

import static io.tollgate.support.ReleaseDriver.ok;
import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.support.IntegrationTest;
import io.tollgate.support.Team;
import io.tollgate.support.WebPage;
import io.tollgate.support.WebSession;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The product page's automation form edits every kind of automation the API takes — both executors,
 * HTTP checks with status and body, Prometheus checks — and says in the page's words why it did not
 * save, saving nothing then.
 */
class AutomationFormIntegrationTests extends IntegrationTest {
  private static final String PASSWORD = "automation form password";
  Team t;
  WebSession devops;

  @BeforeEach
  void signIn() {
    t = team();
    String name = t.usernames.get("devops");
    assertThat(
            admin.put("/api/v1/users/" + name + "/password", Map.of("password", PASSWORD)).status())
        .isEqualTo(204);
    devops = new WebSession(port);
    assertThat(devops.signIn(name, PASSWORD)).isTrue();
  }

  String form() {
    return "/products/" + t.product + "/environments/staging/automation";
  }

  JsonNode stored() {
    return ok(t.devops.get("/api/v1/products/" + t.product + "/environments/staging/automation"))
        .json();
  }

  Map<String, String> webhook(String checks) {
    Map<String, String> f = new LinkedHashMap<>();
    f.put("kind", "webhook");
    f.put("url", "https://ci.example.com/hooks/deploy");
    f.put("timeoutSeconds", "900");
    f.put("checks", checks);
    f.put("soakSeconds", "30");
    f.put("intervalSeconds", "5");
    f.put("autoVerify", "true");
    return f;
  }

  @Test
  void savesAWebhookWithHttpAndPrometheusChecksAndShowsThemBack() {
    WebPage saved =
        devops.post(
            form(),
            webhook(
                "http https://shop.example/health 200 UP\n"
                    + "http https://shop.example/gone 410\n"
                    + "prometheus http://prometheus.example:9090 sum(rate(errors_total[5m])) < 0.01"));
    assertThat(saved.status()).isEqualTo(302);
    WebPage after = devops.get(saved.location());
    assertThat(after.body()).contains("The automation of staging is saved");

    JsonNode config = stored();
    assertThat(config.path("executor").path("kind").asString()).isEqualTo("webhook");
    assertThat(config.path("executor").path("timeoutSeconds").asInt()).isEqualTo(900);
    JsonNode checks = config.path("verification").path("checks");
    assertThat(checks.size()).isEqualTo(3);
    assertThat(checks.get(0).path("bodyContains").asString()).isEqualTo("UP");
    assertThat(checks.get(1).path("expectStatus").asInt()).isEqualTo(410);
    assertThat(checks.get(2).path("kind").asString()).isEqualTo("prometheus");
    assertThat(checks.get(2).path("query").asString()).isEqualTo("sum(rate(errors_total[5m]))");
    assertThat(checks.get(2).path("op").asString()).isEqualTo("<");
    assertThat(checks.get(2).path("threshold").asDouble()).isEqualTo(0.01);
    assertThat(config.path("verification").path("soakSeconds").asInt()).isEqualTo(30);

    // the form shows every check again, so saving it unchanged keeps them all
    String fragment = devops.get("/products/" + t.product + "/automation").body();
    assertThat(fragment)
        .contains("http https://shop.example/health 200 UP")
        .contains("http https://shop.example/gone 410")
        .contains(
            "prometheus http://prometheus.example:9090 sum(rate(errors_total[5m])) &lt; 0.01");
  }

  @Test
  void aCheckItCannotReadOrTheApiRefusesIsNamedAndNothingIsSaved() {
    WebPage first = devops.post(form(), webhook("http https://shop.example/health"));
    assertThat(devops.get(first.location()).body()).contains("The automation of staging is saved");

    WebPage unreadable =
        devops.post(
            form(),
            webhook("http https://shop.example/health\nprometheus http://p.example up == 1"));
    assertThat(devops.get(unreadable.location()).element("p", "data-testid=\"problem\""))
        .contains(
            "The automation of staging is not saved: Check 2: &#39;==&#39; is not a comparison");

    WebPage refused = devops.post(form(), webhook("ftp://shop.example/health"));
    assertThat(devops.get(refused.location()).element("p", "data-testid=\"problem\""))
        .contains("not saved: check 1, url must be an http or https URL");

    JsonNode checks = stored().path("verification").path("checks");
    assertThat(checks.size()).as("the first configuration stands").isEqualTo(1);
    assertThat(checks.get(0).path("url").asString()).isEqualTo("https://shop.example/health");
  }

  @Test
  void theAdministratorSavesACommandExecutor() {
    adminPassword(PASSWORD);
    WebSession root = new WebSession(port);
    assertThat(root.signIn("admin", PASSWORD)).isTrue();
    Map<String, String> f = new LinkedHashMap<>();
    f.put("kind", "command");
    f.put("command", "/opt/deploy/run.sh\n--env\nstaging");
    f.put("timeoutSeconds", "120");
    f.put("checks", "");
    assertThat(root.post(form(), f).status()).isEqualTo(302);
    JsonNode executor = stored().path("executor");
    assertThat(executor.path("kind").asString()).isEqualTo("command");
    assertThat(executor.path("command").valueStream().map(JsonNode::asString))
        .containsExactly("/opt/deploy/run.sh", "--env", "staging");
    assertThat(executor.path("timeoutSeconds").asInt()).isEqualTo(120);

    // devops may not: the page says why
    WebPage refused = devops.post(form(), f);
    assertThat(devops.get(refused.location()).element("p", "data-testid=\"problem\""))
        .contains("only the system administrator");
  }
}
