package io.tollgate.automation;

import static io.tollgate.automation.AutomationFixtures.awaitDeployment;
import static io.tollgate.automation.AutomationFixtures.awaitStep;
import static io.tollgate.automation.AutomationFixtures.command;
import static io.tollgate.automation.AutomationFixtures.configure;
import static io.tollgate.automation.AutomationFixtures.lines;
import static io.tollgate.automation.AutomationFixtures.readyForStaging;
import static io.tollgate.automation.AutomationFixtures.start;
import static io.tollgate.support.ReleaseDriver.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tollgate.automation.internal.JobScheduler;
import io.tollgate.shared.outbound.StandardWebhooks;
import io.tollgate.support.IntegrationTest;
import io.tollgate.support.Team;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * What a node that died mid-job leaves behind is finished by the living one: the rows of {@code
 * scheduled_tasks} are put in the state a killed node leaves (picked by it, its heartbeat stopped
 * an hour ago) while this node takes no jobs; then this node finds them dead and runs them. (The
 * real kill -9 of a second server process is {@link TwoNodesIntegrationTests}.)
 */
class DeadNodeIntegrationTests extends IntegrationTest {
  final String secret = StandardWebhooks.newSecret();

  @Autowired JobScheduler jobs;

  @AfterEach
  void takeJobsAgain() {
    jobs.resume();
  }

  /** Leaves the job as a node killed while running it would: picked, heartbeat long stopped. */
  void diedRunning(String task, String instance) {
    int updated =
        jdbc.sql(
                "update scheduled_tasks set picked = true, picked_by = 'killed-node',"
                    + " last_heartbeat = ? where task_name = ? and task_instance = ?")
            .params(OffsetDateTime.now(ZoneOffset.UTC).minusHours(1), task, instance)
            .update();
    assertThat(updated).as("the job %s %s waits", task, instance).isEqualTo(1);
  }

  List<JsonNode> runs(Team t, String release, String kind) {
    return ok(t.qa.get("/api/v1/releases/" + release + "/deployments"))
        .json()
        .valueStream()
        .filter(j -> kind.equals(j.path("kind").asString()))
        .toList();
  }

  @Test
  void theVerificationAfterADeployIsStartedOnceThoughTheNodeDiedAfterTheDeployEnded() {
    try (PipelineReceiver pipeline = new PipelineReceiver();
        Endpoint health = new Endpoint()) {
      pipeline.secret(secret);
      health.answer(n -> new Endpoint.Answer(200, "UP"));
      Team t = team();
      configure(
          t.devops,
          t,
          "staging",
          Map.of(
              "executor",
              Map.of("kind", "webhook", "url", pipeline.url(), "secret", secret),
              "verification",
              Map.of(
                  "checks",
                  List.of(Map.of("kind", "http", "url", health.url("/health"))),
                  "intervalSeconds",
                  1)));
      String release = readyForStaging(t);
      String d = start(t.devops, release, "deploy-staging");
      await().atMost(Duration.ofSeconds(20)).until(() -> !pipeline.received.isEmpty());

      jobs.pause(); // the node that completes the deploy dies before its follow-up runs
      var done = PipelineReceiver.callback(pipeline.received.get(0), Map.of("status", "succeeded"));
      assertThat(done.status()).as(done.body()).isEqualTo(200);
      awaitStep(t.devops, release, "deploy-staging", "done");
      assertThat(scheduledJobs("deployment-follow-up", d))
          .as("the follow-up is a job, scheduled with the step's completion")
          .isEqualTo(1);
      assertThat(runs(t, release, "verify")).isEmpty();
      diedRunning("deployment-follow-up", d);
      jobs.resume();

      awaitStep(t.qa, release, "smoke-staging", "done");
      assertThat(runs(t, release, "verify")).hasSize(1);
      assertThat(lines(AutomationFixtures.deployment(t.devops, d)))
          .anyMatch(l -> l.startsWith("Verification ") && l.endsWith("started (smoke-staging)."));

      // the same job run once more (its node died after it committed) starts nothing again
      jdbc.sql(
              "insert into scheduled_tasks (task_name, task_instance, execution_time, picked,"
                  + " version) values ('deployment-follow-up', ?, ?, false, 1)")
          .params(d, OffsetDateTime.now(ZoneOffset.UTC))
          .update();
      await()
          .atMost(Duration.ofSeconds(20))
          .until(() -> scheduledJobs("deployment-follow-up", d) == 0);
      assertThat(runs(t, release, "verify")).hasSize(1);
    }
  }

  @Test
  void aCommandWhoseNodeDiedWhileItRanFailsWithTheReason() {
    Team t = team();
    configure(admin, t, "staging", command(List.of("sh", "-c", "echo deployed"), 30));
    String release = readyForStaging(t);
    jobs.pause(); // the deployment is taken by the node that then dies
    String d = start(t.devops, release, "deploy-staging");
    // what that node wrote before it died: the attempt counted, the command running
    jdbc.sql("update automated_deployments set attempts = 1, status = 'running' where id = ?")
        .param(d)
        .update();
    diedRunning("deployment-dispatch", d + ":1");
    jobs.resume();

    JsonNode failed =
        awaitDeployment(t.devops, d, j -> "failed".equals(j.path("status").asString()));
    assertThat(failed.path("message").asString())
        .contains("node running the command stopped before the command ended")
        .contains("Check staging, then deploy again");
    assertThat(lines(failed)).as("not run a second time").noneMatch(l -> l.equals("deployed"));
    assertThat(awaitStep(t.devops, release, "deploy-staging", "failed").path("by").asString())
        .isEqualTo("system");
  }

  @Test
  void aCommandTakenByANodeThatDiedBeforeStartingItRunsOnce() {
    Team t = team();
    configure(admin, t, "staging", command(List.of("sh", "-c", "echo deployed"), 30));
    String release = readyForStaging(t);
    jobs.pause();
    String d = start(t.devops, release, "deploy-staging");
    diedRunning("deployment-dispatch", d + ":1"); // picked, nothing written yet
    jobs.resume();

    JsonNode done =
        awaitDeployment(t.devops, d, j -> "succeeded".equals(j.path("status").asString()));
    assertThat(lines(done).stream().filter(l -> l.equals("deployed"))).hasSize(1);
    awaitStep(t.devops, release, "deploy-staging", "done");
  }
}
