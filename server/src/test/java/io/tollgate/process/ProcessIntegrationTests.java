package io.tollgate.process;

import static io.tollgate.support.ReleaseDriver.ok;
import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.support.Api;
import io.tollgate.support.IntegrationTest;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Processes as code: published as versions; a running release keeps the version it began with. */
class ProcessIntegrationTests extends IntegrationTest {

  static String process(String id, String title) {
    return """
        id: %s
        name: Two-step process
        roles:
          - key: lead
            name: Lead
          - key: ops
            name: Ops
        requirements:
          - key: tested
            title: Tested
            owner: lead
        steps:
          - key: decide
            title: %s
            owner: lead
            kind: decision
          - key: ship
            title: Ship it
            owner: ops
            kind: deploy
            environment: live
            after: [decide]
        """
        .formatted(id, title);
  }

  @Test
  void aNewVersionDoesNotChangeReleasesThatAlreadyBegan() {
    String id = "custom-" + UUID.randomUUID().toString().substring(0, 8);
    Api.Response v1 =
        admin.raw("POST", "/api/v1/processes", "application/yaml", process(id, "Decide"));
    assertThat(v1.status()).as(v1.toString()).isEqualTo(201);
    assertThat(v1.json().path("version").asInt()).isEqualTo(1);
    String product = "prod-" + id;
    assertThat(
            admin
                .post(
                    "/api/v1/products",
                    Map.of(
                        "key",
                        product,
                        "name",
                        "P",
                        "process",
                        id,
                        "environments",
                        List.of("live")))
                .status())
        .isEqualTo(201);
    String lead = "lead-" + id;
    admin.post("/api/v1/users", Map.of("username", lead, "displayName", "Lead"));
    ok(
        admin.put(
            "/api/v1/products/" + product + "/members/" + lead, Map.of("roles", List.of("lead"))));
    Api leadApi =
        admin.as(
            admin.post("/api/v1/users/" + lead + "/tokens", Map.of("name", "t")).text("token"));
    String first =
        leadApi
            .post("/api/v1/products/" + product + "/releases", Map.of("type", "minor"))
            .text("id");

    Api.Response v2 =
        admin.raw("POST", "/api/v1/processes", "application/yaml", process(id, "Go or no-go"));
    assertThat(v2.json().path("version").asInt()).isEqualTo(2);
    String second =
        leadApi
            .post("/api/v1/products/" + product + "/releases", Map.of("type", "minor"))
            .text("id");

    JsonNode kept = leadApi.get("/api/v1/releases/" + first).json();
    assertThat(kept.path("process").path("version").asInt()).isEqualTo(1);
    assertThat(kept.path("steps").get(0).path("title").asString()).isEqualTo("Decide");
    JsonNode fresh = leadApi.get("/api/v1/releases/" + second).json();
    assertThat(fresh.path("process").path("version").asInt()).isEqualTo(2);
    assertThat(fresh.path("steps").get(0).path("title").asString()).isEqualTo("Go or no-go");
    assertThat(admin.get("/api/v1/processes/" + id).json().path("version").asInt()).isEqualTo(2);
    assertThat(
            admin
                .get("/api/v1/processes/" + id + "/versions/1")
                .json()
                .path("steps")
                .get(0)
                .path("title")
                .asString())
        .isEqualTo("Decide");
  }

  @Test
  void onlyTheAdminPublishesProcessesAndEveryoneCanReadThem() {
    Api.Response builtIn = admin.get("/api/v1/processes/octoacme-standard");
    assertThat(builtIn.status()).isEqualTo(200);
    JsonNode p = builtIn.json();
    assertThat(p.path("roles")).hasSize(5);
    assertThat(p.path("requirements")).hasSize(6);
    assertThat(p.path("steps")).hasSize(10);
    assertThat(p.path("handoffs")).hasSize(4);
    assertThat(p.path("playbook").path("steps")).hasSize(6);
    assertThat(p.path("notesTemplate").path("fields")).hasSize(6);
    assertThat(
            admin
                .get("/api/v1/processes")
                .json()
                .valueStream()
                .map(n -> n.path("id").asString())
                .toList())
        .contains("octoacme-standard");
    String user = "writer-" + UUID.randomUUID().toString().substring(0, 8);
    admin.post("/api/v1/users", Map.of("username", user, "displayName", "W"));
    Api writer =
        admin.as(
            admin.post("/api/v1/users/" + user + "/tokens", Map.of("name", "t")).text("token"));
    assertThat(
            writer
                .raw("POST", "/api/v1/processes", "application/yaml", process("sneaky", "x"))
                .status())
        .isEqualTo(403);
    assertThat(writer.get("/api/v1/processes/octoacme-standard").status()).isEqualTo(200);
    assertThat(admin.get("/api/v1/processes/no-such-process").status()).isEqualTo(404);
  }

  @Test
  void aBadYamlFileIs422WithTheLineOfTheProblem() {
    Api.Response r =
        admin.raw("POST", "/api/v1/processes", "application/yaml", "id: x\nname: [unclosed\n");
    assertThat(r.status()).isEqualTo(422);
    assertThat(r.json().path("errors").get(0).path("line").asInt()).isPositive();
  }
}
