package io.tollgate.shared;

import static io.tollgate.support.ReleaseDriver.path;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tollgate.audit.AuditLog;
import io.tollgate.audit.AuditRecord;
import io.tollgate.support.Api;
import io.tollgate.support.IntegrationTest;
import io.tollgate.support.ReleaseDriver;
import io.tollgate.support.Team;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The web edge (issue 12, findings 1, 3, 6 and 11): what every JSON body is checked for, that a
 * stored value cannot break a read, and that every error is problem details.
 */
class EdgeIntegrationTests extends IntegrationTest {
  @Autowired TransactionTemplate tx;
  @Autowired AuditLog audit;

  private static long revision(Team t, String id) {
    return t.rm.get(path(id)).json().path("revision").asLong();
  }

  @Test
  void anUnpairedSurrogateInAnyTextIsRefusedNamingTheFieldAndNothingIsStored() {
    Team t = team();
    String id = ReleaseDriver.plan(t, "minor");
    Api.Response notes =
        t.rm.put(path(id) + "/notes", "{\"summary\":\"x\\ud800y\",\"notableChanges\":[\"ok\"]}");
    assertThat(notes.status()).as(notes.toString()).isEqualTo(422);
    assertThat(notes.contentType()).startsWith("application/problem+json");
    assertThat(notes.text("field")).isEqualTo("summary");
    assertThat(notes.text("detail")).contains("'summary'").contains("surrogate");
    Api.Response evidence =
        t.qa.post(
            path(id) + "/requirements/acceptance-criteria/meet",
            "{\"evidence\":{\"note\":\"a\\udc00\"}}");
    assertThat(evidence.status()).as(evidence.toString()).isEqualTo(422);
    assertThat(evidence.text("field")).isEqualTo("evidence.note");
    assertThat(revision(t, id)).isZero();
    assertThat(t.rm.get(path(id)).status()).isEqualTo(200);
  }

  @Test
  void controlCharactersOtherThanTabAndNewlineAreRefused() {
    Team t = team();
    String id = ReleaseDriver.plan(t, "minor");
    Api.Response bell = t.rm.put(path(id) + "/notes", "{\"summary\":\"ring \\u0007 bell\"}");
    assertThat(bell.status()).as(bell.toString()).isEqualTo(422);
    assertThat(bell.text("detail")).contains("U+0007");
    ReleaseDriver.ok(t.rm.put(path(id) + "/notes", "{\"summary\":\"line one\\n\\tline two\"}"));
  }

  @Test
  void aStoredTextThatCannotBeEncodedDoesNotBreakReads() {
    Team t = team();
    String id = ReleaseDriver.plan(t, "minor");
    String document =
        jdbc.sql("select document from releases where id = ?")
            .param(id)
            .query(String.class)
            .single();
    // as a node before the edge check could have stored it
    String changed =
        document
            .replace("\"name\":null", "\"name\":\"x\\ud800y\"")
            .replace("\"revision\":0", "\"revision\":1");
    assertThat(changed).isNotEqualTo(document);
    tx.executeWithoutResult(
        status -> {
          jdbc.sql("update releases set document = ?, revision = 1 where id = ?")
              .params(changed, id)
              .update();
          audit.append(
              AuditRecord.of(
                  "release.renamed",
                  new Actor("other-node", false, Actor.Kind.SYSTEM),
                  t.product,
                  "release/" + id,
                  id,
                  Map.of("n", 1)));
        });
    await()
        .atMost(Duration.ofSeconds(5))
        .pollInterval(Duration.ofMillis(50))
        .untilAsserted(
            () -> {
              Api.Response read = t.rm.get(path(id));
              assertThat(read.status()).as(read.toString()).isEqualTo(200);
              assertThat(read.text("name")).isEqualTo("x\ud800y");
            });
    ReleaseDriver.ok(t.qa.post(path(id) + "/requirements/acceptance-criteria/meet", Map.of()));
    assertThat(t.rm.get(path(id)).status()).isEqualTo(200);
  }

