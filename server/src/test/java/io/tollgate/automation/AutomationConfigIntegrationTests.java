package io.tollgate.automation;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.support.Api;
import io.tollgate.support.IntegrationTest;
import io.tollgate.support.Team;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class AutomationConfigIntegrationTests extends IntegrationTest {
  static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

  String path(Team t, String env) {
    return "/api/v1/products/" + t.product + "/environments/" + env + "/automation";
  }

  @Test
  void devopsConfiguresAWebhookWhoseSecretIsNeverShownOrStoredInTheClear() {
    Team t = team();
    Map<String, Object> body =
        Map.of(
            "executor",
            Map.of("kind", "webhook", "url", "https://ci.example.com/hooks/9", "secret", SECRET),
            "verification",
            Map.of(
                "checks",
                List.of(
                    Map.of("kind", "http", "url", "https://shop.example.com/health"),
                    Map.of(
                        "kind",
                        "prometheus",
                        "url",
                        "http://prometheus:9090",
                        "query",
                        "rate(errors[5m])",
                        "op",
                        "<",
                        "threshold",
                        0.01)),
                "soakSeconds",
                300),
            "autoRollback",
            true);
    Api.Response put = t.devops.put(path(t, "production"), body);
    assertThat(put.status()).as(put.toString()).isEqualTo(200);
    JsonNode view = t.developer.get(path(t, "production")).json();
    assertThat(view.path("executor").path("secret").asString()).isEqualTo("…set");
    assertThat(view.path("executor").path("url").asString())
        .isEqualTo("https://ci.example.com/hooks/9");
    assertThat(view.path("verification").path("checks")).hasSize(2);
    assertThat(view.path("verification").path("soakSeconds").asInt()).isEqualTo(300);
    assertThat(view.path("verification").path("intervalSeconds").asInt()).isEqualTo(10);
    assertThat(view.path("autoVerify").asBoolean()).isTrue();
    assertThat(view.path("autoRollback").asBoolean()).isTrue();
    assertThat(view.path("updatedBy").asString()).isEqualTo(t.usernames.get("devops"));
    assertThat(put.body()).doesNotContain(SECRET.substring(6));

    String stored =
        jdbc.sql(
                "select document from environment_automation where product_key = ? and environment"
                    + " = ?")
            .params(t.product, "production")
            .query(String.class)
            .single();
    assertThat(stored).contains("\"schemaVersion\":1").contains("tgs1:").doesNotContain(SECRET);

    // a new configuration without a secret keeps the stored one
    Api.Response again =
        t.devops.put(
            path(t, "production"),
            Map.of("executor", Map.of("kind", "webhook", "url", "https://ci.example.com/h")));
    assertThat(again.json().path("executor").path("secret").asString()).isEqualTo("…set");
  }

  @Test
  void aWebhookWithoutASecretGetsOneShownOnce() {
    Team t = team();
    Api.Response put =
        t.devops.put(
            path(t, "staging"),
            Map.of("executor", Map.of("kind", "webhook", "url", "https://ci.example.com/x")));
    String secret = put.json().path("executor").path("secret").asString();
    assertThat(secret).startsWith("whsec_");
    assertThat(t.devops.get(path(t, "staging")).json().path("executor").path("secret").asString())
        .isEqualTo("…set");
  }

  @Test
  void onlyTheAdminConfiguresACommandAndOnlyDevopsOrAdminAnything() {
    Team t = team();
    Map<String, Object> command =
        Map.of("executor", Map.of("kind", "command", "command", List.of("/bin/true")));
    Api.Response devops = t.devops.put(path(t, "staging"), command);
    assertThat(devops.status()).isEqualTo(403);
    assertThat(devops.json().path("detail").asString()).contains("system administrator");
    assertThat(admin.put(path(t, "staging"), command).status()).isEqualTo(200);
    Map<String, Object> hook =
        Map.of("executor", Map.of("kind", "webhook", "url", "https://ci.example.com/x"));
    assertThat(t.rm.put(path(t, "staging"), hook).status()).isEqualTo(403);
    assertThat(t.developer.delete(path(t, "staging")).status()).isEqualTo(403);
    assertThat(t.devops.delete(path(t, "staging")).status()).isEqualTo(204);
    assertThat(t.devops.get(path(t, "staging")).status()).isEqualTo(404);
    assertThat(t.devops.delete(path(t, "staging")).status()).as("idempotent").isEqualTo(204);
    assertThat(t.devops.get(path(t, "moon")).status()).isEqualTo(404);
  }

  @Test
  void badConfigurationsAreRefusedNamingTheField() {
    Team t = team();
    assertField(
        t,
        Map.of("executor", Map.of("kind", "webhook", "url", "ftp://ci.example.com/x")),
        "executor.url");
    assertField(
        t,
        Map.of(
            "executor",
            Map.of("kind", "webhook", "url", "https://ci.example.com/x", "secret", "whsec_!!")),
        "executor.secret");
    assertField(t, Map.of("executor", Map.of("kind", "ftp")), "executor.kind");
    assertField(
        t,
        Map.of(
            "executor",
            Map.of("kind", "webhook", "url", "https://ci.example.com/x", "timeoutSeconds", 0)),
        "executor.timeoutSeconds");
    assertField(
        t,
        Map.of(
            "executor",
            Map.of("kind", "webhook", "url", "https://ci.example.com/x"),
            "verification",
            Map.of(
                "checks",
                List.of(
                    Map.of(
                        "kind",
                        "prometheus",
                        "url",
                        "http://p:9090",
                        "query",
                        "up",
                        "op",
                        "==",
                        "threshold",
                        1)))),
        "verification.checks[0].op");
    assertThat(t.devops.put(path(t, "staging"), Map.of()).status()).isEqualTo(400);
  }

  private void assertField(Team t, Map<String, Object> body, String field) {
    Api.Response r = t.devops.put(path(t, "staging"), body);
    assertThat(r.status()).as(r.toString()).isEqualTo(422);
    assertThat(r.body()).contains(field);
  }
}
