package io.tollgate.automation;

import static io.tollgate.automation.AutomationFixtures.awaitDeployment;
import static io.tollgate.automation.AutomationFixtures.awaitStep;
import static io.tollgate.automation.AutomationFixtures.command;
import static io.tollgate.automation.AutomationFixtures.configure;
import static io.tollgate.automation.AutomationFixtures.lines;
import static io.tollgate.automation.AutomationFixtures.readyForStaging;
import static io.tollgate.automation.AutomationFixtures.start;
import static io.tollgate.support.ReleaseDriver.ok;
import static io.tollgate.support.ReleaseDriver.path;
import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.support.IntegrationTest;
import io.tollgate.support.Team;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The command executor: argv without a shell, TOLLGATE_* variables, output as the log. */
class CommandDeploymentIntegrationTests extends IntegrationTest {

  @Test
  void aCommandDeploysWithItsOutputAsTheLog() {
    Team t = team();
    // the program is sh here only to print the variables; Tollgate itself starts no shell
    configure(
        admin,
        t,
        "staging",
        command(
            List.of(
                "sh",
                "-c",
                "echo deploying $TOLLGATE_VERSION of $TOLLGATE_PRODUCT to $TOLLGATE_ENVIRONMENT;"
                    + " echo id=$TOLLGATE_DEPLOYMENT_ID kind=$TOLLGATE_KIND; echo oops >&2",
                "$0; echo injected"),
            30));
    String id = readyForStaging(t);
    String version = ok(t.rm.get(path(id))).json().path("version").asString();
    String d = start(t.devops, id, "deploy-staging");
    JsonNode done =
        awaitDeployment(t.devops, d, j -> "succeeded".equals(j.path("status").asString()));
    assertThat(lines(done))
        .contains("deploying " + version + " of " + t.product + " to staging")
        .contains("id=" + d + " kind=deploy")
        .contains("oops")
        .noneMatch(l -> l.equals("injected"));
    assertThat(awaitStep(t.devops, id, "deploy-staging", "done").path("by").asString())
        .isEqualTo("system");
  }

  @Test
  void aFailingAMissingAndASlowCommandEachEndClearly() {
    Team t = team();
    String id = readyForStaging(t);
    configure(admin, t, "staging", command(List.of("sh", "-c", "echo broken; exit 3"), 30));
    JsonNode failed =
        awaitDeployment(
            t.devops,
            start(t.devops, id, "deploy-staging"),
            j -> "failed".equals(j.path("status").asString()));
    assertThat(failed.path("message").asString()).isEqualTo("The command exited with 3.");
    awaitStep(t.devops, id, "deploy-staging", "failed");

    configure(admin, t, "staging", command(List.of("/no/such/deploy-tool", "x"), 30));
    JsonNode missing =
        awaitDeployment(
            t.devops,
            start(t.devops, id, "deploy-staging"),
            j -> "failed".equals(j.path("status").asString()));
    assertThat(missing.path("message").asString())
        .contains("/no/such/deploy-tool could not be started");
    awaitStep(t.devops, id, "deploy-staging", "failed");

    configure(admin, t, "staging", command(List.of("sleep", "30"), 1));
    JsonNode slow =
        awaitDeployment(
            t.devops,
            start(t.devops, id, "deploy-staging"),
            j -> "timed-out".equals(j.path("status").asString()));
    assertThat(slow.path("message").asString()).contains("longer than 1 s");
    awaitStep(t.devops, id, "deploy-staging", "failed");
  }
}
