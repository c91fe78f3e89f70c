package io.tollgate.quality;

import static io.tollgate.support.ReleaseDriver.ok;
import static io.tollgate.support.ReleaseDriver.path;
import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.support.Api;
import io.tollgate.support.IntegrationTest;
import io.tollgate.support.ReleaseDriver;
import io.tollgate.support.Team;
import io.tollgate.support.WebSession;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** JUnit XML reports through HTTP: attached by the owning role, summarised, listed, shown. */
class TestReportsIntegrationTests extends IntegrationTest {

  private static String xml(String name) {
    return new String(JunitReportTests.fixture(name), StandardCharsets.UTF_8);
  }

  @Test
  void aSurefireReportIsAttachedToTheQualityGateAndSummarised() {
    Team t = team();
    String id = ReleaseDriver.plan(t, "minor");
    Api.Response attached =
        t.qa.raw(
            "POST",
            path(id) + "/test-reports?step=quality-gate",
            "application/xml",
            xml("TEST-surefire-with-failure.xml"));
    assertThat(attached.status()).as(attached.toString()).isEqualTo(201);
    JsonNode r = attached.json();
    assertThat(r.path("name").asString())
        .isEqualTo("io.tollgate.identity.ScopedTokensIntegrationTests");
    assertThat(r.path("tests").asInt()).isEqualTo(9);
    assertThat(r.path("failures").asInt()).isEqualTo(6);
    assertThat(r.path("failing").size()).isEqualTo(6);
    assertThat(r.path("attachedTo").path("kind").asString()).isEqualTo("step");
    assertThat(r.path("attachedTo").path("key").asString()).isEqualTo("quality-gate");
    assertThat(r.path("durationSeconds").asDouble()).isPositive();

    Api.Response passing =
        t.qa.raw(
            "POST",
            path(id) + "/test-reports?requirement=acceptance-criteria",
            "text/xml",
            xml("TEST-io.tollgate.identity.TokenScopeTests.xml"));
    assertThat(passing.status()).isEqualTo(201);
    JsonNode list = ok(t.support.get(path(id) + "/test-reports")).json();
    assertThat(list.size()).isEqualTo(2);
    assertThat(list.get(0).path("failures").asInt()).isEqualTo(6);
    assertThat(list.get(1).path("failures").asInt()).isZero();
    assertThat(ok(t.rm.get(path(id) + "/audit")).body()).contains("test-report.attached");

    String qa = t.usernames.get("qa-lead");
    admin.put("/api/v1/users/" + qa + "/password", Map.of("password", "test reports password"));
    WebSession web = new WebSession(port);
    assertThat(web.signIn(qa, "test reports password")).isTrue();
    assertThat(web.get("/releases/" + id + "/test-reports-panel").body())
        .contains("✗ failing")
        .contains("✓ passed")
        .contains("6 failing")
        .contains("anUnknownActionOrAnAccountActionIsRefusedWhenIssuing");
  }

  @Test
  void onlyTheOwningRoleAttachesAndWhatIsNotAReportIsRefused() {
    Team t = team();
    String id = ReleaseDriver.plan(t, "minor");
    String report = xml("pytest-style.xml");
    assertThat(
            t.devops
                .raw(
                    "POST", path(id) + "/test-reports?step=quality-gate", "application/xml", report)
                .status())
        .isEqualTo(403);
    assertThat(t.qa.raw("POST", path(id) + "/test-reports", "application/xml", report).status())
        .as("neither requirement nor step")
        .isEqualTo(400);
    assertThat(
            t.qa
                .raw(
                    "POST", path(id) + "/test-reports?step=no-such-step", "application/xml", report)
                .status())
        .isEqualTo(404);
    assertThat(
            t.qa
                .raw(
                    "POST",
                    path(id) + "/test-reports?step=quality-gate",
                    "application/xml",
                    "<html/>")
                .status())
        .isEqualTo(422);
    assertThat(
            t.qa
                .raw(
                    "POST",
                    path(id) + "/test-reports?step=quality-gate",
                    "application/xml",
                    xml("xxe.xml"))
                .status())
        .isEqualTo(422);
    assertThat(
            t.qa
                .raw("POST", path(id) + "/test-reports?step=quality-gate", "text/plain", report)
                .status())
        .isEqualTo(415);
  }
}
