package io.tollgate.release;

import static io.tollgate.release.ReleaseFixtures.NOW;
import static io.tollgate.release.ReleaseFixtures.OCTOACME;
import static io.tollgate.release.ReleaseFixtures.aReleaseAwaitingDecision;
import static io.tollgate.release.ReleaseFixtures.releaseManager;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tollgate.release.Decision.Verdict;
import io.tollgate.shared.Refused;
import org.junit.jupiter.api.Test;

/** A decision is a compare-and-set on the latest one. */
class DecisionsTests {

  /** The release as the next command loads it: saved with the next revision. */
  private static Release saved(Release release) {
    return Release.restore(
        release.toData().withRevision(release.revision() + 1), release.process());
  }

  @Test
  void aSecondDecisionRightAfterTheFirstMustNameTheOneItReplaces() {
    Release release = aReleaseAwaitingDecision();
    release.decide(Verdict.GO, "all gates met", releaseManager(), NOW);
    Release next = saved(release);

    assertThatThrownBy(() -> next.decide(Verdict.NO_GO, "wait", releaseManager(), NOW))
        .isInstanceOf(Refused.class)
        .hasMessageContaining("\"replaces\": 1")
        .hasMessageContaining("go by rita");
    assertThat(next.decisions()).hasSize(1);

    next.decide(Verdict.NO_GO, "wait", 1, releaseManager(), NOW);
    assertThat(next.decisions())
        .extracting(d -> d.decision())
        .containsExactly(Verdict.GO, Verdict.NO_GO);
  }

  @Test
  void namingADecisionThatIsNoLongerTheLatestIsRefused() {
    Release release = aReleaseAwaitingDecision();
    release.decide(Verdict.NO_GO, "not yet", releaseManager(), NOW);
    Release next = saved(release);

    assertThatThrownBy(() -> next.decide(Verdict.GO, "now", 0, releaseManager(), NOW))
        .isInstanceOf(Refused.class)
        .hasMessageContaining("the latest is decision 1");
  }

  @Test
  void afterOtherChangesADecisionNeedsNoName() {
    Release release = aReleaseAwaitingDecision();
    release.decide(Verdict.NO_GO, "not yet", releaseManager(), NOW);
    Release changed = saved(saved(release)); // something else happened in between

    changed.decide(Verdict.GO, "now", releaseManager(), NOW);

    assertThat(changed.decisions()).hasSize(2);
  }

  @Test
  void aDecisionStoredBeforeRevisionsWereKeptCountsAsFollowedByOtherChanges() {
    Release release = aReleaseAwaitingDecision();
    release.decide(Verdict.NO_GO, "not yet", releaseManager(), NOW);
    ReleaseData data = saved(release).toData();
    Decision old = data.decisions().get(0);
    ReleaseData legacy =
        new ReleaseData(
            data.schemaVersion(),
            data.id(),
            data.product(),
            data.process(),
            data.type(),
            data.version(),
            data.name(),
            data.window(),
            data.createdBy(),
            data.createdAt(),
            data.requirements(),
            data.steps(),
            data.handoffs(),
            java.util.List.of(
                new Decision(
                    old.decision(), old.rationale(), old.by(), old.at(), old.snapshot(), null)),
            data.approvals(),
            data.notes(),
            data.cancellation(),
            data.rollback(),
            data.revision(),
            data.source());

    Release restored = Release.restore(legacy, OCTOACME);
    restored.decide(Verdict.GO, "now", releaseManager(), NOW);

    assertThat(restored.decisions()).hasSize(2);
  }
}
