package io.tollgate.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The last known-good release of an environment, chosen among candidates newest first. */
class LastKnownGoodTests {
  private static final Instant AT = Instant.parse("2026-03-01T10:00:00Z");
  private static long ids = 100;

  private static Deployment deploy(
      String release, String outcome, String verified, boolean rolledBack) {
    return new Deployment(
        ids--,
        "checkout",
        "production",
        release,
        release,
        "deploy",
        outcome,
        verified,
        rolledBack,
        "dora",
        AT);
  }

  @Test
  void theNewestSucceededDeploymentThatWasNeitherRolledBackNorFailedVerification() {
    List<Deployment> newestFirst =
        List.of(
            deploy("1.4.0", "failed", null, false),
            deploy("1.3.1", "succeeded", "failed", false),
            deploy("1.3.0", "succeeded", null, true),
            deploy("1.2.0", "succeeded", "succeeded", false),
            deploy("1.1.0", "succeeded", null, false));

    assertThat(LastKnownGood.among(newestFirst, null)).map(Deployment::release).contains("1.2.0");
  }

  @Test
  void theReleaseBeingRolledBackDoesNotCount() {
    List<Deployment> newestFirst =
        List.of(
            deploy("1.2.0", "succeeded", null, false), deploy("1.1.0", "succeeded", null, false));

    assertThat(LastKnownGood.among(newestFirst, "1.2.0"))
        .map(Deployment::release)
        .contains("1.1.0");
  }

  @Test
  void rollbacksAreNotCandidatesAndNothingGoodMeansNone() {
    Deployment rollback =
        new Deployment(
            1,
            "checkout",
            "production",
            "1.0.0",
            "1.0.0",
            "rollback",
            "succeeded",
            null,
            false,
            "dora",
            AT);

    assertThat(LastKnownGood.among(List.of(rollback), null)).isEmpty();
    assertThat(LastKnownGood.among(List.of(), null)).isEmpty();
  }
}
