package io.tollgate.insights;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.insights.ReleaseTrail.Kind;
import io.tollgate.insights.ReleaseTrail.Mark;
import io.tollgate.process.ProcessDefinition;
import io.tollgate.process.ProcessParser;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Waits of releases of the built-in process, and the figures over a period: when a step became
 * actionable, whose it was, what a failed attempt or a skip does. No Spring.
 */
class WaitsTests {
  static final ProcessDefinition OCTOACME = ProcessParser.builtIn();
  static final Instant T0 = Instant.parse("2026-11-02T08:00:00Z");

  static Instant h(double hours) {
    return T0.plus(Duration.ofMinutes(Math.round(hours * 60)));
  }

  static Mark mark(Kind kind, String key, double hours) {
    return new Mark(kind, key, h(hours), null);
  }

  static Wait find(List<Wait> waits, String kind, String key) {
    return waits.stream()
        .filter(w -> w.kind().equals(kind) && w.key().equals(key))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + kind + " " + key + " in " + waits));
  }

  @Test
  void aStepWaitsFromWhenItsPredecessorsAreDoneAndBelongsToItsOwner() {
    List<Mark> marks = new ArrayList<>();
    marks.add(mark(Kind.STEP_DONE, "schedule-window", 1)); // actionable at planning
    marks.add(mark(Kind.STEP_SKIPPED, "backup", 2));
    marks.add(mark(Kind.STEP_DONE, "quality-gate", 4)); // after schedule-window (1 h)
    marks.add(mark(Kind.STEP_DONE, "deploy-staging", 7)); // after backup (2) and quality-gate (4)
    ReleaseTrail trail = new ReleaseTrail("r1", T0, OCTOACME, marks);

    List<Wait> waits = Waits.of(trail);
    assertThat(find(waits, Wait.STEP, "schedule-window"))
        .isEqualTo(new Wait(Wait.STEP, "schedule-window", "release-manager", 3600, h(1)));
    assertThat(find(waits, Wait.STEP, "quality-gate").seconds()).isEqualTo(3 * 3600);
    assertThat(find(waits, Wait.STEP, "quality-gate").role()).isEqualTo("qa-lead");
    assertThat(find(waits, Wait.STEP, "deploy-staging").seconds()).isEqualTo(3 * 3600);
    assertThat(find(waits, Wait.STEP, "deploy-staging").role()).isEqualTo("devops");
    assertThat(waits)
        .as("a skipped step did not wait to be done")
        .noneMatch(w -> w.key().equals("backup"));
  }

  @Test
  void theDecisionWaitsForEveryStepBeforeItAndEveryRequirement() {
    List<Mark> marks =
        List.of(
            mark(Kind.STEP_DONE, "schedule-window", 1),
            mark(Kind.STEP_DONE, "smoke-staging", 5),
            mark(Kind.REQUIREMENT_MET, "acceptance-criteria", 2),
            mark(Kind.REQUIREMENT_MET, "support-trained", 6),
            mark(Kind.DECIDED, "no-go", 6.25),
            mark(Kind.DECIDED, "go", 6.5),
            mark(Kind.DECIDED, "go", 9));
    List<Wait> waits = Waits.of(new ReleaseTrail("r1", T0, OCTOACME, marks));
    Wait decision = find(waits, Wait.STEP, "go-no-go");
    assertThat(decision.seconds())
        .as("from the last requirement met (6 h) to the first go")
        .isEqualTo(1800);
    assertThat(decision.role()).isEqualTo("release-manager");
    assertThat(find(waits, Wait.REQUIREMENT, "support-trained"))
        .as("from planning, owned by its first signer")
        .isEqualTo(
            new Wait(Wait.REQUIREMENT, "support-trained", "release-manager", 6 * 3600, h(6)));
  }

  @Test
  void aFailedAttemptDoesNotEndTheWaitAndARetryDoesNotRestartIt() {
    List<Mark> marks =
        List.of(
            mark(Kind.DECIDED, "go", 1),
            // a failed attempt at 2 h is not a mark: the trail holds completions that did not fail
            mark(Kind.STEP_DONE, "deploy-production", 3),
            mark(Kind.STEP_DONE, "deploy-production", 8));
    List<Wait> waits = Waits.of(new ReleaseTrail("r1", T0, OCTOACME, marks));
    assertThat(find(waits, Wait.STEP, "deploy-production").seconds()).isEqualTo(2 * 3600);
    assertThat(waits.stream().filter(w -> w.key().equals("deploy-production"))).hasSize(1);
  }

  @Test
  void aHandoffWaitsFromHandedToAcknowledgedAndBelongsToTheReceiver() {
    List<Mark> marks =
        List.of(
            new Mark(Kind.HANDED, "qa-to-rm", h(1), "release-manager"),
            new Mark(Kind.ACKNOWLEDGED, "qa-to-rm", h(1.5), null),
            new Mark(Kind.HANDED, "rm-to-devops", h(2), null),
            new Mark(Kind.HANDED, "devops-to-rm", h(3), null)); // not acknowledged: no wait yet
    List<Wait> waits = Waits.of(new ReleaseTrail("r1", T0, OCTOACME, marks));
    assertThat(waits)
        .containsExactly(new Wait(Wait.HANDOFF, "qa-to-rm", "release-manager", 1800, h(1.5)));

    List<Wait> noRoleInEvent =
        Waits.of(
            new ReleaseTrail(
                "r2",
                T0,
                OCTOACME,
                List.of(
                    new Mark(Kind.HANDED, "rm-to-devops", h(2), null),
                    new Mark(Kind.ACKNOWLEDGED, "rm-to-devops", h(4), null))));
    assertThat(noRoleInEvent.get(0).role()).as("from the process").isEqualTo("devops");
  }

  @Test
  void withoutItsProcessAStepWaitsFromPlanningWithoutARole() {
    List<Wait> waits =
        Waits.of(
            new ReleaseTrail("r1", T0, null, List.of(mark(Kind.STEP_DONE, "deploy-staging", 2))));
    assertThat(waits).containsExactly(new Wait(Wait.STEP, "deploy-staging", "", 7200, h(2)));
  }

  @Test
  void theFiguresCountWhatEndedInThePeriodGroupedByKeyAndRoleLongestFirst() {
    Period period = new Period(h(0), h(24));
    List<ReleaseTrail> trails = new ArrayList<>();
    // three releases planned at -10 h, 0 h and 2 h; quality gate done 1, 3 and 8 h after planning
    double[] planned = {-10, 0, 2};
    double[] gate = {1, 3, 8};
    for (int i = 0; i < 3; i++) {
      Instant p = h(planned[i]);
      trails.add(
          new ReleaseTrail(
              "r" + i,
              p,
              OCTOACME,
              List.of(
                  new Mark(
                      Kind.REQUIREMENT_MET, "acceptance-criteria", h(planned[i] + gate[i]), null),
                  new Mark(Kind.HANDED, "qa-to-rm", h(planned[i] + gate[i]), "release-manager"),
                  new Mark(
                      Kind.ACKNOWLEDGED,
                      "qa-to-rm",
                      h(planned[i] + gate[i] + 0.5 * (i + 1)),
                      null))));
    }
    DeliveryInsights d =
        DeliveryInsights.of(List.of("shop"), period, List.of(), List.of(), trails, List.of(), 0, 0);
    // release r0's requirement was met at -9 h: before the period, not counted
    assertThat(d.waits().requirements())
        .containsExactly(new WaitFigure("acceptance-criteria", "qa-lead", 2, 3 * 3600L, 8 * 3600L));
    // acknowledged at -8.5 h (out), 3 h + 1 h, 10 h + 1.5 h
    assertThat(d.waits().handoffs())
        .containsExactly(new WaitFigure("qa-to-rm", "release-manager", 2, 3600L, 5400L));
    assertThat(d.productionDeployments()).isZero();
    assertThat(d.changeFailureRate()).as("no deployments, no rate").isNull();
  }

  @Test
  void theDoraKeysOfAPeriod() {
    Period period = new Period(h(0), h(0).plus(Duration.ofDays(10)));
    List<ProductionDeployment> deployments =
        List.of(
            new ProductionDeployment("r1", h(5), h(1), null, false, false), // 4 h
            new ProductionDeployment("r2", h(30), h(20), h(18), false, true), // 12 h from a commit
            new ProductionDeployment("r3", h(50), h(48), h(49), true, false), // 2 h: commit later
            new ProductionDeployment("r4", h(60), h(54), null, false, false)); // 6 h
    List<Restore> restores =
        List.of(new Restore(h(31), h(33)), new Restore(h(40), h(40.5)), new Restore(h(41), h(42)));
    DeliveryInsights d =
        DeliveryInsights.of(
            List.of("shop"),
            period,
            deployments,
            restores,
            List.of(),
            List.of("tests failing", " tests failing ", "no rollback plan", ""),
            3,
            2);
    assertThat(d.productionDeployments()).isEqualTo(4);
    assertThat(d.deploymentFrequency()).isEqualTo(0.4);
    assertThat(d.leadTimeSeconds()).isEqualTo(new Spread(4 * 3600L, 12 * 3600L, 4));
    assertThat(d.failedDeployments()).isEqualTo(2);
    assertThat(d.changeFailureRate()).isEqualTo(0.5);
    assertThat(d.timeToRestoreSeconds()).isEqualTo(new Spread(3600L, 7200L, 3));
    assertThat(d.noGo())
        .containsExactly(
            new ReasonCount("tests failing", 2),
            new ReasonCount("(no reason given)", 1),
            new ReasonCount("no rollback plan", 1));
    assertThat(d.overrides()).isEqualTo(3);
    assertThat(d.releasesCancelled()).isEqualTo(2);
  }
}
