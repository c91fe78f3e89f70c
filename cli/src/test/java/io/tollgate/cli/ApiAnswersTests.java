package io.tollgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the CLI sends and how it reads the server's answers (exit codes, problem details, -o json),
 * against a stand-in server.
 */
class ApiAnswersTests {
  static final String PROBLEM = "application/problem+json";
  @TempDir Path home;
  FakeServer server;

  @BeforeEach
  void start() throws Exception {
    server = new FakeServer();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  Map<String, String> env() {
    return Map.of(
        "HOME",
        home.toString(),
        "TOLLGATE_URL",
        server.url() + "/api/v1/",
        "TOLLGATE_TOKEN",
        "tg_secret");
  }

  @Test
  void aCommandSendsItsBodyWithTheToken() {
    server.answer(200, "application/json", release("preparing"));
    InProcess.Result r =
        InProcess.run(
            env(),
            "requirement",
            "meet",
            "r 1",
            "ci-security",
            "--evidence-url",
            "https://ci.example/7",
            "--note",
            "green");
    assertThat(r.exit()).as(r.toString()).isZero();
    FakeServer.Request sent = server.last();
    assertThat(sent.method()).isEqualTo("POST");
    assertThat(sent.path()).isEqualTo("/api/v1/releases/r%201/requirements/ci-security/meet");
    assertThat(sent.authorization()).isEqualTo("Bearer tg_secret");
    assertThat(sent.contentType()).isEqualTo("application/json");
    assertThat(sent.body())
        .isEqualTo("{\"evidence\":{\"url\":\"https://ci.example/7\",\"note\":\"green\"}}");
    assertThat(r.out())
        .isEqualTo("Requirement ci-security: met — shop 1.2.0 (minor) — preparing\n");
  }

  @Test
  void notesSetSendsListsAndAnyTemplateField() {
    server.answer(200, "application/json", release("preparing"));
    InProcess.Result r =
        InProcess.run(
            env(),
            "notes",
            "set",
            "r1",
            "--summary",
            "S",
            "--notable-change",
            "a",
            "--notable-change",
            "b",
            "--field",
            "risk=low",
            "--field",
            "teams=x",
            "--field",
            "teams=y");
    assertThat(r.exit()).as(r.toString()).isZero();
    assertThat(server.last().method()).isEqualTo("PUT");
    assertThat(server.last().body())
        .isEqualTo(
            "{\"summary\":\"S\",\"notableChanges\":[\"a\",\"b\"],\"risk\":\"low\",\"teams\":[\"x\",\"y\"]}");
  }

  @Test
  void aRefusalPrintsTheProblemWithItsBlockers() {
    server.answer(
        409,
        PROBLEM,
        """
        {"type":"about:blank","title":"Conflict","status":409,
         "detail":"Go waits for 2 items.",
         "blockers":[{"kind":"requirement","key":"ci-security","title":"Passing CI and security scans"},
                     {"kind":"step","key":"quality-gate","title":"Quality gate"}]}
        """);
    InProcess.Result r = InProcess.run(env(), "decide", "r1", "go", "--rationale", "now");
    assertThat(r.exit()).isEqualTo(ExitCodes.REFUSED);
    assertThat(r.out()).isEmpty();
    assertThat(r.err())
        .isEqualTo(
            """
            tollgate: refused — Conflict (HTTP 409)
              Go waits for 2 items.
              Waiting for:
              requirement  ci-security   Passing CI and security scans
              step         quality-gate  Quality gate
            """);

    InProcess.Result json =
        InProcess.run(env(), "decide", "r1", "go", "--rationale", "now", "-o", "json");
    assertThat(json.exit()).isEqualTo(ExitCodes.REFUSED);
    assertThat(json.err()).contains("\"blockers\" : [");
  }

  @Test
  void aMissingScopeIsNamed() {
    server.answer(
        403,
        PROBLEM,
        "{\"title\":\"Forbidden\",\"status\":403,\"detail\":\"This token cannot complete steps.\",\"missingScope\":\"steps:complete\"}");
    InProcess.Result r =
        InProcess.run(env(), "step", "complete", "r1", "deploy-staging", "--outcome", "succeeded");
    assertThat(r.exit()).isEqualTo(ExitCodes.AUTH);
    assertThat(r.err())
        .contains("not allowed — Forbidden (HTTP 403)")
        .contains("The token's scope lacks: steps:complete");
  }

  @Test
  void statusesMapToTheDocumentedExitCodes() {
    assertThat(exitFor(401)).isEqualTo(ExitCodes.AUTH);
    assertThat(exitFor(403)).isEqualTo(ExitCodes.AUTH);
    assertThat(exitFor(404)).isEqualTo(ExitCodes.NOT_FOUND);
    assertThat(exitFor(400)).isEqualTo(ExitCodes.REFUSED);
    assertThat(exitFor(409)).isEqualTo(ExitCodes.REFUSED);
    assertThat(exitFor(413)).isEqualTo(ExitCodes.REFUSED);
    assertThat(exitFor(422)).isEqualTo(ExitCodes.REFUSED);
    assertThat(exitFor(500)).isEqualTo(ExitCodes.SERVER);
    assertThat(exitFor(503)).isEqualTo(ExitCodes.SERVER);
  }

  int exitFor(int status) {
    server.answer(status, PROBLEM, "{\"status\":" + status + ",\"title\":\"t\",\"detail\":\"d\"}");
    return InProcess.run(env(), "release", "show", "r1").exit();
  }

  @Test
  void anAnswerThatIsNotAProblemIsStillReported() {
    server.answer(502, "text/html", "<html>Bad gateway</html>");
    InProcess.Result r = InProcess.run(env(), "release", "show", "r1");
    assertThat(r.exit()).isEqualTo(ExitCodes.SERVER);
    assertThat(r.err())
        .contains("server error")
        .contains("HTTP 502")
        .contains("<html>Bad gateway</html>");

    server.answer(200, "application/json", "not json");
    InProcess.Result garbled = InProcess.run(env(), "release", "show", "r1");
    assertThat(garbled.exit()).isEqualTo(ExitCodes.SERVER);
    assertThat(garbled.err()).contains("not JSON");
  }

  @Test
  void notesGetAsksForTheFormat() {
    server.answer(200, "text/markdown", "# Shop 1.2.0\n");
    InProcess.Result md = InProcess.run(env(), "notes", "get", "r1");
    assertThat(md.out()).isEqualTo("# Shop 1.2.0\n");
    assertThat(server.last().accept()).startsWith("text/markdown");
    InProcess.run(env(), "notes", "get", "r1", "--format", "html");
    assertThat(server.last().accept()).startsWith("text/html");
  }

  @Test
  void listPrintsATableAndJsonAsIs() {
    server.answer(
        200,
        "application/json",
        """
        {"items":[{"id":"a1","product":"shop","version":"1.2.0","type":"minor","name":null,"status":"preparing","window":null},
                  {"id":"b2","product":"shop","version":"1.1.1","type":"patch","name":"Hotfix","status":"closed",
                   "window":{"start":"2026-12-01T10:00:00Z","end":"2026-12-01T12:00:00Z"}}],
         "page":0,"size":20,"total":2}
        """);
    InProcess.Result table = InProcess.run(env(), "release", "list", "shop", "--status", "closed");
    assertThat(server.last().path())
        .isEqualTo("/api/v1/products/shop/releases?page=0&size=20&status=closed");
    assertThat(table.out())
        .isEqualTo(
            """
            ID  VERSION  TYPE   STATUS     NAME    WINDOW
            a1  1.2.0    minor  preparing  -       -
            b2  1.1.1    patch  closed     Hotfix  2026-12-01T10:00:00Z
            page 1 of 1 · 2 release(s)
            """);
    InProcess.Result json = InProcess.run(env(), "release", "list", "shop", "-o", "json");
    assertThat(Cli.JSON.readTree(json.out()).path("items").get(1).path("name").asString())
        .isEqualTo("Hotfix");
  }

  @Test
  void loginChecksTheTokenAndKeepsItOwnerOnly() throws Exception {
    server.answer(
        200, "application/json", "{\"username\":\"rita\",\"admin\":false,\"memberships\":[]}");
    Map<String, String> env = Map.of("HOME", home.toString());
    InProcess.Result r =
        InProcess.runWithInput(env, "tg_typed\n", "login", server.url() + "/", "--token-stdin");
    assertThat(r.exit()).as(r.toString()).isZero();
    assertThat(r.out()).startsWith("Logged in to " + server.url() + " as rita.");
    assertThat(server.last().path()).isEqualTo("/api/v1/me");
    assertThat(server.last().authorization()).isEqualTo("Bearer tg_typed");

    InProcess.run(env, "release", "show", "r1");
    assertThat(server.last().authorization())
        .as("the stored token is used")
        .isEqualTo("Bearer tg_typed");
    InProcess.run(
        Map.of("HOME", home.toString(), "TOLLGATE_TOKEN", "tg_env"), "release", "show", "r1");
    assertThat(server.last().authorization()).as("TOLLGATE_TOKEN wins").isEqualTo("Bearer tg_env");

    server.answer(401, PROBLEM, "{\"status\":401,\"title\":\"Unauthorized\"}");
    InProcess.Result refused =
        InProcess.runWithInput(env, "tg_bad\n", "login", server.url(), "--token-stdin");
    assertThat(refused.exit()).isEqualTo(ExitCodes.AUTH);
    assertThat(java.nio.file.Files.readString(home.resolve(".config/tollgate/config.json")))
        .as("a refused token is not stored")
        .contains("tg_typed");
  }

  static String release(String status) {
    return """
        {"id":"r1","product":"shop","version":"1.2.0","type":"minor","status":"%s",
         "requirements":[{"key":"ci-security","status":"met"}],"steps":[]}
        """
        .formatted(status);
  }
}
