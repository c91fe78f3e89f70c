package io.tollgate.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.api.AuthorizationMatrixIntegrationTests.Caller;
import io.tollgate.api.OpenApiDocumentIntegrationTests.Op;
import io.tollgate.support.Api;
import io.tollgate.support.Team;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the authorization matrix calls each operation on: a product with one person per role, a
 * planned release and an incident opened on it, plus a newcomer without roles (the {@code
 * members/{username}} of the product). Path parameters and bodies are filled from it, fresh per
 * call where a call uses something up (a new user, product, token, process version).
 */
final class MatrixFixture {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Pattern PARAMETER = Pattern.compile("([^/]+)/\\{([^}]+)}");

  /** A person with a token and no role on any fixture's product. */
  record Outsider(Api api) {}

  private final Api admin;
  private final Outsider outsider;
  private final Team team;
  private final String release;
  private final String incident;
  private final String newcomer;
  private final Map<Caller, Api> scoped = new java.util.EnumMap<>(Caller.class);

  private MatrixFixture(Api admin, Outsider outsider) {
    this.admin = admin;
    this.outsider = outsider;
    this.team = Team.create(admin);
    Api.Response planned =
        team.rm.post("/api/v1/products/" + team.product + "/releases", Map.of("type", "minor"));
    assertThat(planned.status()).as(planned.toString()).isEqualTo(201);
    this.release = planned.text("id");
    Api.Response opened =
        team.rm.post(
            "/api/v1/releases/" + release + "/incidents",
            Map.of("severity", "high", "summary", "Matrix fixture"));
    assertThat(opened.status()).as(opened.toString()).isEqualTo(201);
    this.incident = opened.text("id");
    connectGithub();
    this.newcomer = "newcomer-" + unique();
    team.person(newcomer, List.of());
    scoped.put(Caller.RM_READ_ONLY, team.scoped("release-manager", Map.of("readOnly", true)));
    scoped.put(
        Caller.QA_PIPELINE,
        team.scoped(
            "qa-lead",
            Map.of("products", List.of(team.product), "actions", List.of("requirements:meet"))));
    scoped.put(
        Caller.RM_OTHER_PRODUCT,
        team.scoped("release-manager", Map.of("products", List.of("elsewhere-" + unique()))));
  }

  /** The product's GitHub integration, there for reading (and set again before each delete). */
  private void connectGithub() {
    Api.Response github =
        admin.put(
            "/api/v1/products/" + team.product + "/integrations/github",
            Map.of("repository", "octo-org/matrix", "secret", "matrix secret"));
    assertThat(github.status()).as(github.toString()).isEqualTo(200);
  }

  static MatrixFixture create(Api admin, Outsider outsider) {
    return new MatrixFixture(admin, outsider);
  }

  static Outsider outsider(Api admin) {
    String username = "outsider-" + unique();
    Api.Response user =
        admin.post(
            "/api/v1/users",
            Map.of("username", username, "displayName", "Outsider", "email", username + "@x.test"));
    assertThat(user.status()).as(user.toString()).isEqualTo(201);
    Api.Response token = admin.post("/api/v1/users/" + username + "/tokens", Map.of("name", "t"));
    assertThat(token.status()).as(token.toString()).isEqualTo(201);
    return new Outsider(admin.as(token.text("token")));
  }

  Api.Response call(Caller caller, Op op) {
    String id = op.node().path("operationId").asString();
    String path = path(op);
    Object body = body(id);
    String contentType = null;
    String text = null;
    if (body instanceof Xml xml) {
      contentType = "application/xml";
      text = xml.text();
    } else if (body instanceof String yaml) {
      contentType = "application/yaml";
      text = yaml;
    } else if (body != null) {
      contentType = "application/json";
      text = JSON.writeValueAsString(body);
    }
    String accept = accept(op);
    return api(caller).call(op.method().toUpperCase(), path, contentType, accept, text);
  }

  /** A body sent as application/xml. */
  record Xml(String text) {}

  /** JSON where the operation answers it, else the first type it answers. */
  private static String accept(Op op) {
    List<String> types = new java.util.ArrayList<>();
    op.node()
        .path("responses")
        .properties()
        .forEach(
            r -> {
              if (r.getKey().startsWith("2"))
                r.getValue().path("content").propertyNames().forEach(types::add);
            });
    if (types.isEmpty() || types.contains("application/json")) return "application/json";
    return types.get(0);
  }

  private Api api(Caller caller) {
    return switch (caller) {
      case NO_TOKEN -> admin.as(null);
      case OUTSIDER -> outsider.api();
      case RELEASE_MANAGER -> team.rm;
      case QA_LEAD -> team.qa;
      case DEVOPS -> team.devops;
      case DEVELOPER -> team.developer;
      case SUPPORT -> team.support;
      case ADMIN -> admin;
      case RM_READ_ONLY, QA_PIPELINE, RM_OTHER_PRODUCT -> scoped.get(caller);
    };
  }

