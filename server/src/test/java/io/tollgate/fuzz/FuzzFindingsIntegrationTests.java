package io.tollgate.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.support.Api;
import io.tollgate.support.IntegrationTest;
import io.tollgate.support.ReleaseDriver;
import io.tollgate.support.Team;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * 5xx answers the command fuzzing found, each fixed and kept here as a plain test (their inputs are
 * also seeds of {@link ReleaseCommandFuzzIntegrationTests}).
 */
class FuzzFindingsIntegrationTests extends IntegrationTest {

  /** A Content-Type that is a pattern (application/*) answered 500. */
  @Test
  void aContentTypeThatIsNoSingleMediaTypeIsRefusedWith415() {
    Team team = team();
    String release = ReleaseDriver.plan(team, "minor");
    for (String contentType : List.of("application/*", "*/*", "text/*; charset=UTF-8")) {
      Api.Response r =
          team.rm.raw(
              "POST",
              ReleaseDriver.path(release) + "/decision",
              contentType,
              "{\"decision\":\"go\",\"rationale\":\"x\"}");

      assertThat(r.status()).as(contentType + ": " + r).isEqualTo(415);
      assertThat(r.contentType()).startsWith("application/problem+json");
      assertThat(r.text("detail")).contains("application/json");
    }
  }

  /** A form-encoded body that is not UTF-8 answered 500. */
  @Test
  void aFormBodyThatIsNotUtf8IsABadRequest() {
    Planned planned = new Planned();
    byte[] body = {
      '{', '"', 'r', 'e', 'a', 's', 'o', 'n', '"', ':', '"', 'a', (byte) 0xff, '"', '}'
    };

    HttpResponse<String> r =
        planned.send("POST", "/steps/backup/skip", "application/x-www-form-urlencoded", body);

    assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
    assertThat(r.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
    assertThat(r.body()).contains("UTF-8");
  }

  /** A form-encoded body whose parameter names Spring Security's firewall refuses answered 500. */
  @Test
  void aFormBodyTheFirewallRefusesIsABadRequest() {
    Planned planned = new Planned();
    String body =
        "{\"reason\":\"2026-12-03T09:00:00Z\",\"reason\":[\"\\u0022\\ud9aa朠S㠠Ῐ?AK$w힭Aj3t3b郦礴}K&n뤹EO1"
            + "攊ZS2䍕:l]ᝆ\",\"failed\"],\"reason\":null}";

    HttpResponse<String> r =
        planned.send(
            "POST",
            "/cancel",
            "application/x-www-form-urlencoded",
            body.getBytes(StandardCharsets.UTF_8));

    assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
    assertThat(r.body()).contains("application/json");
  }

  /**
   * A PUT whose form-encoded body holds a '%' without two hex digits after it answered 500:
   * Spring's form-content filter threw before any controller was reached.
   */
  @Test
  void aPutWithAFormBodyThatIsNotFormDataIsABadRequest() {
    Planned planned = new Planned();

    HttpResponse<String> r =
        planned.send(
            "PUT",
            "/notes",
            "application/x-www-form-urlencoded",
            "{\"knownIssues\":[\"a\",\"b\"%,\"m\"]}".getBytes(StandardCharsets.UTF_8));

    assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
    assertThat(r.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
    assertThat(r.body()).contains("two hexadecimal digits").contains("application/json");
    Api.Response notes = planned.notes();
    assertThat(notes.status()).isEqualTo(200);
    assertThat(notes.body()).doesNotContain("\"b\"%");
  }

  /**
   * A form body sent in chunks (no Content-Length) that grows past the body limit while Spring's
   * form-content filter reads it: refused with 413, as any other body over the limit.
   */
  @Test
  void aChunkedFormBodyOverTheLimitIsRefusedWith413() throws Exception {
    Planned planned = new Planned();
    byte[] body = "a=b&".repeat(300_000).getBytes(StandardCharsets.US_ASCII); // 1.2 MB
    java.net.http.HttpRequest request =
        java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(
                    "http://127.0.0.1:" + port + ReleaseDriver.path(planned.release) + "/notes"))
            .timeout(CommandClient.PER_REQUEST)
            .header("Authorization", "Bearer " + planned.token)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .PUT(
                java.net.http.HttpRequest.BodyPublishers.ofInputStream(
                    () -> new java.io.ByteArrayInputStream(body)))
            .build();

    HttpResponse<String> r =
        java.net.http.HttpClient.newHttpClient()
            .send(request, HttpResponse.BodyHandlers.ofString());

    assertThat(r.statusCode()).as(r.body()).isEqualTo(413);
    assertThat(r.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
    assertThat(r.body()).contains("limit");
  }

  /** A planned release of a new team, and a release manager of its product sending raw bytes. */
  private final class Planned {
    final Team team = team();
    final CommandClient client = new CommandClient(port);
    final String token = client.member(admin, team, "release-manager");
    final String release = ReleaseDriver.plan(team, "minor");

    HttpResponse<String> send(String method, String suffix, String contentType, byte[] body) {
      return client.send(
          method, ReleaseDriver.path(release) + suffix, token, contentType, null, body);
    }

    Api.Response notes() {
      return team.rm.get(ReleaseDriver.path(release) + "/notes", "text/markdown");
    }
  }
}
