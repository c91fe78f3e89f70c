package io.tollgate.release;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.process.ProcessDefinition;
import io.tollgate.process.StepDef;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The production-freeze rule without Spring, on a fixed clock. */
class FreezePolicyTests {
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-04T17:00:00Z"), ZoneOffset.UTC);
  final Instant now = CLOCK.instant();
  final ProcessDefinition process = ReleaseFixtures.OCTOACME;
  final StepDef production = process.step("deploy-production").orElseThrow();
  final StepDef staging = process.step("deploy-staging").orElseThrow();

  FrozenPeriod covering(String override) {
    return new FrozenPeriod(
        "f1",
        "Quarter-end close",
        now.minus(Duration.ofHours(1)),
        now.plus(Duration.ofHours(2)),
        override);
  }

  @Test
  void aCoveringFreezeBlocksTheProductionDeployWithABlockerNamingIt() {
    Action guarded =
        FreezePolicy.guard(
            Action.offered("complete", "deploy-production"),
            production,
            process,
            false,
            List.of(covering(null)),
            now);
    assertThat(guarded.isBlocked()).isTrue();
    assertThat(guarded.blockers()).hasSize(1);
    assertThat(guarded.blockers().get(0).kind()).isEqualTo("freeze");
    assertThat(guarded.blockers().get(0).key()).isEqualTo("f1");
    assertThat(guarded.blockers().get(0).title())
        .isEqualTo("Quarter-end close, until 2026-12-04 19:00 UTC");
  }

  @Test
  void stagingAFreezeNotCoveringNowAnApprovedOverrideAndARunningCompletionPass() {
    Action complete = Action.offered("complete", "deploy-production");
    assertThat(
            FreezePolicy.guard(
                    Action.offered("complete", "deploy-staging"),
                    staging,
                    process,
                    false,
                    List.of(covering(null)),
                    now)
                .isOffered())
        .isTrue();
    FrozenPeriod later =
        new FrozenPeriod(
            "f2", "Later", now.plus(Duration.ofHours(1)), now.plus(Duration.ofHours(2)), null);
    assertThat(
            FreezePolicy.guard(complete, production, process, false, List.of(later), now)
                .isOffered())
        .isTrue();
    assertThat(
            FreezePolicy.guard(complete, production, process, false, List.of(covering("o1")), now)
                .isOffered())
        .isTrue();
    assertThat(FreezePolicy.overridesUsed(List.of(covering("o1"), later), now))
        .extracting(FrozenPeriod::override)
        .containsExactly("o1");
    assertThat(
            FreezePolicy.guard(complete, production, process, true, List.of(covering(null)), now)
                .isOffered())
        .isTrue();
    assertThat(
            FreezePolicy.guard(
                    Action.offered("start", "deploy-production"),
                    production,
                    process,
                    true,
                    List.of(covering(null)),
                    now)
                .isBlocked())
        .isTrue();
  }

  @Test
  void aWindowOverlappingAFutureFreezeIsWarned() {
    FrozenPeriod future =
        new FrozenPeriod(
            "f3", "Inventory", now.plus(Duration.ofDays(3)), now.plus(Duration.ofDays(4)), null);
    Window inside =
        new Window(
            now.plus(Duration.ofDays(3)).plus(Duration.ofHours(1)),
            now.plus(Duration.ofDays(3)).plus(Duration.ofHours(2)));
    Window before =
        new Window(
            now.plus(Duration.ofDays(1)), now.plus(Duration.ofDays(1)).plus(Duration.ofHours(1)));
    assertThat(FreezePolicy.windowWarnings(inside, List.of(future)))
        .singleElement()
        .asString()
        .contains("Inventory");
    assertThat(FreezePolicy.windowWarnings(before, List.of(future))).isEmpty();
    assertThat(FreezePolicy.windowWarnings(null, List.of(future))).isEmpty();
  }
}