  /** The path with each parameter filled by what it names: the segment before it says. */
  private String path(Op op) {
    String template = op.path();
    boolean incidentPath = template.startsWith("/api/v1/incidents/");
    boolean skip = template.endsWith("/skip");
    Matcher m = PARAMETER.matcher(template);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String value =
          switch (m.group(1) + "/" + m.group(2)) {
            case "products/key" -> team.product;
            case "github/product" -> team.product;
            case "members/username" -> newcomer;
            case "users/username" -> developer();
            case "tokens/id" -> freshTokenOfTheDeveloper();
            case "processes/id" -> "octoacme-standard";
            case "versions/version" -> "1";
            case "releases/id" -> release;
            case "incidents/id" -> incident;
            case "requirements/key" -> "acceptance-criteria";
            case "handoffs/key" -> "qa-to-rm";
            case "steps/key" ->
                incidentPath
                    ? (skip ? "execute-rollback" : "notify-oncall")
                    : (skip ? "backup" : "schedule-window");
            default ->
                throw new AssertionError(
                    "MatrixFixture does not know what to put in " + m.group() + " of " + op);
          };
      m.appendReplacement(out, Matcher.quoteReplacement(m.group(1) + "/" + value));
    }
    m.appendTail(out);
    if (template.endsWith("/integrations/github") && op.method().equalsIgnoreCase("delete")) {
      connectGithub(); // each allowed caller deletes one
    }
    if (template.endsWith("/test-reports") && op.method().equalsIgnoreCase("post")) {
      out.append("?requirement=acceptance-criteria"); // the QA lead's
    }
    return out.toString();
  }

  /** A valid body for each operation that takes one. */
  private Object body(String operationId) {
    return switch (operationId) {
      case "createUser" -> {
        String u = "user-" + unique();
        yield Map.of("username", u, "displayName", "Someone", "email", u + "@x.test");
      }
      case "issueToken" -> Map.of("name", "matrix");
      case "setPassword" -> Map.of("password", "correct horse battery staple");
      case "createProduct" -> Map.of("key", "m-" + unique(), "name", "Matrix product");
      case "setProductMember" -> Map.of("roles", List.of("developer"));
      case "publishProcess" -> processYaml("matrix-" + unique());
      case "createRelease" -> Map.of("type", "minor");
      case "meetRequirement" -> Map.of("evidence", Map.of("url", "https://tracker.example/epic/1"));
      case "completeStep", "completeIncidentStep" -> Map.of("note", "done");
      case "skipStep", "skipIncidentStep", "cancelRelease" -> Map.of("reason", "not needed");
      case "decide" -> Map.of("decision", "no-go", "rationale", "not yet");
      case "setGithubIntegration" ->
          Map.of("repository", "octo-org/matrix", "secret", "another matrix secret");
      case "receiveGithubWebhook" -> Map.of("zen", "unsigned");
      case "updateRelease" -> Map.of("commit", "0123456789abcdef0123456789abcdef01234567");
      case "addChanges" ->
          Map.of(
              "commits",
              List.of(
                  Map.of("sha", "0123456789abcdef0123456789abcdef01234567", "message", "feat: x")));
      case "addTestReport" ->
          new Xml(
              "<testsuite name=\"matrix\" tests=\"1\"><testcase name=\"t\" classname=\"C\"/></testsuite>");
      case "updateNotes" -> Map.of("summary", "Matrix release");
      case "verifyAuditCheckpoint" ->
          Map.of("seq", 1, "hash", "00", "at", "2026-01-01T00:00:00Z", "signature", "AA==");
      case "openIncident" -> Map.of("severity", "high", "summary", "Something broke");
      case "resolveIncident" ->
          Map.of("rootCause", "a bad config", "actionItems", List.of("check configs"));
      default -> null;
    };
  }

  private String developer() {
    return team.usernames.get("developer");
  }

  private String freshTokenOfTheDeveloper() {
    Api.Response token =
        admin.post("/api/v1/users/" + developer() + "/tokens", Map.of("name", "to revoke"));
    assertThat(token.status()).as(token.toString()).isEqualTo(201);
    return token.text("id");
  }

  private static String processYaml(String id) {
    try (InputStream in =
        MatrixFixture.class.getResourceAsStream("/io/tollgate/process/octoacme-standard.yaml")) {
      String yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      return yaml.replaceFirst("(?m)^id: octoacme-standard$", "id: " + id);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String unique() {
    return UUID.randomUUID().toString().substring(0, 8);
  }
}
