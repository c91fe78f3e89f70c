package io.tollgate.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.support.Api;
import io.tollgate.support.IntegrationTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The served OpenAPI document describes the whole REST API: written to {@code target/openapi.json}
 * for the Redocly lint of {@code .ci/run}, and held here to the rules that matter most, so that a
 * machine with only a JDK checks them too.
 */
class OpenApiDocumentIntegrationTests extends IntegrationTest {
  /**
   * Operations called without a bearer token (a signed webhook, the calendar feed with its token in
   * the URL): they declare {@code security: []}.
   */
  static final Set<String> PUBLIC = Set.of("receiveGithubWebhook", "getCalendarFeed");

  private JsonNode doc;

  @BeforeEach
  void read() throws Exception {
    Api.Response served = admin.as(null).get("/v3/api-docs");
    assertThat(served.status()).isEqualTo(200);
    Files.createDirectories(Path.of("target"));
    Files.writeString(Path.of("target/openapi.json"), served.body());
    doc = served.json();
  }

  @Test
  void hasARealTitleAndTheProjectVersion() {
    assertThat(doc.path("info").path("title").asString()).isEqualTo("Tollgate REST API");
    assertThat(doc.path("info").path("version").asString()).matches("\\d+\\.\\d+\\.\\d+.*");
    assertThat(doc.path("info").path("description").asString()).isNotBlank();
  }

  @Test
  void describesOnlyTheRestApi() {
    assertThat(names(doc.path("paths"))).isNotEmpty().allMatch(p -> p.startsWith("/api/v1/"));
  }

  @Test
  void declaresTheBearerTokenScheme() {
    JsonNode schemes = doc.path("components").path("securitySchemes");
    assertThat(names(schemes)).hasSize(1);
    JsonNode bearer = schemes.path(names(schemes).get(0));
    assertThat(bearer.path("type").asString()).isEqualTo("http");
    assertThat(bearer.path("scheme").asString()).isEqualTo("bearer");
  }

  @Test
  void everyOperationHasASummaryAUniqueIdAndItsSecurity() {
    Set<String> ids = new HashSet<>();
    for (Op op : operations(doc)) {
      String id = op.node().path("operationId").asString();
      assertThat(id).as("operationId of %s", op).matches("[a-z][A-Za-z]+");
      assertThat(ids.add(id)).as("operationId %s is unique", id).isTrue();
      assertThat(op.node().path("summary").asString()).as("summary of %s", op).isNotBlank();
      JsonNode security = op.node().path("security");
      if (PUBLIC.contains(id)) {
        assertThat(security.isArray() && security.isEmpty())
            .as("%s is public: it declares security: []", op)
            .isTrue();
      } else {
        assertThat(security.valueStream().flatMap(s -> names(s).stream()).toList())
            .as("security of %s", op)
            .containsExactly(names(doc.path("components").path("securitySchemes")).get(0));
      }
    }
  }

  @Test
  void everyOperationDocumentsItsRefusalsAsProblemDetails() {
    for (Op op : operations(doc)) {
      JsonNode responses = op.node().path("responses");
      List<String> refusals =
          names(responses).stream().filter(code -> code.startsWith("4")).toList();
      assertThat(refusals).as("4xx responses of %s", op).isNotEmpty();
      if (!PUBLIC.contains(op.node().path("operationId").asString())) {
        assertThat(refusals).as("4xx responses of %s", op).contains("401");
      }
      for (String code : refusals) {
        JsonNode content = responses.path(code).path("content");
        assertThat(names(content))
            .as("%s %s", op, code)
            .containsExactly("application/problem+json");
        assertThat(content.path("application/problem+json").path("schema").path("$ref").asString())
            .as("%s %s", op, code)
            .isEqualTo("#/components/schemas/ProblemDetail");
      }
    }
    JsonNode problem = doc.path("components").path("schemas").path("ProblemDetail");
    assertThat(names(problem.path("properties")))
        .contains("type", "title", "status", "detail", "instance", "blockers", "errors");
  }

  @Test
  void everyJsonBodyIsDescribed() {
    List<String> untyped = new ArrayList<>();
    for (Op op : operations(doc)) {
      for (String code : names(op.node().path("responses"))) {
        if (!code.startsWith("2")) continue;
        JsonNode content = op.node().path("responses").path(code).path("content");
        for (String type : names(content)) {
          if (type.contains("json") && !described(content.path(type).path("schema"))) {
            untyped.add(op + " " + code + " " + type);
          }
        }
      }
      JsonNode body = op.node().path("requestBody").path("content");
      for (String type : names(body)) {
        if (type.contains("json") && !described(body.path(type).path("schema"))) {
          untyped.add(op + " request " + type);
        }
      }
    }
    assertThat(untyped).as("bodies without a schema").isEmpty();
  }

  @Test
  void theReleaseSchemaHasTheFieldsOfTheWireNotTheRecordsItIsMadeOf() {
    JsonNode release = doc.path("components").path("schemas").path("Release");
    assertThat(names(release.path("properties")))
        .contains("id", "product", "version", "type", "name", "status", "window", "createdAt")
        .contains("revision", "process", "createdBy", "requirements", "steps", "notes")
        .doesNotContain("summary");
  }

  /**
   * A named schema, a scalar, a list of described items, a choice of described schemas, or a map
   * whose values are described; never a bare object.
   */
  private static boolean described(JsonNode schema) {
    if (schema.has("$ref")) return true;
    for (String choice : List.of("oneOf", "anyOf")) {
      if (schema.path(choice).isArray() && !schema.path(choice).isEmpty()) {
        return schema
            .path(choice)
            .valueStream()
            .allMatch(OpenApiDocumentIntegrationTests::described);
      }
    }
    String type = schema.path("type").asString();
    if (Set.of("string", "integer", "number", "boolean").contains(type)) return true;
    if (type.equals("array")) return described(schema.path("items"));
    if (schema.path("additionalProperties").isObject()) {
      return described(schema.path("additionalProperties"));
    }
    return schema.path("properties").isObject() && !schema.path("properties").isEmpty();
  }

  record Op(String method, String path, JsonNode node) {
    @Override
    public String toString() {
      return method.toUpperCase() + " " + path;
    }
  }

  static List<Op> operations(JsonNode doc) {
    List<Op> ops = new ArrayList<>();
    for (Map.Entry<String, JsonNode> path : doc.path("paths").properties()) {
      for (Map.Entry<String, JsonNode> op : path.getValue().properties()) {
        if (Set.of("get", "put", "post", "delete", "patch").contains(op.getKey())) {
          ops.add(new Op(op.getKey(), path.getKey(), op.getValue()));
        }
      }
    }
    return ops;
  }

  static List<String> names(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.propertyNames().forEach(names::add);
    return names;
  }
}
