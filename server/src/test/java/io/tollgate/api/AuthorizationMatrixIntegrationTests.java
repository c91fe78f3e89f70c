package io.tollgate.api;

import static io.tollgate.api.AuthorizationMatrixIntegrationTests.Caller.ADMIN;
import static io.tollgate.api.AuthorizationMatrixIntegrationTests.Caller.DEVELOPER;
import static io.tollgate.api.AuthorizationMatrixIntegrationTests.Caller.DEVOPS;
import static io.tollgate.api.AuthorizationMatrixIntegrationTests.Caller.NO_TOKEN;
import static io.tollgate.api.AuthorizationMatrixIntegrationTests.Caller.OUTSIDER;
import static io.tollgate.api.AuthorizationMatrixIntegrationTests.Caller.QA_LEAD;
import static io.tollgate.api.AuthorizationMatrixIntegrationTests.Caller.QA_PIPELINE;
import static io.tollgate.api.AuthorizationMatrixIntegrationTests.Caller.RELEASE_MANAGER;
import static io.tollgate.api.AuthorizationMatrixIntegrationTests.Caller.RM_OTHER_PRODUCT;
import static io.tollgate.api.AuthorizationMatrixIntegrationTests.Caller.RM_READ_ONLY;
import static io.tollgate.api.AuthorizationMatrixIntegrationTests.Caller.SUPPORT;
import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.api.OpenApiDocumentIntegrationTests.Op;
import io.tollgate.support.Api;
import io.tollgate.support.IntegrationTest;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Every operation of the served OpenAPI document, called by every kind of caller, answers as the
 * table {@link #WHO_MAY} says: the one place that states who may call what. An operation the table
 * does not name fails the build ("a new endpoint without a rule"), and so does a rule for an
 * operation that is gone.
 *
 * <p>Each operation gets its own fixture (a product with one person per role, a planned release and
 * an open incident, see {@link MatrixFixture}); callers the table refuses call first, so the state
 * they meet is the fixture's. A refused caller gets 401 (no token), 403, or — an outsider, to whom
 * the product's existence is not told — 404. A caller the table allows gets neither 401, 403 nor
 * 404; the domain may still refuse the fixture's state (409) or input (422). No call may answer
 * 5xx, every 4xx answered is documented for the operation, and a success answers the one 2xx the
 * document gives the operation (201 for a create, 204 for a delete).
 *
 * <p>And the other way: every refusal the document lists for an operation is one something answers.
 * Besides the callers above, probes call each operation as an allowed caller with a malformed JSON
 * body (400), a wrong content type (415), a body over the limit (413), a number parameter that is
 * not a number (400) and an unknown item in its path (404). A documented 4xx that neither a caller
 * nor a probe got is flagged, except 409 and 422, which depend on each operation's own state and
 * input and are proven by the feature tests.
 */
class AuthorizationMatrixIntegrationTests extends IntegrationTest {

  /** Who calls. */
  enum Caller {
    NO_TOKEN,
    /** Someone with a valid token and no role on the fixture's product. */
    OUTSIDER,
    RELEASE_MANAGER,
    QA_LEAD,
    DEVOPS,
    DEVELOPER,
    SUPPORT,
    /** The system administrator: manages users and products, holds no process role. */
    ADMIN,
    /** A token of the release manager with the scope {readOnly: true}. */
    RM_READ_ONLY,
    /**
     * A token of the QA lead with the scope {products: [the fixture's], actions:
     * [requirements:meet]}: a pipeline's token.
     */
    QA_PIPELINE,
    /** A token of the release manager scoped to another product. */
    RM_OTHER_PRODUCT
  }

  /** The scoped callers: their column follows from their user's and the scope (see scopedMay). */
  static final Set<Caller> SCOPED = EnumSet.of(RM_READ_ONLY, QA_PIPELINE, RM_OTHER_PRODUCT);

  static final Set<Caller> MEMBERS =
      EnumSet.of(RELEASE_MANAGER, QA_LEAD, DEVOPS, DEVELOPER, SUPPORT);
  static final Set<Caller> MEMBERS_AND_ADMIN = plus(MEMBERS, ADMIN);
  static final Set<Caller> ANY_TOKEN =
      EnumSet.complementOf(EnumSet.of(NO_TOKEN, RM_READ_ONLY, QA_PIPELINE, RM_OTHER_PRODUCT));

  /**
   * Who may call each operation, on the fixture: the developer is the user of the {@code
   * /users/{username}} paths, requirement {@code acceptance-criteria} (qa-lead's), step {@code
   * schedule-window} (release manager's), optional step {@code backup} (devops'), handoff {@code
   * qa-to-rm} (to the release manager), incident steps {@code notify-oncall} and {@code
   * execute-rollback} (devops'); see {@link MatrixFixture}.
   */
  static final Map<String, Set<Caller>> WHO_MAY =
      Map.ofEntries(
          // who the caller is
          Map.entry("ping", ANY_TOKEN),
          Map.entry("getMe", ANY_TOKEN),
          // users and tokens: the admin, or the user themselves
          Map.entry("createUser", EnumSet.of(ADMIN)),
          Map.entry("listUsers", EnumSet.of(ADMIN)),
          Map.entry("getUser", EnumSet.of(ADMIN, DEVELOPER)),
          Map.entry("issueToken", EnumSet.of(ADMIN, DEVELOPER)),
          Map.entry("listTokens", EnumSet.of(ADMIN, DEVELOPER)),
          Map.entry("revokeToken", EnumSet.of(ADMIN, DEVELOPER)),
          Map.entry("setPassword", EnumSet.of(ADMIN, DEVELOPER)),
          Map.entry("disableUser", EnumSet.of(ADMIN)),
          Map.entry("enableUser", EnumSet.of(ADMIN)),
          // products: created by the admin, read by members, staffed by the admin or the RM
          Map.entry("createProduct", EnumSet.of(ADMIN)),
          Map.entry("listProducts", ANY_TOKEN),
          Map.entry("getProduct", MEMBERS_AND_ADMIN),
          Map.entry("setProductMember", EnumSet.of(ADMIN, RELEASE_MANAGER)),
          Map.entry("listProductDeployments", MEMBERS_AND_ADMIN),
          // processes: read by anyone, published by the admin
          Map.entry("listProcesses", ANY_TOKEN),
          Map.entry("getProcess", ANY_TOKEN),
          Map.entry("getProcessVersion", ANY_TOKEN),
          Map.entry("publishProcess", EnumSet.of(ADMIN)),
          // releases: read by members and the admin; each command by the role that owns it
          Map.entry("createRelease", EnumSet.of(RELEASE_MANAGER)),
          Map.entry("listReleases", MEMBERS_AND_ADMIN),
          Map.entry("getRelease", MEMBERS_AND_ADMIN),
          Map.entry("meetRequirement", EnumSet.of(QA_LEAD)),
          Map.entry("completeStep", EnumSet.of(RELEASE_MANAGER)),
          Map.entry("skipStep", EnumSet.of(DEVOPS)),
          Map.entry("decide", EnumSet.of(RELEASE_MANAGER)),
          // approvals (on a product of octoacme-strict: a QA lead and a DevOps engineer approve a
          // minor release; the release manager planned it and may not)
          Map.entry("approveRelease", EnumSet.of(QA_LEAD, DEVOPS)),
          Map.entry("acknowledgeHandoff", EnumSet.of(RELEASE_MANAGER)),
          Map.entry("updateNotes", EnumSet.of(RELEASE_MANAGER)),
          Map.entry("getNotes", MEMBERS_AND_ADMIN),
          Map.entry("cancelRelease", EnumSet.of(RELEASE_MANAGER)),
          Map.entry("getReleaseAudit", MEMBERS_AND_ADMIN),
          // the evidence pack: what getRelease and getReleaseAudit show, for auditors
          Map.entry("getReleaseEvidence", MEMBERS_AND_ADMIN),
          Map.entry("updateRelease", EnumSet.of(RELEASE_MANAGER)),
          // a release's commits, and its test reports (QA's, on acceptance-criteria)
          Map.entry("addChanges", EnumSet.of(RELEASE_MANAGER, DEVELOPER)),
          Map.entry("getChanges", MEMBERS_AND_ADMIN),
          Map.entry("addTestReport", EnumSet.of(QA_LEAD)),
          Map.entry("listTestReports", MEMBERS_AND_ADMIN),
          // the product's GitHub integration: set up by the admin or devops, read by members
          Map.entry("setGithubIntegration", EnumSet.of(ADMIN, DEVOPS)),
          Map.entry("getGithubIntegration", MEMBERS_AND_ADMIN),
          Map.entry("deleteGithubIntegration", EnumSet.of(ADMIN, DEVOPS)),
          Map.entry("listGithubDeliveries", MEMBERS_AND_ADMIN),
          // signed by GitHub with the product's secret, not called with a token (see SIGNED)
          Map.entry("receiveGithubWebhook", EnumSet.noneOf(Caller.class)),
          Map.entry("getChangelog", MEMBERS_AND_ADMIN),
          // delivery insights: without a product, over the caller's own products (none: zeros);
          // with one, its members and the admin (InsightsIntegrationTests)
          Map.entry("getInsights", ANY_TOKEN),
          // incidents: opened by any member, worked by the playbook step's owner
          Map.entry("openIncident", MEMBERS),
          Map.entry("getIncident", MEMBERS_AND_ADMIN),
          Map.entry("completeIncidentStep", EnumSet.of(DEVOPS)),
          Map.entry("skipIncidentStep", EnumSet.of(DEVOPS)),
          Map.entry("resolveIncident", EnumSet.of(RELEASE_MANAGER)),
          // notifications: read by members and the admin, changed by the admin or the RM
          Map.entry("createSubscription", EnumSet.of(ADMIN, RELEASE_MANAGER)),
          Map.entry("listSubscriptions", MEMBERS_AND_ADMIN),
          Map.entry("deleteSubscription", EnumSet.of(ADMIN, RELEASE_MANAGER)),
          Map.entry("listDeliveries", MEMBERS_AND_ADMIN),
          Map.entry("retryDelivery", EnumSet.of(ADMIN, RELEASE_MANAGER)),
          Map.entry("setStakeholders", EnumSet.of(ADMIN, RELEASE_MANAGER)),
          Map.entry("getStakeholders", MEMBERS_AND_ADMIN),
          // support's customer list: kept by support (the guide's role), the RM or the admin
          Map.entry("setCustomers", EnumSet.of(ADMIN, RELEASE_MANAGER, SUPPORT)),
          Map.entry("getCustomers", MEMBERS_AND_ADMIN),
          Map.entry("getMyNotifications", ANY_TOKEN),
          // customer-reported issues: recorded and escalated by support or the RM
          Map.entry("reportCustomerIssue", EnumSet.of(RELEASE_MANAGER, SUPPORT)),
          Map.entry("listCustomerIssues", MEMBERS_AND_ADMIN),
          Map.entry("escalateCustomerIssue", EnumSet.of(RELEASE_MANAGER, SUPPORT)),
          Map.entry("getMyNotificationPreferences", ANY_TOKEN),
          Map.entry("setMyNotificationPreferences", ANY_TOKEN),
          // environment automation: configured by devops or the admin, read by members
          Map.entry("setEnvironmentAutomation", EnumSet.of(DEVOPS, ADMIN)),
          Map.entry("getEnvironmentAutomation", MEMBERS_AND_ADMIN),
          Map.entry("deleteEnvironmentAutomation", EnumSet.of(DEVOPS, ADMIN)),
          Map.entry("startStep", EnumSet.of(DEVOPS)),
          Map.entry("getEnvironmentLock", MEMBERS_AND_ADMIN),
          Map.entry("clearEnvironmentLock", EnumSet.of(RELEASE_MANAGER)),
          Map.entry("getDeployment", MEMBERS_AND_ADMIN),
          Map.entry("listReleaseDeployments", MEMBERS_AND_ADMIN),
          Map.entry("cancelDeployment", EnumSet.of(DEVOPS, ADMIN)),
          // the pipeline's callback takes the deployment's own token: no person may report
          Map.entry("reportDeploymentStatus", EnumSet.noneOf(Caller.class)),
          // production freezes: the admin, or a release manager for their own products; their
          // emergency overrides: asked by a release manager, approved by another one
          Map.entry("createFreeze", EnumSet.of(ADMIN, RELEASE_MANAGER)),
          Map.entry("listFreezes", ANY_TOKEN),
          Map.entry("deleteFreeze", EnumSet.of(ADMIN, RELEASE_MANAGER)),
          Map.entry("requestFreezeOverride", EnumSet.of(RELEASE_MANAGER)),
          Map.entry("approveFreezeOverride", EnumSet.of(RELEASE_MANAGER)),
          // the whole audit log
          Map.entry("listAuditEvents", EnumSet.of(ADMIN)),
          Map.entry("verifyAuditLog", EnumSet.of(ADMIN)),
          Map.entry("verifyAuditCheckpoint", EnumSet.of(ADMIN)),
          Map.entry("getAuditCheckpoint", EnumSet.of(ADMIN)),
          Map.entry("getAuditPublicKey", EnumSet.of(ADMIN)),
          // an online backup of the embedded database (409 on PostgreSQL and in memory)
          Map.entry("createBackup", EnumSet.of(ADMIN)),
          // the release calendar: each caller sees their own products' windows; the feed token is
          // the caller's own (never a scoped token's: it would read all the user's products)
          Map.entry("getCalendar", ANY_TOKEN),
          Map.entry("createCalendarToken", ANY_TOKEN),
          Map.entry("revokeCalendarToken", ANY_TOKEN),
          // the feed takes the feed token in its URL (the fixture's, the developer's): whatever
          // else a caller sends, the URL is the credential
          Map.entry("getCalendarFeed", EnumSet.allOf(Caller.class)));

  /**
   * Operations authenticated by their sender's signature, not by a token: every caller here,
   * whatever token it sends, gets 401 (the fixture's body is not signed).
   */
  static final Set<String> SIGNED = Set.of("receiveGithubWebhook");

  @Test
  void everyOperationHasARule() {
    Set<String> documented = new TreeSet<>();
    OpenApiDocumentIntegrationTests.operations(document())
        .forEach(op -> documented.add(op.node().path("operationId").asString()));
    assertThat(new TreeSet<>(WHO_MAY.keySet()))
        .as(
            "operations of the OpenAPI document without a rule in WHO_MAY (add one), or rules"
                + " for operations that are gone (remove them)")
        .isEqualTo(documented);
  }

  @Test
  void everyCallerGetsWhatTheTableSays() {
    MatrixFixture.Outsider outsider = MatrixFixture.outsider(admin);
    List<String> wrong = new ArrayList<>();
    for (Op op : OpenApiDocumentIntegrationTests.operations(document())) {
      String id = op.node().path("operationId").asString();
      Set<Caller> table = WHO_MAY.get(id);
      if (table == null) continue; // everyOperationHasARule names it
      Set<Caller> may = EnumSet.copyOf(table);
      for (Caller scoped : SCOPED) {
        if (scopedMay(scoped, op, table)) may.add(scoped);
      }
      MatrixFixture fixture = MatrixFixture.create(admin, outsider, id);
      Set<String> documented = new TreeSet<>();
      op.node().path("responses").propertyNames().forEach(documented::add);
      List<String> successes = documented.stream().filter(c -> c.startsWith("2")).toList();
      if (successes.size() != 1) {
        wrong.add(op + " (" + id + ") documents " + successes + " as success; one 2xx, please");
      }
      List<Caller> order = new ArrayList<>(EnumSet.complementOf(EnumSet.copyOf(may)));
      order.addAll(may);
      for (Caller caller : order) {
        Api.Response r;
        try {
          r = fixture.call(caller, op);
        } catch (java.io.UncheckedIOException e) {
          wrong.add(op + " (" + id + ") as " + caller + ": no answer (" + e.getMessage() + ")");
          continue;
        }
        boolean allowed = may.contains(caller);
        String call = op + " (" + id + ") as " + caller + ": " + r.status() + " " + r.body();
        if (SIGNED.contains(id)) {
          if (r.status() != 401) wrong.add(call + " — an unsigned delivery is 401 for everyone");
        } else if (r.status() >= 500) {
          wrong.add(call + " — a server error");
        } else if (!allowed && !refusal(caller, r.status())) {
          wrong.add(call + " — the table refuses " + caller);
        } else if (allowed && Set.of(401, 403, 404).contains(r.status())) {
          wrong.add(call + " — the table allows " + caller);
        } else if (r.status() >= 400 && !documented.contains(Integer.toString(r.status()))) {
          wrong.add(call + " — " + r.status() + " is not documented for the operation");
        } else if (r.status() < 300 && !documented.contains(Integer.toString(r.status()))) {
          wrong.add(
              call
                  + " — the document says it answers "
                  + successes
                  + " (give the method @ResponseStatus)");
        }
      }
    }
    assertThat(wrong).as("calls that do not match WHO_MAY").isEmpty();
  }

  /**
   * The column of a scoped token: the intersection of its user's row and its scope. A command is an
   * operation with an action ({@code x-tollgate-scope}); anything else reads. A call is about a
   * product when its path names one ({@code products/{key}}) or a thing of one whose product the
   * server can tell (a release, an incident, a deployment, a customer issue, a notification
   * delivery); a product-scoped token may call nothing else but reads that are about no product.
   */
  static boolean scopedMay(Caller caller, Op op, Set<Caller> table) {
    JsonNode extension = op.node().path("x-tollgate-scope");
    String action = extension.isMissingNode() ? null : extension.asString();
    boolean read = action == null;
    String about = about(op.path());
    return switch (caller) {
      case RM_READ_ONLY -> table.contains(RELEASE_MANAGER) && read;
      case QA_PIPELINE ->
          table.contains(QA_LEAD)
              && (read || action.equals("requirements:meet"))
              && (about.equals("fixture") || (about.equals("none") && read));
      case RM_OTHER_PRODUCT -> table.contains(RELEASE_MANAGER) && read && about.equals("none");
      default -> throw new IllegalArgumentException(caller.toString());
    };
  }

  /** "fixture" (a path of the fixture's product), "none" (no product), "unknown". */
  private static String about(String path) {
    String[] segments = path.split("/");
    for (int i = 1; i < segments.length; i++) {
      if (!segments[i].startsWith("{")) continue;
      return switch (segments[i - 1]) {
        case "users", "processes", "versions" -> "none";
        case "products",
            "releases",
            "incidents",
            "deployments",
            "customer-issues",
            "deliveries",
            "freeze-overrides" ->
            "fixture";
        default -> "unknown";
      };
    }
    return "none";
  }

  /** Refusals that depend on each operation's state and input: not probed here. */
  static final Set<String> NOT_PROBED = Set.of("409", "422");

  /**
   * Operations whose refusals need a credential the matrix does not hold, or input it does not
   * send: the deployment callback takes its deployment's own token;
   * WebhookDeploymentIntegrationTests sends it bad bodies, wrong and other deployments' tokens.
   */
  static final Set<String> REFUSALS_TESTED_ELSEWHERE =
      Set.of(
          "reportDeploymentStatus",
          "receiveGithubWebhook",
          // 404 for a product that is not the caller's (CalendarIntegrationTests) and for a feed
          // token unknown or revoked (CalendarFeedIntegrationTests): the fixture's calls name
          // neither
          "getCalendar",
          "getCalendarFeed",
          // insights name their product in a query parameter the matrix does not fill (without it
          // they cover the caller's own products): InsightsIntegrationTests gets their 403 (a
          // token scoped to another product) and 404 (not a member)
          "getInsights");

  @Test
  void everyDocumentedRefusalIsOneSomethingAnswers() {
    MatrixFixture.Outsider outsider = MatrixFixture.outsider(admin);
    List<String> unanswered = new ArrayList<>();
    for (Op op : OpenApiDocumentIntegrationTests.operations(document())) {
      String id = op.node().path("operationId").asString();
      Set<Caller> may = WHO_MAY.get(id);
      if (may == null) continue; // everyOperationHasARule names it
      if (REFUSALS_TESTED_ELSEWHERE.contains(id)) continue;
      Set<String> documented = new TreeSet<>();
      op.node().path("responses").propertyNames().forEach(documented::add);
      documented.removeIf(c -> !c.startsWith("4") || NOT_PROBED.contains(c));
      Set<String> answered = new TreeSet<>();
      MatrixFixture fixture = MatrixFixture.create(admin, outsider, id);
      for (Caller caller : Caller.values()) {
        if (!may.contains(caller))
          answered.add(Integer.toString(fixture.call(caller, op).status()));
      }
      // an operation no caller of the matrix may call (the deployment callback, which takes its
      // deployment's own token) is refused to every caller above; there is nobody to probe with
      Caller allowed = may.contains(ADMIN) ? ADMIN : may.stream().findFirst().orElse(null);
      for (MatrixFixture.Probe probe :
          allowed == null ? new MatrixFixture.Probe[0] : MatrixFixture.Probe.values()) {
        Api.Response r = fixture.probe(allowed, op, probe);
        if (r == null) continue; // the probe does not apply to the operation
        assertThat(r.status()).as(op + " " + probe + ": " + r).isLessThan(500);
        answered.add(Integer.toString(r.status()));
      }
      documented.removeAll(answered);
      if (!documented.isEmpty()) {
        unanswered.add(op + " (" + id + ") documents " + documented + "; answered " + answered);
      }
    }
    assertThat(unanswered)
        .as("documented refusals that no caller and no probe got (document only what is answered)")
        .isEmpty();
  }

  private static boolean refusal(Caller caller, int status) {
    return switch (caller) {
      case NO_TOKEN -> status == 401;
      case OUTSIDER -> status == 403 || status == 404;
      default -> status == 403;
    };
  }

  private JsonNode document() {
    Api.Response doc = admin.get("/v3/api-docs");
    assertThat(doc.status()).isEqualTo(200);
    return doc.json();
  }

  private static Set<Caller> plus(Set<Caller> callers, Caller more) {
    EnumSet<Caller> all = EnumSet.copyOf(callers);
    all.add(more);
    return all;
  }
}
