package io.tollgate.release;

import static io.tollgate.release.ReleaseFixtures.NOW;
import static io.tollgate.release.ReleaseFixtures.OCTOACME;
import static io.tollgate.release.ReleaseFixtures.aPlannedRelease;
import static io.tollgate.release.ReleaseFixtures.aRejectedRelease;
import static io.tollgate.release.ReleaseFixtures.aReleaseAwaitingDecision;
import static io.tollgate.release.ReleaseFixtures.person;
import static io.tollgate.release.ReleaseFixtures.releaseManager;
import static io.tollgate.release.ReleaseFixtures.requirement;
import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.notes.ReleaseNotes;
import io.tollgate.process.ReleaseType;
import io.tollgate.process.RequirementDef;
import io.tollgate.shared.Blocker;
import io.tollgate.shared.Forbidden;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The named policies, each on its own inputs. */
class PoliciesTests {

  private static Map<String, RequirementState> requirements(Release r) {
    Map<String, RequirementState> m = new LinkedHashMap<>();
    r.requirements().forEach(s -> m.put(s.key(), s));
    return m;
  }

  private static Map<String, StepState> steps(Release r) {
    Map<String, StepState> m = new LinkedHashMap<>();
    r.steps().forEach(s -> m.put(s.key(), s));
    return m;
  }

  @Test
  void goWaitsForEveryRequirementAndEveryStepBeforeTheDecisionAndNothingAfterIt() {
    Release planned = aPlannedRelease();

    List<Blocker> blockers = GoPolicy.blockers(OCTOACME, requirements(planned), steps(planned));

    assertThat(blockers)
        .extracting(b -> b.kind() + ":" + b.key())
        .contains("requirement:acceptance-criteria", "step:smoke-staging")
        .doesNotContain("step:deploy-production", "step:go-no-go");
    Release ready = aReleaseAwaitingDecision();
    assertThat(GoPolicy.blockers(OCTOACME, requirements(ready), steps(ready))).isEmpty();
  }

  @Test
  void orderWaitsForEarlierStepsAndAfterTheDecisionForAGo() {
    Release rejected = aRejectedRelease();

    List<Blocker> blockers =
        OrderPolicy.blockersOf(
            OCTOACME.step("deploy-production").orElseThrow(),
            OCTOACME,
            steps(rejected),
            requirements(rejected),
            rejected.latestDecision());

    assertThat(blockers).extracting(Blocker::kind).containsExactly("decision");
    assertThat(blockers.get(0).title()).startsWith("Latest decision is no-go");
  }

  @Test
  void aSecondSignatureMustComeFromAnotherRoleAndAnotherPerson() {
    RequirementDef def = OCTOACME.requirement("support-trained").orElseThrow();
    Release release = aPlannedRelease();
    RequirementState open = requirement(release, "support-trained");
    Participant both = person("pat", "release-manager", "support");

    assertThat(SignaturePolicy.roleToSign(def, open, both)).contains("release-manager");
    assertThat(SignaturePolicy.refusal(def, open, person("dev", "developer")))
        .isInstanceOf(Forbidden.class);

    release.meet("support-trained", Evidence.NONE, both, NOW);
    RequirementState signed = requirement(release, "support-trained");
    assertThat(SignaturePolicy.unsignedRoles(def, signed)).containsExactly("support");
    assertThat(SignaturePolicy.refusal(def, signed, both)).hasMessageContaining("another person");
    assertThat(SignaturePolicy.refusal(def, signed, person("sam", "support"))).isNull();
    assertThat(SignaturePolicy.complete(def, signed)).isFalse();
  }

  @Test
  void notesCompleteNamesTheMissingFieldsForTheReleaseType() {
    RequirementDef def = OCTOACME.requirement("release-notes").orElseThrow();
    ReleaseNotes notes =
        ReleaseNotes.empty()
            .with("summary", List.of("Faster checkout"))
            .with("notableChanges", List.of("One-page checkout"));

    assertThat(NotesCompletePolicy.blockers(def, notes, OCTOACME.notes(), ReleaseType.MINOR))
        .isEmpty();
    assertThat(NotesCompletePolicy.blockers(def, notes, OCTOACME.notes(), ReleaseType.MAJOR))
        .extracting(Blocker::key)
        .containsExactly("migrationSteps");
    RequirementDef other = OCTOACME.requirement("rollback-plan").orElseThrow();
    assertThat(
            NotesCompletePolicy.blockers(
                other, ReleaseNotes.empty(), OCTOACME.notes(), ReleaseType.MAJOR))
        .as("only requirements with check: notes-complete")
        .isEmpty();
    assertThat(releaseManager().holds("release-manager")).isTrue();
  }
}
