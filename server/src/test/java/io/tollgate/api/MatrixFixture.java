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

  /** Operations whose fixture product follows another process than the standard one. */
  private static final Map<String, String> PROCESS_OF = Map.of("approveRelease", "octoacme-strict");

  private MatrixFixture(Api admin, Outsider outsider, String process) {
    this.admin = admin;
    this.outsider = outsider;
    this.team = Team.create(admin, process);
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

  /** A fixture for calling the operation: its product follows the process the operation needs. */
  static MatrixFixture create(Api admin, Outsider outsider, String operationId) {
    return new MatrixFixture(admin, outsider, PROCESS_OF.get(operationId));
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

  /** A call made to be refused one way, to show that a refusal the document lists is real. */
  enum Probe {
    /** A JSON body that does not parse (another body: none at all): 400. */
    MALFORMED_BODY,
    /** A body in a content type the operation does not take: 415. */
    WRONG_CONTENT_TYPE,
    /** A body over the limit: 413. */
    TOO_LARGE,
    /** A number parameter (path or query) that is not a number: 400. */
    BAD_NUMBER,
    /** The last item of the path unknown: 404. */
    UNKNOWN_ITEM
  }

  /** The probe's call, or null when it does not apply to the operation. */
  Api.Response probe(Caller caller, Op op, Probe probe) {
    String method = op.method().toUpperCase();
    boolean takesBody = op.node().has("requestBody");
    List<String> takes =
        OpenApiDocumentIntegrationTests.names(op.node().path("requestBody").path("content"));
    String contentType = takes.isEmpty() ? null : takes.get(0);
    String accept = accept(op);
    return switch (probe) {
      case MALFORMED_BODY ->
          !takesBody
              ? null
              : "application/json".equals(contentType)
                  ? api(caller).call(method, path(op), contentType, accept, "{\"x\": ")
                  : api(caller).call(method, path(op), contentType, accept, "");
      case WRONG_CONTENT_TYPE ->
          takesBody ? api(caller).call(method, path(op), "image/png", accept, "x") : null;
      case TOO_LARGE ->
          takesBody
              ? api(caller)
                  .call(
                      method,
                      path(op),
                      contentType,
                      accept,
                      " ".repeat(io.tollgate.shared.Limits.BODY_BYTES + 1))
              : null;
      case BAD_NUMBER -> {
        String bad = withBadNumber(op);
        yield bad == null ? null : api(caller).call(method, bad, contentType, accept, body(op));
      }
      case UNKNOWN_ITEM -> {
        String unknown = withUnknownLastItem(op);
        yield unknown == null
            ? null
            : api(caller).call(method, unknown, contentType, accept, body(op));
      }
    };
  }

  /** The body the operation's normal call sends, as text. */
  private String body(Op op) {
    Object body = body(op.node().path("operationId").asString());
    if (body == null) return null;
    if (body instanceof Xml xml) return xml.text();
    return body instanceof String yaml ? yaml : JSON.writeValueAsString(body);
  }

  /** The path with its first number parameter not a number (a query one added), or null. */
  private String withBadNumber(Op op) {
    for (tools.jackson.databind.JsonNode p : op.node().path("parameters")) {
      String type = p.path("schema").path("type").asString();
      if (!type.equals("integer") && !type.equals("number")) continue;
      String name = p.path("name").asString();
      if (p.path("in").asString().equals("query")) return path(op) + "?" + name + "=not-a-number";
      String template = op.path().replace("{" + name + "}", "not-a-number");
      return path(new Op(op.method(), template, op.node()));
    }
    return null;
  }

  /** The path with its last parameter's value replaced by one that names nothing. */
  private String withUnknownLastItem(Op op) {
    Matcher m = PARAMETER.matcher(op.path());
    String last = null;
    while (m.find()) last = m.group(2);
    if (last == null) return null;
    String name = last;
    boolean number = false;
    for (tools.jackson.databind.JsonNode p : op.node().path("parameters")) {
      if (p.path("name").asString().equals(name)) {
        String type = p.path("schema").path("type").asString();
        number = type.equals("integer") || type.equals("number");
      }
    }
    int at = op.path().lastIndexOf("{" + name + "}");
    String template =
        op.path().substring(0, at)
            + (number ? "987654" : "no-such-item")
            + op.path().substring(at + name.length() + 2);
    return path(new Op(op.method(), template, op.node()));
  }

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
            case "subscriptions/id" -> freshSubscription();
            case "deliveries/id" -> aDelivery();
            case "customer-issues/id" -> aCriticalCustomerIssue();
            case "environments/env" -> automatedStaging();
            case "deployments/id" -> deployment();
            case "freezes/id" -> freshFreeze();
            case "freeze-overrides/id" -> pendingOverride();
            case "steps/key" ->
                template.endsWith("/start")
                    ? "deploy-staging"
                    : incidentPath
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
    if (template.equals("/api/v1/calendar.ics")) {
      out.append("?token=").append(feedToken()); // the developer's feed
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
      case "approveRelease" -> Map.of("comment", "looks good");
      case "updateNotes" -> Map.of("summary", "Matrix release");
      case "verifyAuditCheckpoint" ->
          Map.of("seq", 1, "hash", "00", "at", "2026-01-01T00:00:00Z", "signature", "AA==");
      case "openIncident" -> Map.of("severity", "high", "summary", "Something broke");
      case "createSubscription" ->
          Map.of(
              "events",
              List.of("release.*"),
              "channel",
              Map.of("kind", "email", "to", List.of("stakeholders")));
      case "setStakeholders" -> Map.of("emails", List.of("cfo@example.com"));
      case "setCustomers" -> Map.of("emails", List.of("buyer@example.com"));
      case "reportCustomerIssue" ->
          Map.of(
              "summary",
              "Checkout fails",
              "severity",
              "critical",
              "link",
              "https://support.example/1");
      case "setMyNotificationPreferences" ->
          Map.of("emailOff", List.of("step.*"), "mutedProducts", List.of());
      case "setEnvironmentAutomation" ->
          Map.of("executor", Map.of("kind", "webhook", "url", "https://ci.example.com/hooks/1"));
      case "reportDeploymentStatus" -> Map.of("status", "succeeded");
      case "clearEnvironmentLock" -> Map.of("reason", "fixed and checked");
      case "createFreeze" -> farFreeze();
      case "requestFreezeOverride" -> Map.of("reason", "payment outage hotfix");
      case "resolveIncident" ->
          Map.of("rootCause", "a bad config", "actionItems", List.of("check configs"));
      default -> null;
    };
  }

  private boolean automated;
  private String deployment;

  /** Staging deployed by a webhook (to a port where nothing listens: it fails after retries). */
  private String automatedStaging() {
    if (!automated) {
      Api.Response put =
          admin.put(
              "/api/v1/products/" + team.product + "/environments/staging/automation",
              Map.of("executor", Map.of("kind", "webhook", "url", "http://127.0.0.1:9/deploy")));
      assertThat(put.status()).as(put.toString()).isEqualTo(200);
      automated = true;
    }
    return "staging";
  }

  /** A deployment of the fixture's release to staging. */
  private String deployment() {
    if (deployment == null) {
      automatedStaging();
      String r = "/api/v1/releases/" + release;
      for (var step :
          List.of(
              Map.entry(team.rm, "schedule-window"),
              Map.entry(team.devops, "backup"),
              Map.entry(team.qa, "quality-gate"))) {
        Api.Response done =
            step.getKey().post(r + "/steps/" + step.getValue() + "/complete", Map.of("note", "ok"));
        assertThat(done.status()).as(done.toString()).isEqualTo(200);
      }
      Api.Response started = team.devops.post(r + "/steps/deploy-staging/start");
      assertThat(started.status()).as(started.toString()).isEqualTo(202);
      deployment = started.json().path("deployment").path("id").asString();
    }
    return deployment;
  }

  /** A freeze of the fixture's product in the far future (nobody's deploys are frozen). */
  private Map<String, Object> farFreeze() {
    return Map.of(
        "reason", "Matrix freeze",
        "start", "2099-12-24T00:00:00Z",
        "end", "2099-12-27T00:00:00Z",
        "products", List.of(team.product));
  }

  /** A freeze of the product, made for this call (a delete uses it up). */
  private String freshFreeze() {
    Api.Response made = admin.post("/api/v1/freezes", farFreeze());
    assertThat(made.status()).as(made.toString()).isEqualTo(201);
    return made.text("id");
  }

  private String override;

  /**
   * An override of a freeze a month ahead for the fixture's release, requested by a second release
   * manager: the fixture's release manager may approve it.
   */
  private String pendingOverride() {
    if (override == null) {
      java.time.Instant start = java.time.Instant.now().plus(java.time.Duration.ofDays(30));
      Api.Response freeze =
          admin.post(
              "/api/v1/freezes",
              Map.of(
                  "reason", "Month-end close",
                  "start", start.toString(),
                  "end", start.plus(java.time.Duration.ofDays(1)).toString(),
                  "products", List.of(team.product)));
      assertThat(freeze.status()).as(freeze.toString()).isEqualTo(201);
      Api second = team.person("rm2-" + unique(), List.of("release-manager"));
      Api.Response asked =
          second.post(
              "/api/v1/releases/" + release + "/freeze-override", Map.of("reason", "hotfix"));
      assertThat(asked.status()).as(asked.toString()).isEqualTo(201);
      override = asked.text("id");
    }
    return override;
  }

  private String feedToken;

  /** The developer's calendar feed token (its URL's {@code token}). */
  private String feedToken() {
    if (feedToken == null) {
      Api.Response made = team.developer.post("/api/v1/me/calendar-token");
      assertThat(made.status()).as(made.toString()).isEqualTo(201);
      String url = made.text("url");
      feedToken = url.substring(url.indexOf("token=") + "token=".length());
    }
    return feedToken;
  }

  private String developer() {
    return team.usernames.get("developer");
  }

  /** A subscription of the product, made for this call (a delete uses it up). */
  private String freshSubscription() {
    Api.Response made =
        team.rm.post(
            "/api/v1/products/" + team.product + "/subscriptions",
            Map.of(
                "events",
                List.of("incident.*"),
                "channel",
                Map.of("kind", "email", "to", List.of("stakeholders"))));
    assertThat(made.status()).as(made.toString()).isEqualTo(201);
    return made.text("id");
  }

  /** A critical issue on a second release of the product, released for it. */
  private String aCriticalCustomerIssue() {
    String released = io.tollgate.support.ReleaseDriver.plan(team, "minor");
    io.tollgate.support.ReleaseDriver.release(team, released);
    Api.Response issue =
        team.support.post(
            "/api/v1/releases/" + released + "/customer-issues",
            Map.of("summary", "Checkout fails", "severity", "critical"));
    assertThat(issue.status()).as(issue.toString()).isEqualTo(201);
    return issue.text("id");
  }

  /** A delivery of the product: the default subscriptions tell of the fixture's incident. */
  private String aDelivery() {
    String[] id = new String[1];
    org.awaitility.Awaitility.await()
        .atMost(java.time.Duration.ofSeconds(10))
        .until(
            () -> {
              var list = team.rm.get("/api/v1/products/" + team.product + "/deliveries").json();
              if (list.isEmpty()) return false;
              id[0] = list.get(0).path("id").asString();
              return true;
            });
    return id[0];
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
