package io.tollgate.automation;

import static io.tollgate.automation.AutomationFixtures.awaitStep;
import static io.tollgate.automation.AutomationFixtures.configure;
import static io.tollgate.automation.AutomationFixtures.readyForStaging;
import static io.tollgate.automation.AutomationFixtures.webhook;
import static io.tollgate.support.ReleaseDriver.ok;
import static io.tollgate.support.ReleaseDriver.path;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tollgate.TollgateApplication;
import io.tollgate.shared.outbound.StandardWebhooks;
import io.tollgate.support.Api;
import io.tollgate.support.IntegrationTest;
import io.tollgate.support.Team;
import io.tollgate.support.TestDatabase;
import java.io.File;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Jobs run once across nodes: two servers on one database share the deployments, and a server
 * killed (SIGKILL) while it asks the pipeline leaves a job that the other node finishes, asking the
 * pipeline again only with the same {@code webhook-id}.
 */
class TwoNodesIntegrationTests extends IntegrationTest {
  final String secret = StandardWebhooks.newSecret();

  @org.springframework.beans.factory.annotation.Autowired
  io.tollgate.automation.internal.JobScheduler jobs;

  /** The second node's properties: the same database, keys and job settings as this one's. */
  static Map<String, String> nodeProperties(int port) {
    Map<String, String> p = new HashMap<>(TestDatabase.properties("tollgate-it", "tollgate_it"));
    p.put("server.port", Integer.toString(port));
    p.put("tollgate.data-dir", Path.of("target/it-data").toAbsolutePath().toString());
    p.put("tollgate.bootstrap-admin-token", ADMIN_TOKEN);
    p.put("tollgate.demo", "false");
    p.put("tollgate.automation.retry-base", "PT0.1S");
    p.put("tollgate.automation.polling-interval", "PT0.2S");
    p.put("tollgate.automation.heartbeat-interval", "PT1S");
    return p;
  }

  static String[] args(Map<String, String> props) {
    return props.entrySet().stream()
        .map(e -> "--" + e.getKey() + "=" + e.getValue())
        .toArray(String[]::new);
  }

  @Test
  void twoNodesOnOneDatabaseAskThePipelineOncePerDeployment() throws Exception {
    try (PipelineReceiver pipeline = new PipelineReceiver();
        ConfigurableApplicationContext second =
            new SpringApplicationBuilder(TollgateApplication.class)
                .properties(TollgateApplication.defaults())
                .run(args(nodeProperties(0)))) {
      pipeline.secret(secret);
      int secondPort = ((WebServerApplicationContext) second).getWebServer().getPort();
      List<String> deployments = new ArrayList<>();
      List<Team> teams = new ArrayList<>();
      for (int i = 0; i < 6; i++) {
        Team t = team();
        configure(t.devops, t, "staging", webhook(pipeline.url(), secret));
        String release = readyForStaging(t);
        // half of them started on each node
        Api devops = i % 2 == 0 ? t.devops : t.devops.onPort(secondPort);
        Api.Response started = devops.post(path(release) + "/steps/deploy-staging/start");
        assertThat(started.status()).as(started.toString()).isEqualTo(202);
        deployments.add(started.json().path("deployment").path("id").asString());
        teams.add(t);
        teamsReleases.put(t, release);
      }
      await().atMost(Duration.ofSeconds(20)).until(() -> pipeline.received.size() >= 6);
      for (PipelineReceiver.Received r : pipeline.received) {
        var answer = PipelineReceiver.callback(r, Map.of("status", "succeeded"));
        assertThat(answer.status()).as(answer.body()).isIn(200);
      }
      for (Team t : teams) awaitStep(t.devops, teamsReleases.get(t), "deploy-staging", "done");
      // every dispatch job is done (none waits to run again), and each asked once
      for (String d : deployments) {
        await()
            .atMost(Duration.ofSeconds(10))
            .until(
                () ->
                    jdbc.sql(
                                "select count(*) from scheduled_tasks where task_name ="
                                    + " 'deployment-dispatch' and task_instance like ?")
                            .param(d + ":%")
                            .query(Integer.class)
                            .single()
                        == 0);
      }
      Map<String, Long> perDeployment =
          pipeline.received.stream()
              .collect(Collectors.groupingBy(PipelineReceiver.Received::id, Collectors.counting()));
      assertThat(perDeployment.keySet()).containsExactlyInAnyOrderElementsOf(deployments);
      assertThat(perDeployment.values()).allMatch(n -> n == 1);
    }
  }

