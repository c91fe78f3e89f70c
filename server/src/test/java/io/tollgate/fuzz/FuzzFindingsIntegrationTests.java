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
    Team team = team();
    CommandClient client = new CommandClient(port);
    String token = client.member(admin, team, "release-manager");
    String release = ReleaseDriver.plan(team, "minor");
    byte[] body = {
      '{', '"', 'r', 'e', 'a', 's', 'o', 'n', '"', ':', '"', 'a', (byte) 0xff, '"', '}'
    };

    HttpResponse<String> r =
        client.send(
            "POST",
            ReleaseDriver.path(release) + "/steps/backup/skip",
            token,
            "application/x-www-form-urlencoded",
            null,
            body);

    assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
    assertThat(r.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
    assertThat(r.body()).contains("UTF-8");
  }

  /** A form-encoded body whose parameter names Spring Security's firewall refuses answered 500. */
  @Test
  void aFormBodyTheFirewallRefusesIsABadRequest() {
    Team team = team();
    CommandClient client = new CommandClient(port);
    String token = client.member(admin, team, "release-manager");
    String release = ReleaseDriver.plan(team, "minor");
    String body =
        "{\"reason\":\"2026-12-03T09:00:00Z\",\"reason\":[\"\\u0022\\ud9aa朠S㠠Ῐ?AK$w힭Aj3t3b郦礴}K&n뤹EO1"
            + "攊ZS2䍕:l]ᝆ\",\"failed\"],\"reason\":null}";

    HttpResponse<String> r =
        client.send(
            "POST",
            ReleaseDriver.path(release) + "/cancel",
            token,
            "application/x-www-form-urlencoded",
            null,
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
    Team team = team();
    CommandClient client = new CommandClient(port);
    String token = client.member(admin, team, "release-manager");
    String release = ReleaseDriver.plan(team, "minor");

    HttpResponse<String> r =
        client.send(
            "PUT",
            ReleaseDriver.path(release) + "/notes",
            token,
            "application/x-www-form-urlencoded",
            null,
            "{\"knownIssues\":[\"a\",\"b\"%,\"m\"]}".getBytes(StandardCharsets.UTF_8));

    assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
    assertThat(r.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
    assertThat(r.body()).contains("two hexadecimal digits").contains("application/json");
    Api.Response notes = team.rm.get(ReleaseDriver.path(release) + "/notes", "text/markdown");
    assertThat(notes.status()).isEqualTo(200);
    assertThat(notes.body()).doesNotContain("\"b\"%");
  }
}
