package io.tollgate.release;

import static io.tollgate.support.ReleaseDriver.path;
import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.support.Api;
import io.tollgate.support.IntegrationTest;
import io.tollgate.support.ReleaseDriver;
import io.tollgate.support.Team;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Conflicting commands sent at the same moment from real threads: one wins, the others get 409. */
class ConcurrencyIntegrationTests extends IntegrationTest {

  @Test
  void twoPeopleCompletingTheSameStepAtOnceNeverBothSucceed() throws Exception {
    Team t = team();
    String id = ReleaseDriver.plan(t, "minor");
    Api secondRm = t.person("rm2-" + t.product, List.of("release-manager"));
    List<Integer> statuses =
        race(
            8,
            i ->
                () ->
                    (i % 2 == 0 ? t.rm : secondRm)
                        .post(
                            path(id) + "/steps/schedule-window/complete", Map.of("note", "n" + i)));
    assertThat(statuses.stream().filter(s -> s == 200).count()).isEqualTo(1);
    assertThat(statuses.stream().filter(s -> s == 409).count()).isEqualTo(7);
    auditChained();
    assertThat(
            jdbc.sql(
                    "select count(*) from audit_events where release_id = ? and action = 'step.completed'")
                .param(id)
                .query(Long.class)
                .single())
        .isEqualTo(1);
    assertThat(t.rm.get(path(id)).json().path("revision").asLong()).isEqualTo(1);
  }

  @Test
  void commandsCarryingTheSameRevisionSucceedOnlyOnce() throws Exception {
    Team t = team();
    String id = ReleaseDriver.plan(t, "minor");
    String[] reqs = {"acceptance-criteria", "ci-security", "rollback-plan", "smoke-tests"};
    Api[] owners = {t.qa, t.devops, t.devops, t.qa};
    List<Integer> statuses =
        race(
            4,
            i ->
                () ->
                    owners[i].postWithIfMatch(
                        path(id) + "/requirements/" + reqs[i] + "/meet", Map.of(), "\"0\""));
    assertThat(statuses.stream().filter(s -> s == 200).count()).isEqualTo(1);
    assertThat(statuses.stream().filter(s -> s == 409).count()).isEqualTo(3);
    long met =
        t.rm
            .get(path(id))
            .json()
            .path("requirements")
            .valueStream()
            .filter(r -> r.path("status").asString().equals("met"))
            .count();
    assertThat(met).isEqualTo(1);
  }

  @Test
  void independentCommandsWithoutRevisionAllSucceedOneAfterAnother() throws Exception {
    Team t = team();
    String id = ReleaseDriver.plan(t, "minor");
    String[] reqs = {"acceptance-criteria", "ci-security", "rollback-plan", "smoke-tests"};
    Api[] owners = {t.qa, t.devops, t.devops, t.qa};
    List<Integer> statuses =
        race(
            4,
            i -> () -> owners[i].post(path(id) + "/requirements/" + reqs[i] + "/meet", Map.of()));
    assertThat(statuses).containsOnly(200);
    assertThat(t.rm.get(path(id)).json().path("revision").asLong()).isEqualTo(4);
  }

  @Test
  void goAndNoGoAtOnceWithoutIfMatchNeverBothSucceed() throws Exception {
    Team t = team();
    Api secondRm = t.person("rm2-" + t.product, List.of("release-manager"));
    for (int pair = 0; pair < 20; pair++) {
      String id = ReleaseDriver.plan(t, "patch");
      ReleaseDriver.prepare(t, id);
      List<Integer> statuses =
          race(
              2,
              i ->
                  () ->
                      (i == 0 ? t.rm : secondRm)
                          .post(
                              path(id) + "/decision",
                              Map.of(
                                  "decision", i == 0 ? "go" : "no-go", "rationale", "pair " + i)));
      assertThat(statuses).as("pair %d", pair).containsExactlyInAnyOrder(200, 409);
      assertThat(t.rm.get(path(id)).json().path("decisions")).as("pair %d", pair).hasSize(1);
    }
  }

  @Test
  void concurrentPlansOfTheSameVersionNeverBothSucceed() throws Exception {
    Team t = team();
    List<Integer> statuses =
        race(
            6,
            i ->
                () ->
                    t.rm.post(
                        "/api/v1/products/" + t.product + "/releases",
                        Map.of("type", "major", "version", "2.0.0")));
    assertThat(statuses.stream().filter(s -> s == 201).count()).isEqualTo(1);
    assertThat(statuses.stream().filter(s -> s == 409).count()).isEqualTo(5);
  }

  private static List<Integer> race(
      int n, java.util.function.IntFunction<Callable<Api.Response>> call) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(n);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<Api.Response>> futures = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        Callable<Api.Response> c = call.apply(i);
        futures.add(
            pool.submit(
                () -> {
                  start.await();
                  return c.call();
                }));
      }
      start.countDown();
      List<Integer> statuses = new ArrayList<>();
      for (Future<Api.Response> f : futures) {
        statuses.add(f.get().status());
      }
      return statuses;
    } finally {
      pool.shutdownNow();
    }
  }
}