  private final Map<Team, String> teamsReleases = new HashMap<>();

  @Test
  void aNodeKilledWhileItAsksThePipelineLeavesTheJobToTheOtherNode() throws Exception {
    Assumptions.assumeTrue(
        onPostgres(), "a second server process shares the database only on PostgreSQL");
    CountDownLatch firstArrived = new CountDownLatch(1);
    CountDownLatch never = new CountDownLatch(1);
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    try (PipelineReceiver pipeline = new PipelineReceiver()) {
      pipeline.secret(secret);
      pipeline.answer(
          n -> {
            if (n == 1) {
              firstArrived.countDown();
              try {
                never.await(60, TimeUnit.SECONDS); // the node asking is killed meanwhile
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            }
            return 202;
          });
      Team t = team();
      configure(t.devops, t, "staging", webhook(pipeline.url(), secret));
      String release = readyForStaging(t);

      List<String> command = new ArrayList<>();
      command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      command.add("-cp");
      command.add(System.getProperty("java.class.path"));
      command.add(TollgateApplication.class.getName());
      command.addAll(List.of(args(nodeProperties(port))));
      Process node =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(new File("target/killed-node.log"))
              .start();
      try {
        Api other = t.devops.onPort(port);
        await()
            .atMost(Duration.ofSeconds(90))
            .ignoreExceptions()
            .until(() -> other.get("/api/v1/me").status() == 200);
        // this node must not take the job: the other node starts it and runs it
        jobs.pause();
        Api.Response started = other.post(path(release) + "/steps/deploy-staging/start");
        assertThat(started.status()).as(started.toString()).isEqualTo(202);
        String id = started.json().path("deployment").path("id").asString();
        assertThat(firstArrived.await(20, TimeUnit.SECONDS)).isTrue();
        assertThat(pipeline.received.get(0).callbackUrl())
            .as(
                "the node to be killed is the one asking: no other node may take jobs meanwhile"
                    + " (another cached test context with tollgate.automation.run-jobs left on?)")
            .startsWith("http://localhost:" + port + "/");
        node.destroyForcibly(); // SIGKILL, in the middle of the job
        assertThat(node.waitFor(20, TimeUnit.SECONDS)).isTrue();
        never.countDown();
        jobs.resume();

        // this node finds the dead job and asks again, with the same webhook-id
        await().atMost(Duration.ofSeconds(60)).until(() -> pipeline.received.size() >= 2);
        Set<String> ids = new TreeSet<>();
        pipeline.received.forEach(r -> ids.add(r.id()));
        assertThat(ids).containsExactly(id);
        PipelineReceiver.Received retry = pipeline.received.get(pipeline.received.size() - 1);
        assertThat(retry.validSig()).isTrue();
        assertThat(PipelineReceiver.callback(retry, Map.of("status", "succeeded")).status())
            .isEqualTo(200);
        awaitStep(t.devops, release, "deploy-staging", "done");
        assertThat(
                jdbc.sql("select count(*) from automated_deployments where release_id = ?")
                    .param(release)
                    .query(Integer.class)
                    .single())
            .as("no doubled deployment")
            .isEqualTo(1);
        assertThat(ok(t.devops.get(path(release))).json().toString()).contains("deploy-staging");
      } finally {
        jobs.resume();
        node.destroyForcibly();
      }
    }
  }
}