  @Test
  void textsListsAndNamesOverTheirLimitsAre422NamingTheField() {
    Team t = team();
    String id = ReleaseDriver.plan(t, "minor");
    Api.Response big =
        t.qa.put(path(id) + "/notes", Map.of("knownIssues", List.of("x".repeat(10_001))));
    assertThat(big.status()).as(big.toString()).isEqualTo(422);
    assertThat(big.text("field")).isEqualTo("knownIssues[0]");
    Api.Response many =
        t.rm.put(path(id) + "/notes", Map.of("notableChanges", Collections.nCopies(101, "change")));
    assertThat(many.status()).as(many.toString()).isEqualTo(422);
    assertThat(many.text("field")).isEqualTo("notableChanges");
    Api.Response name =
        t.rm.post(
            "/api/v1/products/" + t.product + "/releases",
            Map.of("type", "minor", "name", "n".repeat(201)));
    assertThat(name.status()).as(name.toString()).isEqualTo(422);
    assertThat(name.text("field")).isEqualTo("name");
    Api.Response version =
        t.rm.post(
            "/api/v1/products/" + t.product + "/releases",
            Map.of("type", "major", "version", "1234567890123456789012345678901234567890123.0.0"));
    assertThat(version.status()).as(version.toString()).isEqualTo(422);
    Api.Response product =
        admin.post("/api/v1/products", Map.of("key", "long-" + t.product, "name", "p".repeat(201)));
    assertThat(product.status()).as(product.toString()).isEqualTo(422);
    // and everyone else's commands on the release still work
    ReleaseDriver.ok(t.qa.post(path(id) + "/requirements/acceptance-criteria/meet", Map.of()));
  }

  @Test
  void duplicateKeysAreRefused() {
    Team t = team();
    String id = ReleaseDriver.plan(t, "minor");
    Api.Response r = t.rm.put(path(id) + "/notes", "{\"summary\":\"a\",\"summary\":\"b\"}");
    assertThat(r.status()).as(r.toString()).isEqualTo(400);
    assertThat(r.text("detail")).contains("\"summary\"");
  }

  @Test
  void errorDetailsNameNoInternalClasses() {
    Team t = team();
    Api.Response r =
        t.rm.post(
            "/api/v1/products/" + t.product + "/releases",
            "{\"type\":\"minor\",\"window\":{\"start\":5,\"end\":[1]}}");
    assertThat(r.status()).as(r.toString()).isEqualTo(400);
    assertThat(r.text("detail")).doesNotContain("java.").doesNotContain("io.tollgate");
    Api.Response shape = t.rm.post("/api/v1/products/" + t.product + "/releases", "[1,2]");
    assertThat(shape.status()).isEqualTo(400);
    assertThat(shape.text("detail")).doesNotContain("java.").doesNotContain("io.tollgate");
  }

  @Test
  void encodedSlashesAndNulsInPathsAnswerProblemDetails() throws Exception {
    for (String bad : List.of("/api/v1/releases/a%2Fb", "/api/v1/releases/a%00b")) {
      String answer =
          raw("GET " + bad + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
      assertThat(answer).as(bad).startsWith("HTTP/1.1 400");
      assertThat(answer).as(bad).containsIgnoringCase("content-type: application/problem+json");
      assertThat(answer).as(bad).contains("\"status\":400").doesNotContain("<html");
    }
  }

  @Test
  void behindATlsProxyTheSessionCookieIsSecureAndHstsIsSent() throws Exception {
    String answer =
        raw(
            "GET /login HTTP/1.1\r\nHost: tollgate.example\r\nX-Forwarded-Proto: https\r\n"
                + "X-Forwarded-For: 203.0.113.9\r\nConnection: close\r\n\r\n");
    assertThat(answer).startsWith("HTTP/1.1 200");
    assertThat(answer).containsIgnoringCase("Strict-Transport-Security: max-age=");
    assertThat(answer).containsPattern("(?i)Set-Cookie: TOLLGATE_SESSION=[^\\r\\n]*; Secure");
    String plain = raw("GET /login HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
    assertThat(plain).doesNotContainIgnoringCase("Strict-Transport-Security");
  }

  @Test
  void evidenceLinksMustBeHttp() {
    Team t = team();
    String id = ReleaseDriver.plan(t, "minor");
    for (String url :
        List.of("javascript:alert(1)", "data:text/html,<b>x</b>", "JaVaScRiPt:x", "ftp://h/x")) {
      Api.Response r =
          t.qa.post(
              path(id) + "/requirements/acceptance-criteria/meet",
              Map.of("evidence", Map.of("url", url)));
      assertThat(r.status()).as(url + " " + r).isEqualTo(422);
      assertThat(r.text("field")).isEqualTo("evidence.url");
    }
    ReleaseDriver.ok(
        t.qa.post(
            path(id) + "/requirements/acceptance-criteria/meet",
            Map.of("evidence", Map.of("url", "https://tracker.example/epic/42"))));
  }

  private String raw(String request) throws Exception {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(request.getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
