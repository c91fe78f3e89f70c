package io.tollgate.quality;

import static io.tollgate.support.ReleaseDriver.evidence;
import static io.tollgate.support.ReleaseDriver.ok;
import static io.tollgate.support.ReleaseDriver.path;
import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.process.ProcessParser;
import io.tollgate.support.Api;
import io.tollgate.support.IntegrationTest;
import io.tollgate.support.ReleaseDriver;
import io.tollgate.support.Team;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A requirement with {@code check: zero-failures} is a quality gate: met only once attached JUnit
 * results show zero failures and errors; failing results are refused with a blocker per failing
 * test, and a later passing report of the same suite lets it be met.
 */
class QualityGateIntegrationTests extends IntegrationTest {
  private static final String SUITE = "io.example.CartTests";

  @Test
  void aQualityGateIsMetOnlyWithResultsThatShowZeroFailures() {
    Team t = team(gateProcess());
    String id = ReleaseDriver.plan(t, "minor");
    String meet = path(id) + "/requirements/acceptance-criteria/meet";

    Api.Response none = t.qa.post(meet, evidence("https://tracker.example/epic/1"));
    assertThat(none.status()).as(none.toString()).isEqualTo(409);
    assertThat(none.json().path("blockers").get(0).path("kind").asString())
        .isEqualTo("test-report");
    assertThat(none.json().path("detail").asString()).contains("No test results attached");

    attach(t, id, report(true, false));
    Api.Response failing = t.qa.post(meet, evidence("https://tracker.example/epic/1"));
    assertThat(failing.status()).as(failing.toString()).isEqualTo(409);
    JsonNode blocker = failing.json().path("blockers").get(0);
    assertThat(blocker.path("kind").asString()).isEqualTo("test");
    assertThat(blocker.path("key").asString()).isEqualTo(SUITE + " › roundsTotals");
    assertThat(blocker.path("title").asString()).contains("expected 10.00 but was 9.99");
    assertThat(failing.json().path("blockers").toString()).contains("› checksOut");
    assertThat(failing.json().path("detail").asString())
        .contains("quality gate")
        .contains(SUITE + " › roundsTotals");
    JsonNode gate =
        ok(t.rm.get(path(id)))
            .json()
            .path("requirements")
            .valueStream()
            .filter(n -> n.path("key").asString().equals("acceptance-criteria"))
            .findFirst()
            .orElseThrow();
    assertThat(gate.path("status").asString()).as("refused: nothing was met").isNotEqualTo("met");

    attach(t, id, report(false, false));
    JsonNode met = ok(t.qa.post(meet, evidence("https://tracker.example/epic/1"))).json();
    assertThat(met.toString()).contains("acceptance-criteria");
  }

  @Test
  void everySuiteCountsAndARequirementWithoutTheCheckIgnoresResults() {
    Team t = team(gateProcess());
    String id = ReleaseDriver.plan(t, "minor");
    attach(t, id, report(false, false));
    attach(t, id, report(false, true).replace(SUITE, "io.example.PaymentTests"));
    Api.Response erring =
        t.qa.post(
            path(id) + "/requirements/acceptance-criteria/meet",
            evidence("https://tracker.example/epic/2"));
    assertThat(erring.status()).isEqualTo(409);
    assertThat(erring.json().path("blockers").toString()).contains("io.example.PaymentTests");

    Team plain = team();
    String other = ReleaseDriver.plan(plain, "minor");
    attach(plain, other, report(true, false));
    ok(
        plain.qa.post(
            path(other) + "/requirements/acceptance-criteria/meet",
            evidence("https://tracker.example/epic/3")));
  }

  private static void attach(Team t, String id, String xml) {
    Api.Response r =
        t.qa.raw(
            "POST",
            path(id) + "/test-reports?requirement=acceptance-criteria",
            "application/xml",
            xml);
    assertThat(r.status()).as(r.toString()).isEqualTo(201);
  }

  private static String report(boolean failing, boolean erring) {
    String rounds =
        failing
            ? "<testcase name=\"roundsTotals\" classname=\""
                + SUITE
                + "\" time=\"0.1\">"
                + "<failure message=\"expected 10.00 but was 9.99\" type=\"AssertionError\">at"
                + "</failure></testcase><testcase name=\"checksOut\" classname=\""
                + SUITE
                + "\" time=\"0.1\"><failure message=\"timeout\"/></testcase>"
            : "<testcase name=\"roundsTotals\" classname=\""
                + SUITE
                + "\" time=\"0.1\"/>"
                + "<testcase name=\"checksOut\" classname=\""
                + SUITE
                + "\" time=\"0.1\"/>";
    String error =
        erring
            ? "<testcase name=\"pays\" classname=\""
                + SUITE
                + "\" time=\"0.1\">"
                + "<error message=\"NullPointerException\"/></testcase>"
            : "";
    int failures = failing ? 2 : 0;
    int errors = erring ? 1 : 0;
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuite name=\""
        + SUITE
        + "\" tests=\""
        + (2 + errors)
        + "\" failures=\""
        + failures
        + "\" errors=\""
        + errors
        + "\" skipped=\"0\" time=\"0.3\">"
        + rounds
        + error
        + "</testsuite>";
  }

  /** The built-in process with the acceptance criteria as a quality gate, under a new id. */
  private String gateProcess() {
    String yaml;
    try (InputStream in =
        ProcessParser.class.getResourceAsStream("/io/tollgate/process/octoacme-standard.yaml")) {
      yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    String id = "gate-" + UUID.randomUUID().toString().substring(0, 8);
    String gate =
        yaml.replace("id: octoacme-standard", "id: " + id)
            .replace(
                "    description: Validated by the QA Lead.\n    owner: qa-lead\n",
                "    description: Validated by the QA Lead.\n    owner: qa-lead\n"
                    + "    check: zero-failures\n");
    assertThat(gate).contains("check: zero-failures");
    Api.Response created = admin.raw("POST", "/api/v1/processes", "application/yaml", gate);
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    return id;
  }
}
